/**
 * Render-time support for generated functions. Everything Django-semantic is delegated to
 * `@tessera/runtime`; what lives here is the glue the generator relies on (context roots, the
 * missing-value conventions of Django's FilterExpression, loop unpacking, Python int/float parsing of
 * tag arguments), kept tiny so V8 inlines it into the generated code.
 */
import {
  MISSING,
  SafeString,
  escapeHtml,
  isTruthy,
  lookup,
  pyEquals,
  pyIter,
  pyLen,
  renderValue,
} from '@tessera/runtime';

/** Marks an `as` variable slot that has not been assigned in its context level yet. */
export const UNSET: unique symbol = Symbol('tessera.codegen.unset');

/** An Error carrying a Python exception class name, as Django would raise it. */
export function pyError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/** Django's builtins context level: `True`, `False`, `None`. */
export function builtin(name: string): unknown {
  switch (name) {
    case 'True':
      return true;
    case 'False':
      return false;
    case 'None':
      return null;
    default:
      return MISSING;
  }
}

/**
 * Django's rule for a callable found by a lookup: called with no arguments unless it is marked
 * `do_not_call_in_templates`; one marked `alters_data` resolves to `string_if_invalid`.
 */
function called(fn: (...args: unknown[]) => unknown): unknown {
  const marks = fn as { do_not_call_in_templates?: unknown; alters_data?: unknown };
  if (marks.do_not_call_in_templates) return fn;
  if (marks.alters_data) return '';
  return fn();
}

/** First segment of a variable, looked up in the render context (own keys only), then the builtins. */
export function root(context: Record<string, unknown>, name: string): unknown {
  if (!Object.hasOwn(context, name)) return builtin(name);
  const v = context[name];
  return typeof v === 'function' ? called(v as (...args: unknown[]) => unknown) : v;
}

/**
 * One lookup step. A plain object's own, non-function property is read directly; everything else
 * (arrays, Maps, strings, methods, callables, MISSING) goes through `lookup`. The generator only
 * uses `get` for segments that cannot name an emulated Python method or an index.
 */
export function get(obj: unknown, key: string): unknown {
  if (typeof obj === 'object' && obj !== null && Object.getPrototypeOf(obj) === Object.prototype && Object.hasOwn(obj, key)) {
    const v = (obj as Record<string, unknown>)[key];
    if (typeof v !== 'function') return v;
  }
  return lookup(obj, key);
}

/** `{{ v }}` with autoescape on. */
export function out(v: unknown): string {
  if (typeof v === 'string') return escapeHtml(v);
  return v === MISSING ? '' : renderValue(v, true);
}

/** `{{ v }}` with autoescape off. */
export function raw(v: unknown): string {
  if (typeof v === 'string') return v;
  return v === MISSING ? '' : renderValue(v, false);
}

/** A failed variable before filters in a plain expression: `string_if_invalid` (''). */
export function orEmpty(v: unknown): unknown {
  return v === MISSING ? '' : v;
}

/** A failed variable where Django resolves with `ignore_failures=True` ({% if %}, {% for %}, firstof): None. */
export function orNone(v: unknown): unknown {
  return v === MISSING ? null : v;
}

/** A filter argument: Django resolves it with `Variable.resolve`, which raises on a failed lookup. */
export function argument(v: unknown, path: string): unknown {
  if (v === MISSING) throw pyError('VariableDoesNotExist', `Failed lookup for key [${path}]`);
  return v;
}

/** Truthiness that short-cuts the common primitive cases before asking the runtime. */
export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  return v !== MISSING && isTruthy(v);
}

/** The sequence a `{% for %}` iterates: None (and failed lookups) iterate as empty. */
export function iterate(v: unknown): readonly unknown[] {
  if (Array.isArray(v)) return v;
  return pyIter(v === MISSING ? null : v);
}

/** `{% for a, b in pairs %}`: Python's `zip(loopvars, item)` after the length check ForNode makes. */
export function unpack(item: unknown, n: number): readonly unknown[] {
  const len = typeof item === 'object' || typeof item === 'string' ? pyLen(item) : undefined;
  const got = len ?? 1;
  if (got !== n) throw pyError('ValueError', `Need ${n} values to unpack in for loop; got ${got}. `);
  return Array.isArray(item) ? item : pyIter(item);
}

/** `not in` is false, not true, when `in` itself is invalid (Python raises TypeError, smartif returns False). */
export function validIn(haystack: unknown, needle: unknown): boolean {
  if (typeof haystack === 'string' || haystack instanceof SafeString) {
    return typeof needle === 'string' || needle instanceof SafeString;
  }
  return typeof haystack === 'object' && haystack !== null && haystack !== MISSING;
}

/** Python `!=` as `{% ifchanged %}` compares: the rendered body or the list of values. */
export function changed(previous: unknown, current: unknown): boolean {
  return previous === UNSET || !pyEquals(previous, current);
}

/** Python `int(v)` as `{% lorem %}` and `{% widthratio %}` use it; `undefined` where Python raises. */
export function pyInt(v: unknown): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  const text = typeof v === 'string' ? v : v instanceof SafeString ? v.value : undefined;
  if (text === undefined) return undefined;
  const m = /^\s*([+-]?\d(?:_?\d)*)\s*$/.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1].replace(/_/g, ''));
}

/** Python `float(v)`; `undefined` where Python raises. */
export function pyFloat(v: unknown): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  const text = typeof v === 'string' ? v : v instanceof SafeString ? v.value : undefined;
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (!/^[+-]?(\d(_?\d)*)?(\.(\d(_?\d)*)?)?(e[+-]?\d(_?\d)*)?$/.test(t) || !/\d/.test(t.split('e')[0] ?? '')) return undefined;
  return Number(t.replace(/_/g, ''));
}

/** Python 3 `round()` of a float to an int: half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
