import { pyStrRepr } from '../values/repr.js';
import { SafeString } from '../values/safe.js';
import { PY_SPACE } from '../values/str-methods.js';
import { isNone, pyError, pyTypeName } from '../values/model.js';

const INT_LITERAL = /^[+-]?\d+(?:_\d+)*$/;
const FLOAT_LITERAL = /^[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d+(?:_\d+)*|\d+(?:_\d+)*\.)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;
const EDGE_SPACE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

/** The text of a str value (a JS string or SafeString), or undefined for any other value. */
export function strText(v: unknown): string | undefined {
  return typeof v === 'string' ? v : v instanceof SafeString ? v.value : undefined;
}

/**
 * Python `int(v)`: ints as they are, floats truncated, bools 0/1, decimal strings parsed (whitespace,
 * sign and `_` separators allowed). Throws ValueError for bad text and NaN, OverflowError for
 * infinities, TypeError for None and containers.
 */
export function pyInt(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw pyError('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw pyError('OverflowError', 'cannot convert float infinity to integer');
    return Math.trunc(v) || 0;
  }
  if (typeof v === 'bigint') return Number(v);
  const s = strText(v);
  if (s !== undefined) {
    const t = s.replace(EDGE_SPACE, '');
    if (INT_LITERAL.test(t)) return Number(t.replaceAll('_', '')) || 0;
    throw pyError('ValueError', `invalid literal for int() with base 10: ${pyStrRepr(s)}`);
  }
  throw pyError(
    'TypeError',
    `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(v)}'`,
  );
}

/** Python `float(v)`: numbers, bools, and float literals in text (`1e3`, ` 2.5 `, `inf`, `nan`). */
export function pyFloat(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const s = strText(v);
  if (s !== undefined) {
    const t = s.replace(EDGE_SPACE, '');
    if (FLOAT_LITERAL.test(t)) return Number(t.replaceAll('_', ''));
    const special = SPECIAL_FLOAT.exec(t);
    if (special) {
      if ((special[2] ?? '').toLowerCase() === 'nan') return Number.NaN;
      return special[1] === '-' ? -Infinity : Infinity;
    }
    throw pyError('ValueError', `could not convert string to float: ${pyStrRepr(s)}`);
  }
  if (isNone(v)) throw pyError('TypeError', "float() argument must be a string or a real number, not 'NoneType'");
  throw pyError('TypeError', `float() argument must be a string or a real number, not '${pyTypeName(v)}'`);
}

/** Run `fn`; when it throws one of the Python error classes in `names`, return `fallback()` instead. */
export function catching<T>(names: readonly string[], fn: () => T, fallback: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Error && names.includes(e.name)) return fallback();
    throw e;
  }
}
