import { SafeString } from './safe.js';
import { dictEntries, dictViewKind, isDict, isNone, sequenceKind } from './model.js';

type Scalar = { kind: 'num'; n: number } | { kind: 'str'; s: string };

// Python's bool is an int subclass and a SafeString is a str: compare them as such.
function scalar(v: unknown): Scalar | undefined {
  if (typeof v === 'number') return { kind: 'num', n: v };
  if (typeof v === 'boolean') return { kind: 'num', n: v ? 1 : 0 };
  if (typeof v === 'bigint') return { kind: 'num', n: Number(v) };
  if (typeof v === 'string') return { kind: 'str', s: v };
  if (v instanceof SafeString) return { kind: 'str', s: v.value };
  return undefined;
}

/**
 * How Python compares a collection: lists and tuples item by item (never with each other), sets and the
 * set-like dict views (`keys`, `items`) as sets, `dict_values` by identity only.
 */
type Collection = 'list' | 'tuple' | 'set' | 'values';

function collection(v: unknown): Collection | undefined {
  if (v instanceof Set) return 'set';
  if (!Array.isArray(v)) return undefined;
  const view = dictViewKind(v);
  if (view) return view === 'dict_values' ? 'values' : 'set';
  return sequenceKind(v) === 'tuple' ? 'tuple' : 'list';
}

function members(v: unknown): readonly unknown[] {
  return v instanceof Set ? [...v] : (v as readonly unknown[]);
}

// Whether every member of `a` equals some member of `b`.
function subset(a: readonly unknown[], b: readonly unknown[], depth: number): boolean {
  return a.every((x) => b.some((y) => equalsIn(x, y, depth + 1)));
}

function equalsIn(a: unknown, b: unknown, depth: number): boolean {
  if (isNone(a) || isNone(b)) return isNone(a) && isNone(b);
  const sa = scalar(a);
  const sb = scalar(b);
  if (sa || sb) {
    if (!sa || !sb || sa.kind !== sb.kind) return false;
    return sa.kind === 'num' ? sa.n === (sb as { n: number }).n : sa.s === (sb as { s: string }).s;
  }
  if (a === b) return true;
  // Deeply nested or self-referencing structures: Python raises RecursionError; we answer "different".
  if (depth > 100) return false;
  const ca = collection(a);
  const cb = collection(b);
  if (ca || cb) {
    if (ca !== cb || ca === 'values') return false;
    const xs = members(a);
    const ys = members(b);
    if (xs.length !== ys.length) return false;
    if (ca === 'set') return subset(xs, ys, depth);
    return xs.every((x, i) => equalsIn(x, ys[i], depth + 1));
  }
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (isDict(a) && isDict(b)) {
    const ea = dictEntries(a);
    const eb = dictEntries(b);
    if (ea.length !== eb.length) return false;
    return ea.every(([k, x]) => eb.some(([k2, y]) => equalsIn(k, k2, depth + 1) && equalsIn(x, y, depth + 1)));
  }
  return false;
}

/** Python `==` for `{% if a == b %}`: `1 == 1.0` and `True == 1` hold, `'1' == 1` does not; lists and dicts compare deeply. */
export function pyEquals(a: unknown, b: unknown): boolean {
  return equalsIn(a, b, 0);
}

/** Compare strings by code point, as Python does (JS `<` compares UTF-16 units, which differs above U+FFFF). */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Three-way Python ordering, or undefined where Python raises TypeError. NaN compares as unordered (NaN result). */
export function pyOrder(a: unknown, b: unknown): number | undefined {
  return order(a, b, 0);
}

