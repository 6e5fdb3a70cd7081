import { codePointLength } from './iterate.js';
import { MISSING } from './model.js';

/** Python's `str.isspace()` characters (differs from JS `\s`: no U+FEFF, adds U+001C-U+001F and U+0085). */
export const PY_SPACE =
  '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`);
const SPACE_RUNS = new RegExp(`[${PY_SPACE}]+`);
const LINE_BREAKS = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/;
// Python's "cased" characters (upper, lower and title case letters, and the other case-bearing ones).
const CASED = /\p{Cased}/u;
const UPPERISH = /[\p{Lu}\p{Lt}]/u;
const LOWER = /\p{Ll}/u;

/** Python `str.strip()` with no argument. */
export function pyStrip(s: string): string {
  return s.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

/** Python `str.split()` with no argument: runs of whitespace separate, empty pieces dropped. */
export function pySplit(s: string): string[] {
  return pyStrip(s)
    .split(SPACE_RUNS)
    .filter((w) => w !== '');
}

// Titlecase forms that differ from the uppercase ones (Unicode's Lt letters: the Latin digraphs).
const TITLECASE: Readonly<Record<string, string>> = {
  '\u01c4': '\u01c5',
  '\u01c5': '\u01c5',
  '\u01c6': '\u01c5',
  '\u01c7': '\u01c8',
  '\u01c8': '\u01c8',
  '\u01c9': '\u01c8',
  '\u01ca': '\u01cb',
  '\u01cb': '\u01cb',
  '\u01cc': '\u01cb',
  '\u01f1': '\u01f2',
  '\u01f2': '\u01f2',
  '\u01f3': '\u01f2',
};

// Greek letters with iota subscript title-case to one letter with prosgegrammeni (`ᾳ` -> `ᾼ`), where
// toUpperCase spells the iota out (`ΑΙ`).
function greekTitle(cp: number): string | undefined {
  if (cp >= 0x1f80 && cp <= 0x1faf) return String.fromCodePoint(cp | 0x08);
  if (cp === 0x1fb3 || cp === 0x1fc3 || cp === 0x1ff3) return String.fromCodePoint(cp + 9);
  return undefined;
}

/**
 * Python's titlecase of one character: the uppercase, except that a letter whose uppercase is several
 * letters keeps only the first capital (`ß` -> `Ss`, `ﬁ` -> `Fi`, `և` -> `Եւ`), plus the digraphs
 * (`ǆ` -> `ǅ`) and Greek iota subscripts.
 */
function titleChar(ch: string): string {
  const special = Object.hasOwn(TITLECASE, ch) ? TITLECASE[ch] : greekTitle(ch.codePointAt(0) ?? 0);
  if (special) return special;
  const [first = '', ...rest] = Array.from(ch.toUpperCase());
  return CASED.test(first) ? first + rest.join('').toLowerCase() : first + rest.join('');
}

const CASE_IGNORABLE = /\p{Case_Ignorable}/u;

// The first character from `i` on (stepping by `step`) that is not case-ignorable, if any.
function uncasedNeighbour(chars: readonly string[], i: number, step: 1 | -1): string | undefined {
  for (let j = i + step; j >= 0 && j < chars.length; j += step) {
    const c = chars[j] ?? '';
    if (!CASE_IGNORABLE.test(c)) return c;
  }
  return undefined;
}

/**
 * Python's lower case of `chars[i]` inside its string: a capital sigma after a cased letter and not before
 * one (case-ignorable characters skipped) is the final sigma `ς`, as Python's `handle_capital_sigma`.
 */
function lowerAt(chars: readonly string[], i: number): string {
  const ch = chars[i] ?? '';
  if (ch !== '\u03a3') return ch.toLowerCase();
  const before = uncasedNeighbour(chars, i, -1);
  const after = uncasedNeighbour(chars, i, 1);
  return before !== undefined && CASED.test(before) && !(after !== undefined && CASED.test(after))
    ? '\u03c2'
    : '\u03c3';
}

/** Python `str.title()`: a cased character after a cased one is lowered, any other is title-cased. */
export function pyTitle(s: string): string {
  const chars = Array.from(s);
  let out = '';
  let prevCased = false;
  chars.forEach((ch, i) => {
    out += prevCased ? lowerAt(chars, i) : titleChar(ch);
    prevCased = CASED.test(ch);
  });
  return out;
}

/** Python `str.capitalize()`: first character title-cased, the rest lower-cased. */
function pyCapitalize(s: string): string {
  const chars = Array.from(s);
  return chars.map((ch, i) => (i === 0 ? titleChar(ch) : lowerAt(chars, i))).join('');
}

// Full case folds JS has no function for; characters that expand when upper-cased fold through that.
const FOLDS: Readonly<Record<string, string>> = { '\u017f': 's', '\u03c2': '\u03c3', '\u1e9e': 'ss' };

/** Python `str.casefold()`: lower case, with the expanding folds (`ß` -> `ss`, `ﬁ` -> `fi`). */
function pyCasefold(s: string): string {
  let out = '';
  for (const ch of s) {
    const fold = Object.hasOwn(FOLDS, ch) ? FOLDS[ch] : undefined;
    const upper = ch.toUpperCase();
    out += fold ?? (Array.from(upper).length > 1 ? upper.toLowerCase() : ch.toLowerCase());
  }
  return out;
}

/** Python `str.splitlines()`. */
export function pySplitlines(s: string): string[] {
  const lines = s.split(LINE_BREAKS);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function swapcase(s: string): string {
  let out = '';
  for (const ch of s) out += UPPERISH.test(ch) ? ch.toLowerCase() : LOWER.test(ch) ? ch.toUpperCase() : ch;
  return out;
}

/** Python `s.center(width)`, counting code points; CPython puts the odd space on the left when width is odd. */
export function pyCenter(s: string, width: number): string {
  const marg = width - codePointLength(s);
  if (marg <= 0) return s;
  const left = Math.floor(marg / 2) + (marg & width & 1);
  return ' '.repeat(left) + s + ' '.repeat(marg - left);
}

/** Python `s.ljust(width)`. */
export function pyLjust(s: string, width: number): string {
  const n = width - codePointLength(s);
  return n > 0 ? s + ' '.repeat(n) : s;
}

/** Python `s.rjust(width)`. */
export function pyRjust(s: string, width: number): string {
  const n = width - codePointLength(s);
  return n > 0 ? ' '.repeat(n) + s : s;
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
  splitlines: pySplitlines,
  isdigit: (s) => /^\p{Nd}+$/u.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isupper: (s) => CASED.test(s) && !LOWER.test(s),
  islower: (s) => CASED.test(s) && !UPPERISH.test(s),
  swapcase,
  casefold: pyCasefold,
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
