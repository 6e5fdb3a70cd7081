import { conditionalEscape, escapeHtml, markSafe } from '../html/escape.js';
import { stripTags, truncateHtmlChars, truncateHtmlWords } from '../html/text.js';
import { jsonScript } from '../html/json-script.js';
import { catching, pyInt } from '../python/conv.js';
import { pyStr } from '../values/repr.js';
import { isSafe } from '../values/safe.js';
import { pyQuote } from '../html/urls.js';
import { urlize } from '../html/urlize.js';
import { dictEntries, isDict, pyError, pyTypeName } from '../values/model.js';
import type { FilterEnv, FilterSpec } from './spec.js';

const JS_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\u005C',
  "'": '\\u0027',
  '"': '\\u0022',
  '>': '\\u003E',
  '<': '\\u003C',
  '&': '\\u0026',
  '=': '\\u003D',
  '-': '\\u002D',
  ';': '\\u003B',
  '`': '\\u0060',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Django `escapejs`: characters that could end a JS string or a script block as `\uXXXX`. */
function escapejs(s: string): string {
  return s.replace(
    /[\\'"><&=\-;`\u2028\u2029\x00-\x1f]/g,
    (c) => JS_ESCAPES[c] ?? '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'),
  );
}

function normalizeNewlines(s: string): string {
  return s.replace(/\r\n|\r/g, '\n');
}

/** Django `utils.html.linebreaks`: paragraphs at blank lines, `<br>` at single newlines. */
function linebreaks(value: string, autoescape: boolean): string {
  return normalizeNewlines(value)
    .split(/\n{2,}/)
    .map((p) => `<p>${(autoescape ? escapeHtml(p) : p).replaceAll('\n', '<br>')}</p>`)
    .join('\n\n');
}

function iterList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' || isSafe(value)) return Array.from(String(value));
  if (isDict(value)) return dictEntries(value).map(([k]) => k);
  throw pyError('TypeError', `'${pyTypeName(value)}' object is not iterable`);
}

// Django's unordered_list: an item followed by a list is that item's sublist.
function walkItems(items: readonly unknown[]): [unknown, unknown[] | null][] {
  const out: [unknown, unknown[] | null][] = [];
  for (let i = 0; i < items.length; i++) {
    const next = items[i + 1];
    if (Array.isArray(next)) {
      out.push([items[i], next]);
      i++;
    } else out.push([items[i], null]);
  }
  return out;
}

function listFormatter(items: readonly unknown[], tabs: number, escaper: (x: unknown) => string): string {
  const indent = '\t'.repeat(tabs);
  return walkItems(items)
    .map(([item, children]) => {
      const sublist = children?.length
        ? `\n${indent}<ul>\n${listFormatter(children, tabs + 1, escaper)}\n${indent}</ul>\n${indent}`
        : '';
      return `${indent}<li>${escaper(item)}${sublist}</li>`;
    })
    .join('\n');
}

/**
 * Django passes a filter argument positionally, so for `f(value, autoescape=True)` it lands on
 * `autoescape` and the call fails: `got multiple values for argument 'autoescape'`.
 */
function autoescapeOnly(name: string, fn: (value: unknown, env: FilterEnv) => unknown): FilterSpec['fn'] {
  return (value, arg, env) => {
    if (arg !== undefined) throw pyError('TypeError', `${name}() got multiple values for argument 'autoescape'`);
    return fn(value, env);
  };
}

function intArgOrValue(value: unknown, arg: unknown, fn: (s: string, n: number) => string): string {
  const s = pyStr(value);
  return catching(
    ['ValueError'],
    () => fn(s, pyInt(arg)),
    () => s,
  );
}

export const escapeFilter: FilterSpec = { fn: (v) => markSafe(conditionalEscape(v)), arg: 'none', isSafe: true };

export const escapejsFilter: FilterSpec = { fn: (v) => markSafe(escapejs(pyStr(v))), arg: 'none' };

export const escapeseqFilter: FilterSpec = {
  fn: (v) => iterList(v).map((x) => markSafe(conditionalEscape(x))),
  arg: 'none',
  isSafe: true,
};

export const forceEscapeFilter: FilterSpec = { fn: (v) => markSafe(escapeHtml(pyStr(v))), arg: 'none', isSafe: true };

export const iriencodeFilter: FilterSpec = {
  fn: (v) => pyQuote(pyStr(v), "/#%[]=:;$&()+,!?*@'~"),
  arg: 'none',
  isSafe: true,
};