function order(a: unknown, b: unknown, depth: number): number | undefined {
  const sa = scalar(a);
  const sb = scalar(b);
  if (sa && sb) {
    if (sa.kind !== sb.kind) return undefined;
    if (sa.kind === 'str') return compareStrings(sa.s, (sb as { s: string }).s);
    const x = sa.n;
    const y = (sb as { n: number }).n;
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
  }
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  const kind = collection(a);
  if ((kind === 'list' || kind === 'tuple') && collection(b) === kind && depth <= 100) {
    const [xs, ys] = [a as readonly unknown[], b as readonly unknown[]];
    const n = Math.min(xs.length, ys.length);
    for (let i = 0; i < n; i++) {
      if (!equalsIn(xs[i], ys[i], depth + 1)) return order(xs[i], ys[i], depth + 1);
    }
    return Math.sign(xs.length - ys.length);
  }
  return undefined;
}

/**
 * Python ordering for `{% if %}`: numbers with numbers, strings with strings, lists (and tuples)
 * lexicographically, sets and set-like dict views by inclusion; anything else is false.
 */
export function pyCompare(op: '<' | '>' | '<=' | '>=', a: unknown, b: unknown): boolean {
  if (collection(a) === 'set' && collection(b) === 'set') return setCompare(op, members(a), members(b));
  const c = order(a, b, 0);
  if (c === undefined || Number.isNaN(c)) return false;
  switch (op) {
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
  }
}

// `a < b` on sets is "a is a proper subset of b", `<=` "a is a subset of b", and so on.
function setCompare(op: '<' | '>' | '<=' | '>=', a: readonly unknown[], b: readonly unknown[]): boolean {
  switch (op) {
    case '<':
      return a.length < b.length && subset(a, b, 0);
    case '<=':
      return a.length <= b.length && subset(a, b, 0);
    case '>':
      return b.length < a.length && subset(b, a, 0);
    case '>=':
      return b.length <= a.length && subset(b, a, 0);
  }
}

/** Python `in`: substring of a string, member of a list or Set, key of a dict; anything invalid is false. */
export function pyIn(needle: unknown, haystack: unknown): boolean {
  const hs = scalar(haystack);
  if (hs) {
    const ns = scalar(needle);
    return hs.kind === 'str' && ns?.kind === 'str' && hs.s.includes(ns.s);
  }
  if (Array.isArray(haystack)) return haystack.some((x) => x === needle || pyEquals(x, needle));
  if (haystack instanceof Set || haystack instanceof Map) {
    for (const k of haystack.keys()) if (k === needle || pyEquals(k, needle)) return true;
    return false;
  }
  if (isDict(haystack)) {
    const key = scalar(needle);
    return key?.kind === 'str' && Object.hasOwn(haystack, key.s);
  }
  return false;
}

/**
 * Django's `not in` for `{% if %}`: the negation of `in`, except that an invalid test (a non-container,
 * a non-string needle in a string) is false both ways, as Django turns the TypeError into False.
 */
export function pyNotIn(needle: unknown, haystack: unknown): boolean {
  return containerKind(needle, haystack) && !pyIn(needle, haystack);
}

// Whether Python's `needle in haystack` runs without raising TypeError.
function containerKind(needle: unknown, haystack: unknown): boolean {
  const hs = scalar(haystack);
  if (hs) return hs.kind === 'str' && scalar(needle)?.kind === 'str';
  if (Array.isArray(haystack)) return dictViewKind(haystack) !== 'dict_keys' || isHashable(needle);
  if (haystack instanceof Set || haystack instanceof Map || isDict(haystack)) return isHashable(needle);
  return false;
}

function isHashable(v: unknown): boolean {
  // `dict_values` keeps object's identity hash (only the set-like views, keys and items, refuse one).
  if (Array.isArray(v)) return dictViewKind(v) === 'dict_values' || (collection(v) === 'tuple' && v.every(isHashable));
  return !(v instanceof Set || v instanceof Map || isDict(v));
}

/** Python `is`: identity, with `None is None` for null, undefined and unresolved lookups. */
export function pyIs(a: unknown, b: unknown): boolean {
  if (isNone(a) || isNone(b)) return isNone(a) && isNone(b);
  // JS numbers have no identity; NaN read twice from one context value is the same Python object.
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}
