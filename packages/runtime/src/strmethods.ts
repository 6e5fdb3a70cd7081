import { MISSING } from './values.js';

/** Python's `str.isspace()` characters (differs from JS `\s`: no U+FEFF, adds U+001C-U+001F and U+0085). */
export const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);
const SPACE_RUNS = new RegExp(`[${PY_SPACE}]+`);
const LINE_BREAKS = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/;
const CASED = /[\p{Lu}\p{Ll}\p{Lt}]/u;
const UPPERISH = /[\p{Lu}\p{Lt}]/u;
const LOWER = /\p{Ll}/u;

/** Python `str.strip()` with no argument. */
export function pyStrip(s: string): string {
  return s.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

/** Python `str.split()` with no argument: runs of whitespace separate, empty pieces dropped. */
export function pySplit(s: string): string[] {
  return pyStrip(s).split(SPACE_RUNS).filter((w) => w !== '');
}

/** Python `str.title()`: a cased character after a cased one is lowered, any other is title-cased. */
export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    out += prevCased ? ch.toLowerCase() : ch.toUpperCase();
    prevCased = CASED.test(ch);
  }
  return out;
}

/** Python `str.capitalize()`: first character upper-cased, the rest lower-cased. */
function pyCapitalize(s: string): string {
  const [first = '', ...rest] = Array.from(s);
  return first.toUpperCase() + rest.join('').toLowerCase();
}

function splitlines(s: string): string[] {
  const lines = s.split(LINE_BREAKS);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function swapcase(s: string): string {
  let out = '';
  for (const ch of s) out += UPPERISH.test(ch) ? ch.toLowerCase() : LOWER.test(ch) ? ch.toUpperCase() : ch;
  return out;
}

const STR_METHODS: Readonly<Record<string, (s: string) => unknown>> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  title: pyTitle,
  capitalize: pyCapitalize,
  strip: pyStrip,
  lstrip: (s) => s.replace(LEADING_SPACE, ''),
  rstrip: (s) => s.replace(TRAILING_SPACE, ''),
  split: pySplit,
  splitlines,
  isdigit: (s) => /^\p{Nd}+$/u.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isupper: (s) => CASED.test(s) && !LOWER.test(s),
  islower: (s) => CASED.test(s) && !UPPERISH.test(s),
  swapcase,
  casefold: (s) => s.toLowerCase(),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s) => s !== '' && pyStrip(s) === '',
  istitle: (s) => CASED.test(s) && pyTitle(s) === s,
  isnumeric: (s) => /^\p{N}+$/u.test(s),
  isdecimal: (s) => /^\p{Nd}+$/u.test(s),
  isascii: (s) => /^[\x00-\x7f]*$/.test(s),
};

/** The result of calling Python's no-argument str method `name` on `s`, or MISSING for any other name. */
export function pyStrMethod(s: string, name: string): unknown {
  const m = Object.hasOwn(STR_METHODS, name) ? STR_METHODS[name] : undefined;
  return m ? m(s) : MISSING;
}
