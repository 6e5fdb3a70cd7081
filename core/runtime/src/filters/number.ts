import {
  type Decimal,
  digitCount,
  formatNumberText,
  hasFraction,
  parseDecimal,
  quantizeHalfUp,
  toPlainString,
  truncate,
} from '../python/decimal.js';
import { fixedDigits } from '../python/float-digits.js';
import { catching, pyFloat, pyInt, strText } from '../python/conv.js';
import { pyFloatRepr, pyStr } from '../values/repr.js';
import { markSafe } from '../html/escape.js';
import { SafeString } from '../values/safe.js';
import { pyError, sequenceKind, tagSequence } from '../values/model.js';
import type { FilterSpec } from './spec.js';

const SIZE_UNITS: readonly [number, string][] = [
  [2 ** 50, 'PB'],
  [2 ** 40, 'TB'],
  [2 ** 30, 'GB'],
  [2 ** 20, 'MB'],
  [2 ** 10, 'KB'],
];

/** Django `filesizeformat`: "13\u00a0KB", "4.1\u00a0MB", "102\u00a0bytes"; anything not an int is "0\u00a0bytes". */
function filesizeformat(value: unknown): string {
  const bytes = catching(
    ['TypeError', 'ValueError'],
    () => pyInt(value),
    () => undefined,
  );
  if (bytes === undefined) return '0\u00a0bytes';
  const negative = bytes < 0;
  const abs = Math.abs(bytes);
  let text = `${abs} byte${abs === 1 ? '' : 's'}`;
  for (const [size, unit] of SIZE_UNITS) {
    if (abs >= size) {
      // Python round(x, 1) then number_format(x, 1).
      const rounded = Number(fixedDigits(abs / size, 1));
      text = `${formatNumberText(pyFloatRepr(rounded), 1, false)} ${unit}`;
      break;
    }
  }
  return (negative ? '-' + text : text).replaceAll(' ', '\u00a0');
}

function parseArg(arg: unknown): { p: unknown; grouping: boolean } {
  const s = strText(arg);
  if (s === undefined) return { p: arg === undefined ? -1 : arg, grouping: false };
  if (s === '') throw pyError('IndexError', 'string index out of range');
  const tail2 = s.slice(-2);
  if (tail2 === 'gu' || tail2 === 'ug') return { p: s.slice(0, -2) || -1, grouping: false };
  if (s.endsWith('g')) return { p: s.slice(0, -1) || -1, grouping: true };
  if (s.endsWith('u')) return { p: s.slice(0, -1) || -1, grouping: false };
  return { p: s, grouping: false };
}

/**
 * `floatformat:p` (an int literal `p` > 0) of a number whose Python text has at most `p` decimals (a price,
 * an int): nothing to round, only zeros to add, which is what the Decimal path gives there; `undefined`
 * otherwise. Between 1e-4 and 1e16 a float's Python repr is JavaScript's `String` (both print the shortest
 * digits that round-trip, in plain notation there).
 */
function paddedDecimals(value: number, p: number): string | undefined {
  if (!Number.isInteger(p) || p <= 0 || p > 100) return undefined;
  const abs = Math.abs(value);
  if (!Number.isSafeInteger(value) && !(abs >= 1e-4 && abs < 1e16)) return undefined;
  const text = String(value);
  const dot = text.indexOf('.');
  const decimals = dot < 0 ? 0 : text.length - dot - 1;
  if (decimals > p) return undefined;
  return (dot < 0 ? text + '.' : text) + '0'.repeat(p - decimals);
}

/**
 * Django `floatformat`: decimal (not binary) rounding, ROUND_HALF_UP, of the value's Python text.
 * `arg` n > 0: exactly n decimals; n < 0: n decimals unless the value is whole; 0: integer.
 * Suffix `g` groups thousands with `,` (en-us); `u` (unlocalized) changes nothing else under en-us.
 */
