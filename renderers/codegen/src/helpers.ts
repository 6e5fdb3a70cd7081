/**
 * Render-time support for generated functions. Everything Django-semantic is delegated to
 * `@tessera/runtime`; what lives here is the glue the generator relies on (context roots, the
 * missing-value conventions of Django's FilterExpression, loop unpacking, the less common tags). The
 * hot ones (`root`, `get`, `out`) are tiny so V8 inlines them into the generated code.
 */
import {
  MISSING,
  SafeString,
  builtinFilters,
  conditionalEscape,
  escapeHtml,
  isTruthy,
  lookup,
  lookupPath,
  loremParagraphs,
  loremWords,
  pyEquals,
  pyError,
  pyFloat,
  pyIn,
  pyInt,
  pyIter,
  pyLen,
  pyRepr,
  pyStr,
  renderValue,
  type FilterEnv,
  type RuntimeOptions,
} from '@tessera/runtime';
import { TemplateDoesNotExist, TemplateSyntaxError, type SimpleTag } from '@tessera/template';
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

const NO_PATH: readonly string[] = [];
const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * First segment of a variable, looked up in the render context (own enumerable keys only), then the
 * builtins. A callable is called as `lookupPath` calls every value it resolves.
 */
export function root(context: Record<string, unknown>, name: string): unknown {
  if (!isEnumerable.call(context, name)) return builtin(name);
  const v = context[name];
  return typeof v === 'function' ? lookupPath(v, NO_PATH) : v;
}

/**
 * One lookup step. A plain object's own, non-function property is read directly (a dict key wins over
 * any method name in Django too); everything else (arrays, Maps, strings, class instances, callables,
 * MISSING) goes through `lookup`. The value is read before the checks because a monomorphic property
 * read is the cheapest operation here and rules out most fallbacks at once.
 */
export function get(obj: unknown, key: string): unknown {
  if (typeof obj === 'object' && obj !== null) {
    const v = (obj as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'function' && Object.getPrototypeOf(obj) === Object.prototype && Object.hasOwn(obj, key)) return v;
  }
  return lookup(obj, key);
}

