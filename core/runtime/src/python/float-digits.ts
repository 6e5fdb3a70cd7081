// Exact decimal rounding of binary doubles, as CPython's `%f`/`%e` (correctly rounded, ties to even).

interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/** |x| as an exact fraction num / den (den a power of two). */
function exact(x: number): Rational {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const e2 = (biased === 0 ? 1 : biased) - 1075;
  return e2 >= 0 ? { num: mantissa << BigInt(e2), den: 1n } : { num: mantissa, den: 1n << BigInt(-e2) };
}

function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  return r2 > den || (r2 === den && q % 2n === 1n) ? q + 1n : q;
}

function scaled(r: Rational, pow10: number): bigint {
  return pow10 >= 0
    ? roundHalfEven(r.num * 10n ** BigInt(pow10), r.den)
    : roundHalfEven(r.num, r.den * 10n ** BigInt(-pow10));
}

/** Digits of |x| rounded to `precision` decimals, with the point inserted: `fixedDigits(2.5, 0)` is `2`. */
export function fixedDigits(x: number, precision: number): string {
  const digits = scaled(exact(x), precision)
    .toString()
    .padStart(precision + 1, '0');
  return precision ? `${digits.slice(0, -precision)}.${digits.slice(-precision)}` : digits;
}

/** |x| as `d.ddd` with `precision` decimals and its decimal exponent (for `%e`). */
export function expDigits(x: number, precision: number): { mantissa: string; exponent: number } {
  if (x === 0) return { mantissa: precision ? `0.${'0'.repeat(precision)}` : '0', exponent: 0 };
  const r = exact(x);
  let e = Math.floor(Math.log10(Math.abs(x)));
  let n = scaled(r, precision - e);
  const upper = 10n ** BigInt(precision + 1);
  if (n >= upper) {
    e += 1;
    n = scaled(r, precision - e);
  } else if (n < upper / 10n) {
    e -= 1;
    n = scaled(r, precision - e);
  }
  const s = n.toString();
  return { mantissa: precision ? `${s[0] ?? ''}.${s.slice(1)}` : s, exponent: e };
}
