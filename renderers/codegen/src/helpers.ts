/**
 * Render-time support for generated functions. Everything Django-semantic is delegated to
 * `@tessera/runtime`; what lives here is the glue the generator relies on (context roots, the
 * missing-value conventions of Django's FilterExpression, loops, state, include depth). The hot paths
 * (lookup steps, escaping a string) are written into each template's code instead (expr.ts,
 * output.ts). Tag helpers live in tag-helpers.ts.
 */
import {
  filterBlockText,
  groupedResult,
  MAX_INCLUDE_DEPTH,
  selectTemplate,
  type GroupedResult,
} from '@tessera/interpreter';
import {
  MISSING,
  escapeHtml,
  isTruthy,
  lookupPath,
  pyEquals,
  pyError,
  pyIter,
  pyLen,
  renderValue,
  type RuntimeOptions,
} from '@tessera/runtime';
import type { CodegenTemplate } from './template.js';

/** Marks an `as` variable slot that has not been assigned in its context level yet. */
export const UNSET: unique symbol = Symbol('tessera.codegen.unset');

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

const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * First segment of a variable, looked up in the render context (own enumerable keys only), then the
 * builtins. Strings, numbers and plain data are returned as read; anything else is resolved as
 * `lookupPath` resolves every value (a callable called, `undefined` missing, a Promise refused: a plain
 * object with a `then` method too, before a step reads through it).
 */
export function root(context: Record<string, unknown>, name: string): unknown {
  if (!isEnumerable.call(context, name)) return builtin(name);
  const v = context[name];
  if (
    typeof v === 'object'
      ? v === null ||
        Array.isArray(v) ||
        (getPrototypeOf(v) === ObjectPrototype && typeof (v as { then?: unknown }).then !== 'function')
      : typeof v !== 'function' && v !== undefined
  )
    return v;
  return lookupPath(v, [name], 1);
}

/**
 * What a generated lookup step checks before keeping a directly read value (expr.ts `genStep`): the
 * object's prototype is `Object.prototype`, and the key is its own when `Object.prototype` holds it
 * too. Bound once here so generated code calls them without reaching through globals a page script
 * could have replaced.
 */
export const getPrototypeOf: (o: object) => unknown = Object.getPrototypeOf;
/** See {@link getPrototypeOf}. */
export const ObjectPrototype: object = Object.prototype;
/** See {@link getPrototypeOf}. */
export const hasOwn: (o: object, key: PropertyKey) => boolean = Object.hasOwn;

/** `{{ v }}` printers bound to one template's runtime options (time zone of dates). */
export function outputs(options: RuntimeOptions): Outputs {
  return outputsWith(options, renderValue);
}

/** The `{{ v }}` printers generated code uses. */
export interface Outputs {
  out(v: unknown): string;
  raw(v: unknown): string;
}

/** `outputs` over a given `renderValue` (the browser's refuses Dates: see browser.ts). */
export function outputsWith(
  options: RuntimeOptions,
  render: (v: unknown, autoescape: boolean, options: RuntimeOptions) => string,
): Outputs {
  return {
    /** `{{ v }}` with autoescape on; an integer prints as its digits, nothing to escape or localize. */
    out: (v) =>
      typeof v === 'string'
        ? escapeHtml(v)
        : typeof v === 'number' && (v | 0) === v
          ? '' + v
          : v === MISSING
            ? ''
            : render(v, true, options),
    /** `{{ v }}` with autoescape off. */
    raw: (v) => (typeof v === 'string' ? v : v === MISSING ? '' : render(v, false, options)),
  };
}

/**
 * A failed variable before filters in a plain expression: `string_if_invalid` (''). `undefined` (a loop
 * variable bound to an undefined item, read without a lookup) is missing too.
 */
export function orEmpty(v: unknown): unknown {
  return v === MISSING || v === undefined ? '' : v;
}

/** A failed variable where Django resolves with `ignore_failures=True` ({% if %}, {% for %}, firstof): None. */
export function orNone(v: unknown): unknown {
  return v === MISSING || v === undefined ? null : v;
}

