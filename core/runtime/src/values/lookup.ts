import { SafeString } from './safe.js';
import { pyStrMethod } from './str-methods.js';
import { MISSING, dictEntries, dictViewKind, isPlainObject, tagSequence, tupleFields } from './model.js';
import { isIterator, isSilentFailure, isTemplateName, isThenable, iteratorItems, promiseError } from './native.js';

const INDEX = /^\d+$/;

const nativePrototypes = new WeakMap<object, boolean>();

/**
 * Whether `proto` belongs to the JavaScript platform (Object.prototype, Map.prototype... of any realm):
 * its constructor is native code. Members of such prototypes are machinery, never template data.
 */
function isNativePrototype(proto: object): boolean {
  let native = nativePrototypes.get(proto);
  if (native === undefined) {
    const ctor: unknown = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
    native =
      Object.getPrototypeOf(proto) === null ||
      (typeof ctor === 'function' && /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(ctor)));
    nativePrototypes.set(proto, native);
  }
  return native;
}

// Never resolved as attributes of class instances, even when a user class defines them.
const FORBIDDEN = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

interface TemplateCallable {
  (...args: unknown[]): unknown;
  alters_data?: unknown;
  do_not_call_in_templates?: unknown;
}

/**
 * Django calls a callable found by a lookup with no arguments, except one marked `do_not_call_in_templates`
 * (kept as is) or `alters_data` (refused). A function that declares parameters would fail, as a Python
 * method with required arguments does: it resolves to MISSING. An error the call raises propagates,
 * unless it has a true `silent_variable_failure`: then the value is MISSING.
 */
function callIfCallable(v: unknown, self: unknown): unknown {
  if (typeof v !== 'function') return v;
  const fn = v as TemplateCallable;
  if (fn.do_not_call_in_templates) return v;
  if (fn.alters_data || fn.length > 0) return MISSING;
  try {
    return fn.call(self);
  } catch (err) {
    if (isSilentFailure(err)) return MISSING;
    throw err;
  }
}

/** Where a value was found, for error messages: a dotted path, or the first `end` segments of one. */
type Where = string | readonly string[];

function describe(where: Where, end: number): string {
  return typeof where === 'string' ? where : where.slice(0, end).join('.');
}

/**
 * What a variable resolves to once a lookup found `v`: a callable called, `undefined` missing, an
 * iterator read into its list; a thenable is refused with a TypeError naming the path.
 */
function resolved(v: unknown, self: unknown, where: Where, end = 0): unknown {
  const value = callIfCallable(v, self);
  if (value === undefined) return MISSING;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  if (isThenable(value)) throw promiseError(describe(where, end));
  // Plain objects are never iterators: only other objects pay for that test.
  return !isPlainObject(value) && isIterator(value) ? iteratorItems(value) : value;
}

function ownEnumerable(obj: object, key: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(obj, key);
}

// An attribute of a class instance: own properties, and members of user-defined prototypes (methods,
// getters), stopping at the first native prototype.
function attribute(obj: object, name: string): unknown {
  if (FORBIDDEN.has(name) || !isTemplateName(name)) return MISSING;
  for (
    let p: object | null = obj;
    p !== null && (p === obj || !isNativePrototype(p));
    p = Object.getPrototypeOf(p) as object | null
  ) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return d.get ? getter(d.get, obj) : 'value' in d ? d.value : MISSING;
  }
  return MISSING;
}

/**
 * The attributes `lookup` can resolve on a class instance (or any object that is not a dict, list,
 * string, number or Date): `data`, its own fields holding plain values, which reading cannot change;
 * and `computed`, its getters, methods and function-valued fields, which only run when a template asks.
 */
export function instanceAttributes(obj: object): { data: string[]; computed: string[] } {
  const data: string[] = [];
  const computed: string[] = [];
  const seen = new Set<string>();
  for (
    let p: object | null = obj;
    p !== null && (p === obj || !isNativePrototype(p));
    p = Object.getPrototypeOf(p) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (FORBIDDEN.has(name) || !isTemplateName(name)) continue;
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (p === obj && d !== undefined && 'value' in d && typeof d.value !== 'function') data.push(name);
      else computed.push(name);
    }
  }
  return { data, computed };
}

// A getter is a callable Django would call: the same silent_variable_failure rule applies.
function getter(get: () => unknown, obj: object): unknown {
  try {
    return get.call(obj);
  } catch (err) {
    if (isSilentFailure(err)) return MISSING;
    throw err;
  }
}

const DICT_METHODS: Readonly<Record<string, (d: Record<string, unknown> | Map<unknown, unknown>) => unknown>> = {
  items: (d) =>
    tagSequence(
      dictEntries(d).map((pair) => tagSequence(pair, 'tuple')),
      'dict_items',
    ),
  keys: (d) =>
    tagSequence(
      dictEntries(d).map(([k]) => k),
      'dict_keys',
    ),
  values: (d) =>
    tagSequence(
      dictEntries(d).map(([, v]) => v),
      'dict_values',
    ),
};

