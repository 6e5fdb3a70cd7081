import { escapeHtml } from './escape.js';
import { type HtmlHandler, parseHtml } from './parser.js';
import { codePointLength } from '../values/iterate.js';
import { addTruncationText, truncateCharsLength } from '../text/truncate.js';
import { pyError } from '../values/model.js';

/** Django's VOID_ELEMENTS: tags the truncating parsers never expect to be closed. */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'frame',
  'spacer',
]);

const MAX_STRIP_TAGS_DEPTH = 50;
const LONG_OPEN_TAG = /<[a-zA-Z][^>]{1000,}/g;

function stripOnce(value: string): string {
  const fed: string[] = [];
  const handler: HtmlHandler = {
    data: (d) => fed.push(d),
    startTag: () => undefined,
    startEndTag: () => undefined,
    endTag: () => undefined,
    charRef: (name) => fed.push(`&#${name};`),
    entityRef: (name) => fed.push(`&${name};`),
  };
  parseHtml(value, handler, { convertCharrefs: false, close: true });
  return fed.join('');
}

function countLt(s: string): number {
  let n = 0;
  for (let i = s.indexOf('<'); i >= 0; i = s.indexOf('<', i + 1)) n++;
  return n;
}

/**
 * Django `strip_tags`: run Python's HTMLParser over the text, keeping only text and character
 * references, until no more tags come out. Pathologically nested input raises SuspiciousOperation.
 */
export function stripTags(input: string): string {
  let value = input;
  for (const m of value.matchAll(LONG_OPEN_TAG)) {
    if (countLt(m[0]) >= MAX_STRIP_TAGS_DEPTH)
      throw pyError('SuspiciousOperation', 'strip_tags: too deeply nested markup');
  }
  let depth = 0;
  while (value.includes('<') && value.includes('>')) {
    if (depth >= MAX_STRIP_TAGS_DEPTH) throw pyError('SuspiciousOperation', 'strip_tags: too deeply nested markup');
    const next = stripOnce(value);
    if (countLt(value) === countLt(next)) break;
    value = next;
    depth++;
  }
  return value;
}

const COMPLETED = Symbol('truncation completed');

interface Truncation {
  /** Splits a text chunk into the units counted (characters or words) and renders the kept part. */
  process(data: string, state: { output: string; remaining: number }): { units: number; output: string };
  readonly replacement: string | undefined;
}

function truncateHtml(text: string, length: number, t: Truncation): string {
  const state = { output: '', remaining: length };
  const open: string[] = [];
  const startTag = (tag: string, raw: string): void => {
    state.output += raw;
    if (!VOID_ELEMENTS.has(tag)) open.unshift(tag);
  };
  const endTag = (tag: string): void => {
    if (VOID_ELEMENTS.has(tag)) return;
    state.output += `</${tag}>`;
    if (open[0] === tag) open.shift();
  };
  const handler: HtmlHandler = {
    data: (data) => {
      const { units, output } = t.process(data, state);
      if (state.remaining < units) {
        state.remaining = 0;
        state.output += addTruncationText(output, t.replacement);
        throw COMPLETED;
      }
      state.remaining -= units;
      state.output += output;
    },
    startTag,
    startEndTag: (tag, raw) => {
      startTag(tag, raw);
      endTag(tag);
    },
    endTag,
    charRef: () => undefined,
    entityRef: () => undefined,
  };
  try {
    parseHtml(text, handler, { convertCharrefs: true, close: false });
  } catch (e) {
    if (e !== COMPLETED) throw e;
    state.output += open.map((tag) => `</${tag}>`).join('');
  }
  return state.output;
}

/** Django `Truncator(text).chars(length, html=True)` (`truncatechars_html`). */
export function truncateHtmlChars(input: string, length: number): string {
  if (length <= 0) return '';
  const text = input.normalize('NFC');
  const rawLength = codePointLength(text);
  let processed = 0;
  return truncateHtml(text, truncateCharsLength(length), {
    replacement: undefined,
    process(data, state) {
      const dataLen = codePointLength(data);
      processed += dataLen;
      if (processed === length && codePointLength(state.output) + dataLen === rawLength) {
        state.output += data;
        throw COMPLETED;
      }
      return { units: dataLen, output: escapeHtml(Array.from(data).slice(0, Math.max(0, state.remaining)).join('')) };
    },
  });
}

const WORD_GAP = /(?<=\S)\s+(?=\S)/u;

/** Django `Truncator(text).words(length, html=True, truncate=' …')` (`truncatewords_html`). */
export function truncateHtmlWords(text: string, length: number): string {
  if (length <= 0) return '';
  return truncateHtml(text, length, {
    replacement: ' …',
    process(data, state) {
      const words = data.split(WORD_GAP);
      return { units: words.length, output: escapeHtml(words.slice(0, Math.max(0, state.remaining)).join(' ')) };
    },
  });
}