/** `{{ v }}` printers bound to one template's runtime options (time zone of dates). */
export function outputs(options: RuntimeOptions): { out(v: unknown): string; raw(v: unknown): string } {
  return {
    /** `{{ v }}` with autoescape on. */
    out: (v) => (typeof v === 'string' ? escapeHtml(v) : v === MISSING ? '' : renderValue(v, true, options)),
    /** `{{ v }}` with autoescape off. */
    raw: (v) => (typeof v === 'string' ? v : v === MISSING ? '' : renderValue(v, false, options)),
  };
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

/** `{% regroup %}`'s items: Django's `GroupedResult(grouper, list)` namedtuple. */
export class GroupedResult {
  constructor(
    readonly grouper: unknown,
    readonly list: unknown[],
  ) {}

  *[Symbol.iterator](): Iterator<unknown> {
    yield this.grouper;
    yield this.list;
  }
}

/** A new regroup group. */
export function grouped(key: unknown, members: unknown[]): GroupedResult {
  return new GroupedResult(key, members);
}

/** `{% for a, b in pairs %}`: Python's `zip(loopvars, item)` after the length check ForNode makes. */
export function unpack(item: unknown, n: number): readonly unknown[] {
  const got = pyLen(item) ?? (item instanceof GroupedResult ? 2 : 1);
  if (got !== n) throw pyError('ValueError', `Need ${n} values to unpack in for loop; got ${got}. `);
  return Array.isArray(item) ? item : pyIter(item);
}

/** The enclosing loop's forloop for `forloop.parentloop` (`{}` at the outermost loop). */
export function parentLoop(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? v : {};
}

/**
 * `x not in y`: Python raises TypeError when `y` is not a container, and smartif makes the operator
 * false, so this is not simply `!pyIn`.
 */
export function notIn(needle: unknown, haystack: unknown): boolean {
  const container =
    typeof haystack === 'string' || Array.isArray(haystack) || (typeof haystack === 'object' && haystack !== null && !(haystack instanceof Date));
  return container && !pyIn(needle, haystack);
}

/** What `{% filter %}` prints: the chain's result as text, never escaped again. */
export function blockResult(v: unknown): string {
  return v instanceof SafeString ? v.value : typeof v === 'string' ? v : pyStr(v);
}

/**
 * The context levels visible at an out-of-line include, flattened into one object: `base` (the render
 * context, or `null` under `only`) overlaid with `keys[i] = values[i]`. Unassigned `as` slots and
 * failed lookups are left out. Properties are defined, so a key like `__proto__` stays plain data.
 */
export function scopeObject(base: Record<string, unknown> | null, keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = base === null ? {} : { ...base };
  keys.forEach((k, i) => {
    const v = values[i];
    if (v !== UNSET && v !== MISSING) Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  });
  return o;
}

/** Python `!=` as `{% ifchanged %}` compares: the rendered body or the list of values. */
export function changed(previous: unknown, current: unknown): boolean {
  return previous === UNSET || !pyEquals(previous, current);
}


/** The error a constant `{% include %}` of a missing or broken template throws when rendered. */
export function includeError(name: string, error: 'TemplateDoesNotExist' | 'TemplateSyntaxError', message: string): Error {
  return error === 'TemplateDoesNotExist' ? new TemplateDoesNotExist(name) : new TemplateSyntaxError(message);
}

/** `{% now "format" %}`: Django formats `now()` with the `date` filter (named formats included). */
export function formatNow(format: string, env: FilterEnv): string {
  const date = builtinFilters['date'];
  if (date === undefined) throw new Error('the runtime has no date filter');
  return pyStr(date.fn(env.options.now(), format, env));
}

/** `{% lorem count method [random] %}`; a count Python's int() refuses is 1. */
export function lorem(count: unknown, method: string, common: boolean): string {
  let n: number;
  try {
    n = pyInt(count);
  } catch {
    n = 1;
  }
  if (method === 'w') return loremWords(n, common);
  const paragraphs = loremParagraphs(n, common);
  return (method === 'p' ? paragraphs.map((p) => `<p>${p}</p>`) : paragraphs).join('\n\n');
}

/** Python 3 `round()` to an int: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** `{% widthratio value max width %}`: `str(round(value / max * width))`, '' when not computable. */
export function widthRatio(value: unknown, max: unknown, width: unknown): string {
  let w: number;
  try {
    w = pyInt(width);
  } catch {
    throw new TemplateSyntaxError('widthratio final argument must be a number');
  }
  try {
    const v = pyFloat(value);
    const m = pyFloat(max);
    if (m === 0) return '0';
    const ratio = (v / m) * w;
    return Number.isFinite(ratio) ? String(roundHalfEven(ratio)) : '';
  } catch {
    return '';
  }
}

/** Values handed to hooks: SafeString literals become plain strings. */
function plain(v: unknown): unknown {
  return v instanceof SafeString ? v.value : v;
}

/** Reverses `{% url %}` with the template's `url` hook; with `as`, NoReverseMatch yields ''. */
export function reverseUrl(
  t: CodegenTemplate,
  viewName: unknown,
  args: readonly unknown[],
  keys: readonly string[],
  values: readonly unknown[],
  silent: boolean,
): string {
  const hook = t.options.url;
  const name = pyStr(viewName);
  try {
    if (!hook) throw pyError('NoReverseMatch', `Reverse for '${name}' not found: no url hook was given to compile()`);
    return hook(name, args.map(plain), Object.fromEntries(keys.map((k, i) => [k, plain(values[i])])));
  } catch (err) {
    if (silent && err instanceof Error && err.name === 'NoReverseMatch') return '';
    throw err;
  }
}

/** `{% csrf_token %}`: the hidden input, or nothing without a token. */
export function csrfInput(token: unknown): string {
  if (token === MISSING || !isTruthy(token) || pyEquals(token, 'NOTPROVIDED')) return '';
  return `<input type="hidden" name="csrfmiddlewaretoken" value="${conditionalEscape(token)}">`;
}

/** `{% debug %}`: the visible context (with the builtins) when the template's `debug` option is on. */
export function debugDump(t: CodegenTemplate, context: Record<string, unknown>): string {
  if (!t.options.debug) return '';
  return conditionalEscape(pyRepr({ True: true, False: false, None: null, ...context }));
}

/** A `{% load %}`ed simple tag: resolved arguments in, printed (escaped unless safe) result out. */
export function callTag(
  tag: SimpleTag,
  args: unknown[],
  keys: readonly string[],
  values: readonly unknown[],
  context: Record<string, unknown>,
  autoescape: boolean,
): unknown {
  const lookup = (name: string): unknown => {
    const v = root(context, name);
    return v === MISSING ? undefined : v;
  };
  return tag.fn(args, Object.fromEntries(keys.map((k, i) => [k, values[i]])), { lookup, autoescape });
}

/** How a simple tag's result is printed. */
export function tagOutput(v: unknown, autoescape: boolean): string {
  return autoescape ? conditionalEscape(v) : pyStr(v);
}

/** `{% if %}` on a failed filter argument: no match; any other error propagates. */
export function noMatch(err: unknown): false {
  if (err instanceof Error && err.name === 'VariableDoesNotExist') return false;
  throw err;
}

/** `{{ block.super }}` where no `{% extends %}` is in effect: Django's error for it. */
export function blockSuperError(): Error {
  return new TemplateSyntaxError("'BlockNode' object has no attribute 'context'. Did you use {{ block.super }} in a base template?");
}

/**
 * Out-of-line renders (recursive and dynamic includes, `{% extends var %}`) in progress. A template
 * that includes itself forever must fail with Django's RecursionError before the JS stack runs out:
 * near exhaustion V8 reports arbitrary errors from inside builtins, not only RangeError.
 */
let depth = 0;

/** Deepest nesting of out-of-line renders (Django's own limit comes from Python's recursion limit). */
export const MAX_INCLUDE_DEPTH = 200;

/** Enters one out-of-line render. */
export function descend(name: string): void {
  if (depth >= MAX_INCLUDE_DEPTH) throw pyError('RecursionError', `maximum recursion depth exceeded while rendering ${name}`);
  depth++;
}

/** Leaves one out-of-line render (in a `finally`). */
export function ascend(): void {
  depth--;
}
