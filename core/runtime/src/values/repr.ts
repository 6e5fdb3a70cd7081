import { SafeString } from './safe.js';
import { MISSING, className, dictEntries, isDict, isNone, isPyInt, sequenceKind, tupleFields } from './model.js';
import { isIterator, isThenable, iteratorItems, promiseError } from './native.js';

/**
 * Python `repr(float)`: the shortest digits that round-trip (as JS), laid out as Python does:
 * scientific notation below 1e-4 and from 1e16 up, with a two-digit exponent; `.0` on integral values.
 */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa = '', expText = '0'] = n.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const frac = digits.slice(1);
    const expSign = exp < 0 ? '-' : '+';
    return `${sign}${digits[0] ?? ''}${frac ? '.' + frac : ''}e${expSign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fracPart = digits.slice(exp + 1);
  return `${sign}${intPart}.${fracPart || '0'}`;
}

/** Python `str()` of a number under the value model: safe integers are ints, the rest floats. */
function pyNumberStr(n: number): string {
  return isPyInt(n) ? String(n === 0 ? 0 : n) : pyFloatRepr(n);
}

/** Python `str(datetime)` of an aware datetime in UTC: `2024-01-02 03:04:05+00:00` (`.ffffff` when set). */
function pyDateStr(d: Date): string {
  if (Number.isNaN(d.getTime())) return 'NaT';
  const iso = d.toISOString(); // 2024-01-02T03:04:05.678Z
  const micro = d.getUTCMilliseconds() ? `.${iso.slice(20, 23)}000` : '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${micro}+00:00`;
}

function pyDateRepr(d: Date): string {
  // An invalid Date has no Python counterpart: `NaT` wherever it prints, in a container too.
  if (Number.isNaN(d.getTime())) return 'NaT';
  const parts = [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  ];
  const ms = d.getUTCMilliseconds();
  // Python omits trailing zero time fields from the repr.
  while (parts.length > 3 && parts[parts.length - 1] === 0 && ms === 0) parts.pop();
  if (ms) parts.push(ms * 1000);
  return `datetime.datetime(${parts.join(', ')}, tzinfo=datetime.timezone.utc)`;
}

// Characters Python's str.isprintable() rejects: categories C* and Z* except the ASCII space.
const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** Python `repr(str)`: single quotes unless the text has `'` and no `"`; escapes as CPython. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) out += escapeCodePoint(ch.codePointAt(0) ?? 0);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(cp: number): string {
  if (cp < 0x100) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

function reprIn(v: unknown, seen: Set<object>): string {
  if (typeof v === 'string') return pyStrRepr(v);
  // Inside a container, a missing value has no Python form of its own: it is the None it stands for.
  if (v === undefined) return 'None';
  if (v instanceof SafeString) return pyStrRepr(v.value);
  if (v instanceof Date) return pyDateRepr(v);
  if (typeof v === 'object' && v !== null) {
    // Python prints a container that contains itself as `[...]` / `{...}`.
    if (seen.has(v)) return Array.isArray(v) ? '[...]' : '{...}';
    seen.add(v);
    try {
      return containerRepr(v, seen);
    } finally {
      seen.delete(v);
    }
  }
  return strIn(v);
}

/**
 * Hook for objects that stand for Python objects with their own repr (a regroup `GroupedResult`
 * namedtuple, a model instance): a method under this symbol returns the Python repr, which is also
 * what `str()` prints.
 */
export const PY_REPR: unique symbol = Symbol('tessera.pyRepr');

interface HasPyRepr {
  [PY_REPR](): string;
}

function hasPyRepr(v: object): v is HasPyRepr {
  return typeof (v as Partial<HasPyRepr>)[PY_REPR] === 'function';
}

function containerRepr(v: object, seen: Set<object>): string {
  if (hasPyRepr(v)) return v[PY_REPR]();
  if (Array.isArray(v) || isIterator(v)) {
    const list = Array.isArray(v) ? v : iteratorItems(v);
    // Array.from, not map: a hole of a sparse array prints as the `undefined` it reads as (None).
    const items = Array.from(list, (x) => reprIn(x, seen));
    const named = tupleFields(list);
    if (named) return `${named.name}(${named.fields.map((f, i) => `${f}=${items[i] ?? ''}`).join(', ')})`;
    const kind = sequenceKind(list);
    if (kind === 'tuple') return items.length === 1 ? `(${items[0] ?? ''},)` : `(${items.join(', ')})`;
    return kind ? `${kind}([${items.join(', ')}])` : `[${items.join(', ')}]`;
  }
  if (v instanceof Set) return v.size ? `{${[...v].map((x) => reprIn(x, seen)).join(', ')}}` : 'set()';
  if (isDict(v)) {
    return `{${dictEntries(v)
      .map(([k, x]) => `${reprIn(k, seen)}: ${reprIn(x, seen)}`)
      .join(', ')}}`;
  }
  return `<${className(v) ?? 'object'} object>`;
}

function strIn(v: unknown): string {
  if (v === MISSING || v === undefined) return '';
  if (isNone(v)) return 'None';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'True' : 'False';
    case 'number':
      return pyNumberStr(v);
    case 'bigint':
      return v.toString();
    case 'function':
      return `<function ${v.name || '<lambda>'}>`;
    case 'symbol':
      return v.description ?? '';
    default:
      break;
  }
  if (v instanceof SafeString) return v.value;
  if (v instanceof Date) return pyDateStr(v);
  if (isThenable(v)) throw promiseError('');
  return reprIn(v, new Set());
}

/**
 * Python `str()` under the Tessera value model: `None`, `True`, ints and float reprs, lists and dicts as
 * their repr (`['a', 1]`, `{'a': 1}`), a Date as an aware UTC datetime. An unresolved lookup and
 * `undefined` print as '' (Django's `string_if_invalid`); inside a container `undefined` prints `None`.
 * A thenable throws the TypeError of `promiseError` (inside a container it prints `<Promise object>`).
 */
export function pyStr(v: unknown): string {
  return strIn(v);
}

/** Python `repr()`: strings quoted as Python quotes them, containers recursively. */
export function pyRepr(v: unknown): string {
  return reprIn(v, new Set());
}
