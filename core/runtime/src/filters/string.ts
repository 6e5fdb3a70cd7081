import { catching, pyInt, strText } from '../python/conv.js';
import { pyError, pyTypeName } from '../values/model.js';
import { pyFormat } from '../python/format.js';
import { pyStr } from '../values/repr.js';
import { markSafe } from '../html/escape.js';
import { isSafe } from '../values/safe.js';
import { pySplit, pyTitle, pyCenter, pyLjust, pyRjust } from '../values/str-methods.js';
import { wrap } from '../text/wrap.js';
import { truncateChars, truncateWords } from '../text/truncate.js';
import type { FilterSpec } from './spec.js';

const PHONE_KEYS: Readonly<Record<string, string>> = {
  a: '2',
  b: '2',
  c: '2',
  d: '3',
  e: '3',
  f: '3',
  g: '4',
  h: '4',
  i: '4',
  j: '5',
  k: '5',
  l: '5',
  m: '6',
  n: '6',
  o: '6',
  p: '7',
  q: '7',
  r: '7',
  s: '7',
  t: '8',
  u: '8',
  v: '8',
  w: '9',
  x: '9',
  y: '9',
  z: '9',
};

// Python `\w` in a str pattern: Unicode letters, digits and the underscore.
const NOT_SLUG = /[^\p{L}\p{N}_\s-]/gu;

/** Django `slugify` (ASCII mode): NFKD, drop non-ASCII, keep word characters, dashes for spaces. */
function slugify(value: string): string {
  const ascii = value.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  return ascii
    .toLowerCase()
    .replace(NOT_SLUG, '')
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/** Django `title`: Python `str.title()`, then no capital after an apostrophe or a digit. */
function djangoTitle(value: string): string {
  return pyTitle(value)
    .replace(/([a-z])'([A-Z])/g, (m) => m.toLowerCase())
    .replace(/\d([A-Z])/g, (m) => m.toLowerCase());
}

/** `int(arg)` for a filter whose Django code returns the value unchanged on ValueError. */
function withIntArg(value: string, arg: unknown, fn: (n: number) => string): string {
  return catching(
    ['ValueError'],
    () => fn(pyInt(arg)),
    () => value,
  );
}

export const addslashesFilter: FilterSpec = {
  fn: (v) => pyStr(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "\\'"),
  arg: 'none',
  isSafe: true,
};

export const capfirstFilter: FilterSpec = {
  fn: (v) => {
    const s = pyStr(v);
    const first = s.codePointAt(0);
    return first === undefined ? s : String.fromCodePoint(first).toUpperCase() + s.slice(first > 0xffff ? 2 : 1);
  },
  arg: 'none',
  isSafe: true,
};

export const centerFilter: FilterSpec = {
  fn: (v, arg) => pyCenter(pyStr(v), pyInt(arg)),
  arg: 'required',
  isSafe: true,
};

export const cutFilter: FilterSpec = {
  fn: (v, arg) => {
    const needle = pyStr(arg);
    const out = pyStr(v).replaceAll(needle, '');
    // Django keeps the input's safety unless the cut character is `;` (which could end an entity).
    return isSafe(v) && needle !== ';' ? markSafe(out) : out;
  },
  arg: 'required',
};

export const ljustFilter: FilterSpec = { fn: (v, arg) => pyLjust(pyStr(v), pyInt(arg)), arg: 'required', isSafe: true };

export const lowerFilter: FilterSpec = { fn: (v) => pyStr(v).toLowerCase(), arg: 'none', isSafe: true };

export const makeListFilter: FilterSpec = { fn: (v) => Array.from(pyStr(v)), arg: 'none', isSafe: false };

export const phone2numericFilter: FilterSpec = {
  fn: (v) => {
    // Not a @stringfilter in Django: anything but a str fails on `.lower()`.
    const s = strText(v);
    if (s === undefined) throw pyError('AttributeError', `'${pyTypeName(v)}' object has no attribute 'lower'`);
    return Array.from(s.toLowerCase(), (c) => (Object.hasOwn(PHONE_KEYS, c) ? PHONE_KEYS[c] : c)).join('');
  },
  arg: 'none',
  isSafe: true,
};

export const rjustFilter: FilterSpec = { fn: (v, arg) => pyRjust(pyStr(v), pyInt(arg)), arg: 'required', isSafe: true };

export const slugifyFilter: FilterSpec = { fn: (v) => slugify(pyStr(v)), arg: 'none', isSafe: true };

export const stringformatFilter: FilterSpec = {
  fn: (v, arg) =>
    catching(
      ['ValueError', 'TypeError'],
      () => pyFormat('%' + pyStr(arg), v),
      () => '',
    ),
  arg: 'required',
  isSafe: true,
};

export const titleFilter: FilterSpec = { fn: (v) => djangoTitle(pyStr(v)), arg: 'none', isSafe: true };

export const truncatecharsFilter: FilterSpec = {
  fn: (v, arg) => withIntArg(pyStr(v), arg, (n) => truncateChars(pyStr(v), n)),
  arg: 'required',
  isSafe: true,
};

export const truncatewordsFilter: FilterSpec = {
  fn: (v, arg) => withIntArg(pyStr(v), arg, (n) => truncateWords(pyStr(v), n)),
  arg: 'required',
  isSafe: true,
};

export const upperFilter: FilterSpec = { fn: (v) => pyStr(v).toUpperCase(), arg: 'none', isSafe: false };

export const wordcountFilter: FilterSpec = { fn: (v) => pySplit(pyStr(v)).length, arg: 'none', isSafe: false };

export const wordwrapFilter: FilterSpec = { fn: (v, arg) => wrap(pyStr(v), pyInt(arg)), arg: 'required', isSafe: true };

/** Django's built-in string filters: `@stringfilter` ones print their input with `str()` first.
 * Each is also exported on its own, so a bundle keeps only the filters it imports.
 */
export const stringFilters: Readonly<Record<string, FilterSpec>> = {
  addslashes: addslashesFilter,
  capfirst: capfirstFilter,
  center: centerFilter,
  cut: cutFilter,
  ljust: ljustFilter,
  lower: lowerFilter,
  make_list: makeListFilter,
  phone2numeric: phone2numericFilter,
  rjust: rjustFilter,
  slugify: slugifyFilter,
  stringformat: stringformatFilter,
  title: titleFilter,
  truncatechars: truncatecharsFilter,
  truncatewords: truncatewordsFilter,
  upper: upperFilter,
  wordcount: wordcountFilter,
  wordwrap: wordwrapFilter,
};
