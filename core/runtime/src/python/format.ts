import { expDigits, fixedDigits } from './float-digits.js';
import { codePointLength } from '../values/iterate.js';
import { pyRepr, pyStr } from '../values/repr.js';
import { strText } from './conv.js';
import { MISSING, dictEntries, isDict, isPyInt, pyError, pyTypeName } from '../values/model.js';

interface Spec {
  readonly key: string | undefined;
  readonly flags: string;
  readonly width: number;
  readonly precision: number | undefined;
  readonly conv: string;
}

const SPEC = /%(?:\(([^)]*)\))?([#0\- +]*)(\d+)?(?:\.(\d*))?[hlL]?(.?)/gy;
const CONVERSIONS = 'diouxXeEfFgGcrsa%';

function signOf(negative: boolean, flags: string): string {
  return negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
}

function pad(sign: string, body: string, spec: Spec, zeroAllowed: boolean): string {
  const len = codePointLength(sign + body);
  if (len >= spec.width) return sign + body;
  const fill = spec.width - len;
  if (spec.flags.includes('-')) return sign + body + ' '.repeat(fill);
  if (zeroAllowed && spec.flags.includes('0')) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}

function intOf(v: unknown, conv: string): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    if ('xXoc'.includes(conv) && !isPyInt(v))
      throw pyError('TypeError', `%${conv} format: an integer is required, not float`);
    if (Number.isNaN(v)) throw pyError('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw pyError('OverflowError', 'cannot convert float infinity to integer');
    return Math.trunc(v);
  }
  const need = 'xXoc'.includes(conv) ? 'an integer' : 'a real number';
  throw pyError('TypeError', `%${conv} format: ${need} is required, not ${pyTypeName(v)}`);
}

function floatOf(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  throw pyError('TypeError', `must be real number, not ${pyTypeName(v)}`);
}

function formatInt(v: unknown, spec: Spec): string {
  const n = intOf(v, spec.conv);
  const abs = Math.abs(n);
  let body: string;
  let prefix = '';
  switch (spec.conv) {
    case 'x':
    case 'X':
      body = BigInt(abs).toString(16);
      if (spec.flags.includes('#')) prefix = '0x';
      if (spec.conv === 'X') {
        body = body.toUpperCase();
        prefix = prefix.toUpperCase();
      }
      break;
    case 'o':
      body = BigInt(abs).toString(8);
      if (spec.flags.includes('#')) prefix = '0o';
      break;
    default:
      body = BigInt(abs).toString();
  }
  if (spec.precision !== undefined) body = body.padStart(spec.precision, '0');
  return pad(signOf(n < 0, spec.flags) + prefix, body, spec, true);
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function formatFloat(v: unknown, spec: Spec): string {
  const x = floatOf(v);
  const upper = spec.conv === spec.conv.toUpperCase();
  const negative = x < 0 || Object.is(x, -0);
  if (!Number.isFinite(x)) {
    const word = Number.isNaN(x) ? 'nan' : 'inf';
    return pad(signOf(negative && !Number.isNaN(x), spec.flags), upper ? word.toUpperCase() : word, spec, false);
  }
  const alt = spec.flags.includes('#');
  let precision = spec.precision ?? 6;
  let body: string;
  const exp = (p: number): string => {
    const { mantissa, exponent } = expDigits(x, p);
    const m = alt && p === 0 ? mantissa + '.' : mantissa;
    return `${m}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  };
  switch (spec.conv.toLowerCase()) {
    case 'f':
      body = fixedDigits(x, precision) + (alt && precision === 0 ? '.' : '');
      break;
    case 'e':
      body = exp(precision);
      break;
    default: {
      if (precision === 0) precision = 1;
      const { exponent } = expDigits(x, precision - 1);
      body = exponent >= -4 && exponent < precision ? fixedDigits(x, precision - 1 - exponent) : exp(precision - 1);
      const e = body.indexOf('e');
      const [digits, exponentPart] = e < 0 ? [body, ''] : [body.slice(0, e), body.slice(e)];
      // `#` keeps trailing zeros and always shows the decimal point.
      if (!alt) body = stripZeros(digits) + exponentPart;
      else if (!digits.includes('.')) body = digits + '.' + exponentPart;
    }
  }
  if (upper) body = body.toUpperCase();
  return pad(signOf(negative, spec.flags), body, spec, true);
}

function asciiRepr(v: unknown): string {
  return pyRepr(v).replace(/[^\x00-\x7f]/gu, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x100) return '\\x' + cp.toString(16).padStart(2, '0');
    if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
    return '\\U' + cp.toString(16).padStart(8, '0');
  });
}

function convert(v: unknown, spec: Spec): string {
  switch (spec.conv) {
    case 's':
    case 'r':
    case 'a': {
      let s = spec.conv === 's' ? pyStr(v) : spec.conv === 'r' ? pyRepr(v) : asciiRepr(v);
      if (spec.precision !== undefined) s = Array.from(s).slice(0, spec.precision).join('');
      return pad('', s, spec, false);
    }
    case 'c': {
      const s = strText(v);
      if (s !== undefined) {
        if (codePointLength(s) !== 1)
          throw pyError(
            'TypeError',
            '%c requires an int or a unicode character, not a string of length ' + codePointLength(s),
          );
        return pad('', s, spec, false);
      }
      const n = intOf(v, 'c');
      if (n < 0 || n > 0x10ffff) throw pyError('OverflowError', '%c arg not in range(0x110000)');
      return pad('', String.fromCodePoint(n), spec, false);
    }
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o':
      return formatInt(v, spec);
    default:
      return formatFloat(v, spec);
  }
}

function mappingGet(v: unknown, key: string): unknown {
  if (!isDict(v)) throw pyError('TypeError', 'format requires a mapping');
  for (const [k, x] of dictEntries(v)) if (k === key) return x;
  throw pyError('KeyError', `'${key}'`);
}

/**
 * Python's `format % value` with one value (Django's `stringformat` filter): `%s %r %d %i %x %X %o %c
 * %e %f %g` with flags `#0- +`, width, precision and `%(key)s` mapping keys. A bad format is ValueError;
 * a value of the wrong type or a wrong number of conversions is TypeError, as in Python.
 */
export function pyFormat(format: string, value: unknown): string {
  let out = '';
  let used = 0;
  let usedKey = false;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    SPEC.lastIndex = pct;
    const m = SPEC.exec(format);
    const conv = m?.[5] ?? '';
    if (!m || conv === '') throw pyError('ValueError', 'incomplete format');
    if (!CONVERSIONS.includes(conv)) {
      throw pyError(
        'ValueError',
        `unsupported format character '${conv}' (0x${(conv.codePointAt(0) ?? 0).toString(16)}) at index ${m.index + m[0].length - 1}`,
      );
    }
    i = SPEC.lastIndex;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const spec: Spec = {
      key: m[1],
      flags: m[2] ?? '',
      width: Number(m[3] ?? 0),
      precision: m[4] === undefined ? undefined : Number(m[4] || 0),
      conv,
    };
    let arg: unknown;
    if (spec.key !== undefined) {
      arg = mappingGet(value, spec.key);
      usedKey = true;
    } else {
      if (used >= 1) throw pyError('TypeError', 'not enough arguments for format string');
      arg = value === MISSING ? '' : value;
      used++;
    }
    out += convert(arg, spec);
  }
  // CPython treats any subscriptable non-tuple argument (dict, list) as a mapping: no complaint then.
  if (used === 0 && !usedKey && !isDict(value) && !Array.isArray(value))
    throw pyError('TypeError', 'not all arguments converted during string formatting');
  return out;
}