function floatformat(value: unknown, arg: unknown): string | SafeString {
  if (typeof value === 'number' && typeof arg === 'number') {
    const padded = paddedDecimals(value, arg);
    if (padded !== undefined) return markSafe(padded);
  }
  const { p: rawP, grouping } = parseArg(arg);
  const input = pyStr(value);
  let d = parseDecimal(input);
  if (d === undefined) {
    const f = catching(
      ['ValueError', 'TypeError'],
      () => pyFloat(value),
      () => undefined,
    );
    if (f === undefined) return '';
    d = parseDecimal(pyFloatRepr(f));
    if (d === undefined) return '';
  }
  const p = catching(
    ['ValueError'],
    () => pyInt(rawP),
    () => undefined,
  );
  if (p === undefined) return input;
  if (typeof d === 'string') return input;
  const dec: Decimal = d;
  if (digitCount(dec) + Math.abs(dec.exponent) > 200) return input;
  // A formatted number is marked safe, as Django does; the input returned unchanged is not.
  if (!hasFraction(dec) && p <= 0) return markSafe(formatNumberText(truncate(dec).toString(), 0, grouping));
  const rounded = quantizeHalfUp(dec, -Math.abs(p));
  // Django prints "-0.00" as "0.00": the sign is kept only for a non-zero result.
  const text = toPlainString({ ...rounded, negative: rounded.negative && rounded.coefficient !== 0n });
  return markSafe(formatNumberText(text, Math.abs(p), grouping));
}

// Python's `value + arg` for the values templates carry; undefined where Python raises TypeError.
function pyAdd(a: unknown, b: unknown): unknown {
  const numeric = (x: unknown): x is number | boolean => typeof x === 'number' || typeof x === 'boolean';
  if (numeric(a) && numeric(b)) return Number(a) + Number(b);
  const sa = strText(a);
  const sb = strText(b);
  if (sa !== undefined && sb !== undefined) {
    return a instanceof SafeString && b instanceof SafeString ? markSafe(sa + sb) : sa + sb;
  }
  // list + list and tuple + tuple; any other pair of sequences (dict views among them) is a TypeError.
  if (Array.isArray(a) && Array.isArray(b)) {
    const kind = sequenceKind(a);
    if (kind !== sequenceKind(b) || (kind !== undefined && kind !== 'tuple')) return undefined;
    return kind === 'tuple' ? tagSequence([...a, ...b], 'tuple') : [...a, ...b];
  }
  return undefined;
}

export const addFilter: FilterSpec = {
  fn: (v, arg) =>
    catching(
      ['ValueError', 'TypeError'],
      () => pyInt(v) + pyInt(arg),
      () => pyAdd(v, arg) ?? '',
    ),
  arg: 'required',
  isSafe: false,
};

export const divisiblebyFilter: FilterSpec = {
  fn: (v, arg) => {
    const dividend = pyInt(v);
    const divisor = pyInt(arg);
    if (divisor === 0) throw pyError('ZeroDivisionError', 'integer modulo by zero');
    return dividend % divisor === 0;
  },
  arg: 'required',
  isSafe: false,
};

export const filesizeformatFilter: FilterSpec = { fn: filesizeformat, arg: 'none', isSafe: true };

export const floatformatFilter: FilterSpec = { fn: floatformat, arg: 'optional', isSafe: true };

export const getDigitFilter: FilterSpec = {
  fn: (v, arg) => {
    let n: number;
    let value: number;
    try {
      n = pyInt(arg);
      value = pyInt(v);
    } catch (e) {
      if (e instanceof Error && e.name === 'ValueError') return v;
      throw e;
    }
    if (n < 1) return value;
    const digits = Array.from(String(value));
    const digit = digits[digits.length - n];
    return digit === undefined ? 0 : pyInt(digit);
  },
  arg: 'required',
  isSafe: false,
};

/** Django's built-in number filters.
 * Each is also exported on its own, so a bundle keeps only the filters it imports.
 */
export const numberFilters: Readonly<Record<string, FilterSpec>> = {
  add: addFilter,
  divisibleby: divisiblebyFilter,
  filesizeformat: filesizeformatFilter,
  floatformat: floatformatFilter,
  get_digit: getDigitFilter,
};