const NUMBER_ATTRS: Readonly<Record<string, (n: number) => unknown>> = {
  real: (n) => n,
  imag: () => 0,
};

// Own-key check: a bare `DICT_METHODS[name]` would find `constructor` on Object.prototype.
function dictMethod(name: string): ((d: Record<string, unknown> | Map<unknown, unknown>) => unknown) | undefined {
  return Object.hasOwn(DICT_METHODS, name) ? DICT_METHODS[name] : undefined;
}

const DATE_ATTRS: Readonly<Record<string, (d: Date) => unknown>> = {
  year: (d) => d.getUTCFullYear(),
  month: (d) => d.getUTCMonth() + 1,
  day: (d) => d.getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  second: (d) => d.getUTCSeconds(),
  microsecond: (d) => d.getUTCMilliseconds() * 1000,
  weekday: (d) => (d.getUTCDay() + 6) % 7,
  isoweekday: (d) => d.getUTCDay() || 7,
  timestamp: (d) => d.getTime() / 1000,
};

function lookupUncalled(obj: unknown, segment: string): unknown {
  if (typeof obj === 'string' || obj instanceof SafeString) {
    const s = typeof obj === 'string' ? obj : obj.value;
    if (INDEX.test(segment)) {
      const ch = Array.from(s)[Number(segment)];
      return ch ?? MISSING;
    }
    return pyStrMethod(s, segment);
  }
  if (Array.isArray(obj)) {
    const field = tupleFields(obj)?.fields.indexOf(segment) ?? -1;
    if (field >= 0) return obj[field];
    // Dict views are not subscriptable: Django's last resort, `view[int(bit)]`, raises TypeError.
    if (dictViewKind(obj)) return MISSING;
    return INDEX.test(segment) && Number(segment) < obj.length ? obj[Number(segment)] : MISSING;
  }
  if (obj instanceof Map) {
    if (obj.has(segment)) return obj.get(segment);
    const m = dictMethod(segment);
    if (m) return m(obj);
    if (INDEX.test(segment) && obj.has(Number(segment))) return obj.get(Number(segment));
    return MISSING;
  }
  if (isPlainObject(obj)) {
    if (ownEnumerable(obj, segment)) return obj[segment];
    const m = dictMethod(segment);
    return m ? m(obj) : MISSING;
  }
  if (obj instanceof Date) {
    const a = Object.hasOwn(DATE_ATTRS, segment) ? DATE_ATTRS[segment] : undefined;
    return a ? a(obj) : MISSING;
  }
  if (typeof obj === 'number' || typeof obj === 'boolean') {
    const a = Object.hasOwn(NUMBER_ATTRS, segment) ? NUMBER_ATTRS[segment] : undefined;
    return a ? a(Number(obj)) : MISSING;
  }
  if (typeof obj === 'function')
    return ownEnumerable(obj, segment) ? (obj as unknown as Record<string, unknown>)[segment] : MISSING;
  if (typeof obj === 'object' && obj !== null) return attribute(obj, segment);
  return MISSING;
}

/**
 * One Django lookup step: `{{ a.b }}` is `lookup(a, 'b')`. Tries the dict key, then the attribute, then
 * the list index, and calls what it finds if it is callable. Only template data is reachable: `constructor`,
 * `__proto__`, `toString` and other JavaScript machinery resolve to MISSING. Python's no-argument methods
 * of dicts (`items`, `keys`, `values`) and strings (`upper`, `split`, ...) are emulated. `undefined`
 * resolves to MISSING, an iterator to its items; a thenable throws a TypeError naming `path` (the
 * template's path to the result, `a.b` by default).
 */
export function lookup(obj: unknown, segment: string, path: string = segment): unknown {
  let from = obj;
  if (
    typeof from === 'function' ||
    (typeof from === 'object' &&
      from !== null &&
      !Array.isArray(from) &&
      (!isPlainObject(from) || typeof (from as { then?: unknown }).then === 'function'))
  ) {
    // Reached without a resolving step (a loop variable read directly): resolve it as a variable first
    // (a thenable, a plain object with a `then` method too, is refused there).
    from = resolved(from, undefined, path.slice(0, Math.max(0, path.length - segment.length - 1)));
  }
  if (from === MISSING || from === null || from === undefined) return MISSING;
  return resolved(lookupUncalled(from, segment), from, path);
}

/**
 * Resolve `path[start..]` from `obj` (a root callable is called first, as Django calls every callable it
 * resolves). `lookupPath(ctx.user, ['user', 'name'], 1)` is `{{ user.name }}`.
 */
export function lookupPath(obj: unknown, path: readonly string[], start = 0): unknown {
  let cur = resolved(obj, undefined, path, start);
  for (let i = start; i < path.length && cur !== MISSING; i++) {
    if (cur === null) return MISSING;
    cur = resolved(lookupUncalled(cur, path[i] ?? ''), cur, path, i + 1);
  }
  return cur;
}
