import { SafeString } from './safe.js';
import { pyStrMethod } from './str-methods.js';
import { MISSING, dictEntries, dictViewKind, isPlainObject, tagSequence, tupleFields } from './model.js';

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
 * method with required arguments does: it resolves to MISSING.
 */
function callIfCallable(v: unknown, self: unknown): unknown {
  if (typeof v !== 'function') return v;
  const fn = v as TemplateCallable;
  if (fn.do_not_call_in_templates) return v;
  if (fn.alters_data || fn.length > 0) return MISSING;
  return fn.call(self);
}

function ownEnumerable(obj: object, key: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(obj, key);
}

// An attribute of a class instance: own properties, and members of user-defined prototypes (methods,
// getters), stopping at the first native prototype.
function attribute(obj: object, name: string): unknown {
  if (FORBIDDEN.has(name)) return MISSING;
  for (
    let p: object | null = obj;
    p !== null && (p === obj || !isNativePrototype(p));
    p = Object.getPrototypeOf(p) as object | null
  ) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return d.get ? d.get.call(obj) : 'value' in d ? d.value : MISSING;
  }
  return MISSING;
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
 * of dicts (`items`, `keys`, `values`) and strings (`upper`, `split`, ...) are emulated.
 */
export function lookup(obj: unknown, segment: string): unknown {
  if (obj === MISSING || obj === null || obj === undefined) return MISSING;
  return callIfCallable(lookupUncalled(obj, segment), obj);
}

/**
 * Resolve `path[start..]` from `obj` (a root callable is called first, as Django calls every callable it
 * resolves). `lookupPath(ctx.user, ['user', 'name'], 1)` is `{{ user.name }}`.
 */
export function lookupPath(obj: unknown, path: readonly string[], start = 0): unknown {
  let cur = callIfCallable(obj, undefined);
  for (let i = start; i < path.length && cur !== MISSING; i++) cur = lookup(cur, path[i] ?? '');
  return cur;
}
