import { pyFloatRepr } from '../values/repr.js';
import { PY_SPACE } from '../values/str-methods.js';

/**
 * A finite Python Decimal: `(-1)^negative * coefficient * 10^exponent`. Only what `floatformat` and
 * number localization need: parsing, truncation, quantizing with ROUND_HALF_UP, plain `{:f}` printing.
 */
export interface Decimal {
  readonly negative: boolean;
  readonly coefficient: bigint;
  readonly exponent: number;
}

/** A parsed Decimal, or the specials Python's Decimal also accepts. */
type DecimalValue = Decimal | 'inf' | '-inf' | 'nan';

const DECIMAL_TEXT = /^([+-]?)(\d+(?:_\d+)*)?(?:\.(\d+(?:_\d+)*)?)?(?:[eE]([+-]?\d+(?:_\d+)*))?$/;
const SPECIAL = /^([+-]?)(inf|infinity|s?nan\d*)$/i;
const EDGE_SPACE = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

/** Python `Decimal(text)`, or undefined where Python raises InvalidOperation. */
export function parseDecimal(text: string): DecimalValue | undefined {
  const t = text.replace(EDGE_SPACE, '');
  const special = SPECIAL.exec(t);
  if (special) {
    if (/nan/i.test(special[2] ?? '')) return 'nan';
    return special[1] === '-' ? '-inf' : 'inf';
  }
  const m = DECIMAL_TEXT.exec(t);
  if (!m || (m[2] === undefined && m[3] === undefined)) return undefined;
  const intDigits = (m[2] ?? '').replaceAll('_', '');
  const fracDigits = (m[3] ?? '').replaceAll('_', '');
  return {
    negative: m[1] === '-',
    coefficient: BigInt(intDigits + fracDigits || '0'),
    exponent: Number((m[4] ?? '0').replaceAll('_', '')) - fracDigits.length,
  };
}

/** Number of digits of the coefficient, as `len(Decimal.as_tuple().digits)`. */
export function digitCount(d: Decimal): number {
  return d.coefficient.toString().length;
}

/** Python `int(d)`: truncation toward zero. */
export function truncate(d: Decimal): bigint {
  const sign = d.negative ? -1n : 1n;
  if (d.exponent >= 0) return sign * d.coefficient * 10n ** BigInt(d.exponent);
  return sign * (d.coefficient / 10n ** BigInt(-d.exponent));
}

/** Whether `d` has a non-zero fractional part (`int(d) - d != 0`). */
export function hasFraction(d: Decimal): boolean {
  return d.exponent < 0 && d.coefficient % 10n ** BigInt(-d.exponent) !== 0n;
}

/** `d.quantize(Decimal('1e' + exponent), ROUND_HALF_UP)`: halves round away from zero. */
export function quantizeHalfUp(d: Decimal, exponent: number): Decimal {
  if (d.exponent >= exponent) {
    return { ...d, coefficient: d.coefficient * 10n ** BigInt(d.exponent - exponent), exponent };
  }
  const divisor = 10n ** BigInt(exponent - d.exponent);
  const q = d.coefficient / divisor;
  const r = d.coefficient % divisor;
  return { ...d, coefficient: r * 2n >= divisor ? q + 1n : q, exponent };
}

/** Python `'{:f}'.format(d)`: plain notation, keeping the exponent's trailing zeros, sign kept for -0. */
export function toPlainString(d: Decimal): string {
  const digits = d.coefficient.toString();
  const sign = d.negative ? '-' : '';
  if (d.exponent >= 0) return sign + digits + (d.coefficient === 0n ? '' : '0'.repeat(d.exponent));
  const frac = -d.exponent;
  const padded = digits.padStart(frac + 1, '0');
  return `${sign}${padded.slice(0, padded.length - frac)}.${padded.slice(padded.length - frac)}`;
}

/**
 * Django `numberformat.format` after the number has become text: `decimalPos` truncates or pads the
 * fraction; `grouping` inserts `,` every three digits (en-us).
 */
export function formatNumberText(text: string, decimalPos: number | null, grouping: boolean): string {
  let sign = '';
  let s = text;
  if (s.startsWith('-')) {
    sign = '-';
    s = s.slice(1);
  }
  const dot = s.indexOf('.');
  let intPart = dot < 0 ? s : s.slice(0, dot);
  let decPart = dot < 0 ? '' : s.slice(dot + 1);
  if (decimalPos !== null) decPart = decPart.slice(0, decimalPos).padEnd(decimalPos, '0');
  if (grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + intPart + (decPart ? '.' + decPart : '');
}

/**
 * How Django prints a float in a template (`localize` -> `numberformat.format`): its repr, except that
 * scientific notation is expanded (`1e+16` prints `10000000000000000`) unless that would pass 200 digits.
 */
export function localizeFloat(n: number): string {
  const repr = pyFloatRepr(n);
  if (!repr.includes('e')) return repr;
  const d = parseDecimal(repr);
  if (d === undefined || typeof d === 'string') return repr;
  if (Math.abs(d.exponent) + digitCount(d) > 200) return repr;
  return toPlainString(d);
}