export const jsonScriptFilter: FilterSpec = {
  fn: (v, arg) => markSafe(jsonScript(v, arg)),
  arg: 'optional',
  isSafe: true,
};

export const linebreaksFilter: FilterSpec = {
  fn: autoescapeOnly('linebreaks', (v, env) => markSafe(linebreaks(pyStr(v), env.autoescape && !isSafe(v)))),
  arg: 'optional',
  isSafe: true,
  needsAutoescape: true,
};

export const linebreaksbrFilter: FilterSpec = {
  fn: autoescapeOnly('linebreaksbr', (v, env) => {
    const text = normalizeNewlines(pyStr(v));
    return markSafe((env.autoescape && !isSafe(v) ? escapeHtml(text) : text).replaceAll('\n', '<br>'));
  }),
  arg: 'optional',
  isSafe: true,
  needsAutoescape: true,
};

export const linenumbersFilter: FilterSpec = {
  fn: autoescapeOnly('linenumbers', (v, env) => {
    const lines = pyStr(v).split('\n');
    const width = String(lines.length).length;
    const escaping = env.autoescape && !isSafe(v);
    return markSafe(
      lines.map((line, i) => `${String(i + 1).padStart(width, '0')}. ${escaping ? escapeHtml(line) : line}`).join('\n'),
    );
  }),
  arg: 'optional',
  isSafe: true,
  needsAutoescape: true,
};

export const safeFilter: FilterSpec = { fn: (v) => markSafe(pyStr(v)), arg: 'none', isSafe: true };

export const safeseqFilter: FilterSpec = { fn: (v) => iterList(v).map((x) => markSafe(x)), arg: 'none', isSafe: true };

export const striptagsFilter: FilterSpec = { fn: (v) => stripTags(pyStr(v)), arg: 'none', isSafe: true };

export const truncatecharsHtmlFilter: FilterSpec = {
  fn: (v, arg) => intArgOrValue(v, arg, truncateHtmlChars),
  arg: 'required',
  isSafe: true,
};

export const truncatewordsHtmlFilter: FilterSpec = {
  fn: (v, arg) => intArgOrValue(v, arg, truncateHtmlWords),
  arg: 'required',
  isSafe: true,
};

export const unorderedListFilter: FilterSpec = {
  fn: autoescapeOnly('unordered_list', (v, env) =>
    markSafe(listFormatter(iterList(v), 1, env.autoescape ? conditionalEscape : pyStr)),
  ),
  arg: 'optional',
  isSafe: true,
  needsAutoescape: true,
};

export const urlencodeFilter: FilterSpec = {
  fn: (v, arg) => pyQuote(pyStr(v), arg === undefined || arg === null ? '/' : pyStr(arg)),
  arg: 'optional',
  isSafe: false,
};

export const urlizeFilter: FilterSpec = {
  fn: autoescapeOnly('urlize', (v, env) =>
    markSafe(urlize(pyStr(v), { safeInput: isSafe(v), autoescape: env.autoescape })),
  ),
  arg: 'optional',
  isSafe: true,
  needsAutoescape: true,
};

export const urlizetruncFilter: FilterSpec = {
  fn: (v, arg, env) =>
    markSafe(urlize(pyStr(v), { safeInput: isSafe(v), autoescape: env.autoescape, limit: pyInt(arg) })),
  arg: 'required',
  isSafe: true,
  needsAutoescape: true,
};

/** Django's built-in HTML, escaping and URL filters.
 * Each is also exported on its own, so a bundle keeps only the filters it imports.
 */
export const htmlFilters: Readonly<Record<string, FilterSpec>> = {
  escape: escapeFilter,
  escapejs: escapejsFilter,
  escapeseq: escapeseqFilter,
  force_escape: forceEscapeFilter,
  iriencode: iriencodeFilter,
  json_script: jsonScriptFilter,
  linebreaks: linebreaksFilter,
  linebreaksbr: linebreaksbrFilter,
  linenumbers: linenumbersFilter,
  safe: safeFilter,
  safeseq: safeseqFilter,
  striptags: striptagsFilter,
  truncatechars_html: truncatecharsHtmlFilter,
  truncatewords_html: truncatewordsHtmlFilter,
  unordered_list: unorderedListFilter,
  urlencode: urlencodeFilter,
  urlize: urlizeFilter,
  urlizetrunc: urlizetruncFilter,
};