/** A filter argument: Django resolves it with `Variable.resolve`, which raises on a failed lookup. */
export function argument(v: unknown, path: string): unknown {
  if (v === MISSING || v === undefined) throw pyError('VariableDoesNotExist', `Failed lookup for key [${path}]`);
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

/** A new regroup group. */
export function grouped(key: unknown, members: unknown[]): GroupedResult {
  return groupedResult(key, members);
}

/** `{% for a, b in pairs %}`: Python's `zip(loopvars, item)` after the length check ForNode makes. */
export function unpack(item: unknown, n: number): readonly unknown[] {
  const got = pyLen(item) ?? 1;
  if (got !== n) throw pyError('ValueError', `Need ${n} values to unpack in for loop; got ${got}. `);
  return Array.isArray(item) ? item : pyIter(item);
}

/** The enclosing loop's forloop for `forloop.parentloop` (`{}` at the outermost loop). */
export function parentLoop(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? v : {};
}

/** What `{% filter %}` prints: the chain's result as text, never escaped again. */
export function blockResult(v: unknown): string {
  return filterBlockText(v);
}

/**
 * The context levels visible at an out-of-line include, flattened into one object: `base` (the render
 * context, or `null` under `only`) overlaid with `keys[i] = values[i]`. Unassigned `as` slots and
 * failed lookups are left out. Properties are defined, so a key like `__proto__` stays plain data.
 */
export function scopeObject(
  base: Record<string, unknown> | null,
  keys: readonly string[],
  values: readonly unknown[],
): Record<string, unknown> {
  const o: Record<string, unknown> = base === null ? {} : { ...base };
  keys.forEach((k, i) => {
    const v = values[i];
    if (v !== UNSET && v !== MISSING)
      Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  });
  return o;
}

/** Python `!=` as `{% ifchanged %}` compares: the rendered body or the list of values. */
export function changed(previous: unknown, current: unknown): boolean {
  return previous === UNSET || !pyEquals(previous, current);
}

/** The template a dynamic `{% include %}` names, loaded as Django loads it: before the `with` values. */
export function includedTemplate(t: CodegenTemplate, name: unknown): CodegenTemplate {
  return selectTemplate(name, (n) => t.load(n));
}

const loopMemories = new WeakMap<object, Map<number, { value: unknown }>>();

/**
 * The memory `{% ifchanged %}` node `id` keeps in `forloop` (a loop of the template that included this
 * one), or null outside loops.
 */
export function loopMemory(forloop: unknown, id: number): { value: unknown } | null {
  if (typeof forloop !== 'object' || forloop === null) return null;
  let memories = loopMemories.get(forloop);
  if (memories === undefined) {
    memories = new Map();
    loopMemories.set(forloop, memories);
  }
  let box = memories.get(id);
  if (box === undefined) {
    box = { value: UNSET };
    memories.set(id, box);
  }
  return box;
}

/** `missing` for a VariableDoesNotExist (the value of `block.super` then is missing), else rethrows. */
export function missingValue(err: unknown, missing: unknown): unknown {
  if (err instanceof Error && err.name === 'VariableDoesNotExist') return missing;
  throw err;
}

/** An `{% if %}` operator whose operands may raise: False when they do, as Django's smartif. */
export function guard(operator: () => unknown): unknown {
  try {
    return operator();
  } catch {
    return false;
  }
}

/** `{% if %}` on a failed filter argument: no match; any other error propagates. */
export function noMatch(err: unknown): false {
  if (err instanceof Error && err.name === 'VariableDoesNotExist') return false;
  throw err;
}

/**
 * Out-of-line renders (recursive and dynamic includes, `{% extends var %}`) in progress. A template
 * that includes itself forever must fail with Django's RecursionError before the JS stack runs out:
 * near exhaustion V8 reports arbitrary errors from inside builtins, not only RangeError.
 */
let depth = 0;

/** Enters one out-of-line render. */
export function descend(name: string): void {
  if (depth >= MAX_INCLUDE_DEPTH)
    throw pyError('RecursionError', `maximum recursion depth exceeded while rendering ${name}`);
  depth++;
}

/** Leaves one out-of-line render (in a `finally`). */
export function ascend(): void {
  depth--;
}
