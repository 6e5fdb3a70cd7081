/**
 * Expressions: literals, variable paths and filter chains, as JS expressions.
 *
 * Django resolves a variable in one of two ways: plainly (`{{ x }}`, `{% with %}`, tag arguments),
 * where a failed lookup becomes `string_if_invalid` ('') before the filters run, or with
 * `ignore_failures` (`{% if %}`, `{% for %}`, `{% firstof %}`), where it becomes None. Filter
 * arguments that fail raise VariableDoesNotExist. `Missing` picks the rule; `'keep'` leaves MISSING
 * for `out()`/`raw()`, which print it as ''.
 */
import type { Expr, FilterCall, Literal, Operand, Var } from '@tessera/template';
import type { Frame } from './frame.js';
import type { Generator } from './generator.js';
import { jsNumber, jsString } from './literal.js';
import { genBlockAttribute } from './nodes/block.js';

/** How a failed lookup of the base value is turned into a value. */
export type Missing = 'keep' | 'empty' | 'none';

/**
 * Names `lookup` answers with an emulated Python method (or an index), which the inline plain-object
 * read of `genStep` must not short-cut.
 */
const METHOD_NAMES = new Set([
  'items',
  'keys',
  'values',
  'upper',
  'lower',
  'title',
  'capitalize',
  'strip',
  'lstrip',
  'rstrip',
  'split',
  'splitlines',
  'isdigit',
  'isalpha',
  'isupper',
  'islower',
  'swapcase',
  'count',
  'index',
]);

/** The forloop fields a generated loop object always holds. */
const FORLOOP_FIELDS = new Set(['counter0', 'counter', 'revcounter', 'revcounter0', 'first', 'last', 'parentloop']);

/**
 * What `{{ literal }}` prints. Django prints a float literal as Python's repr (`1.0`, `1000.0`,
 * `1e+16`); the IR keeps the source spelling for that. (A translated literal's value already carries
 * gettext's `%` doubling.)
 */
export function literalText(lit: Literal, pyStr: (v: unknown) => string): string {
  if (typeof lit.value === 'string') return lit.value;
  const isFloat = /[.eE]/.test(lit.raw) && !/^[+-]?(inf|nan)/i.test(lit.raw);
  if (isFloat && Number.isInteger(lit.value) && Math.abs(lit.value) < 1e16) return `${jsNumber(lit.value)}.0`;
  return pyStr(lit.value);
}

/** JS expression for a literal operand (strings are SafeStrings, as Django marks literals safe). */
export function genLiteral(g: Generator, lit: Literal): string {
  if (typeof lit.value === 'number') return jsNumber(lit.value);
  return g.safeConstant(lit.value);
}

/** A generated variable name (`x6`, `t9`): safe to read twice, unlike a call. */
const GENERATED_ID = /^[a-z]+\d+$/;

/**
 * `js` for an expression read more than once: `name` reads its value, `first` evaluates it (assigning a
 * new temporary unless `js` already is a generated variable) and must come before any read of `name`.
 */
export function reusable(g: Generator, f: Frame, js: string): { first: string; name: string } {
  if (GENERATED_ID.test(js)) return { first: js, name: js };
  const name = g.temp(f);
  return { first: `(${name} = ${js})`, name };
}

/**
 * One lookup step from the JS expression `obj`. A plain key is read at the site when the object is a
 * plain object owning a defined value under it that is neither a function nor a thenable (a dict key
 * wins over any method name in Django too); anything else goes through `lookup`, which applies the whole
 * value mapping of `@tessera/runtime` (callables called, `undefined` missing, a Promise refused with a
 * TypeError naming `path`). Written out in each template's code rather than in a shared helper, the
 * property read gets an inline cache that only sees this site's objects, as hand-written `item.name`
 * would. The object's `constructor` is compared with `Object` before the read, so a class instance's
 * getter only runs inside `lookup`, under its rules (a load V8 folds, as it does the prototype test after
 * the read; testing the prototype first costs a real call per step). A defined value read from an object
 * whose prototype is `Object.prototype` can only be
 * inherited when `Object.prototype` itself holds the key (`__proto__`, or a polluted prototype), so
 * `hasOwn` is only asked then; that read folds to a constant in V8.
 */
export function genStep(
  g: Generator,
  f: Frame,
  obj: string,
  segment: string,
  path: string = segment,
  unchecked = false,
): string {
  const key = jsString(segment);
  const fallback = path === segment ? key : `${key}, ${jsString(path)}`;
  if (!/^[A-Za-z_$][\w$]*$/.test(segment) || METHOD_NAMES.has(segment)) return `lookup(${obj}, ${fallback})`;
  const { first, name: o } = reusable(g, f, obj);
  const v = g.temp(f);
  // `unchecked`: the object was bound as read (a loop item), so it may itself be a thenable `lookup` refuses.
  const notThenable = unchecked ? `typeof ${o}.then !== "function" && ` : '';
  return (
    `(typeof ${first} === "object" && ${o} !== null && ${o}.constructor === ObjectPrototype.constructor && ${notThenable}` +
    `(${v} = ${o}[${key}]) !== undefined && typeof ${v} !== "function" && ` +
    `(typeof ${v} !== "object" || ${v} === null || typeof ${v}.then !== "function") && ` +
    `getPrototypeOf(${o}) === ObjectPrototype && (ObjectPrototype[${key}] === undefined || hasOwn(${o}, ${key})) ? ${v} : lookup(${o}, ${fallback}))`
  );
}

/** JS expression for a variable path; may be MISSING. */
export function genVar(g: Generator, v: Var, f: Frame): string {
  const [head, ...rest] = v.path;
  if (head === undefined) return 'MISSING';
  const r = f.scope.resolve(head);
  if (r.kind === 'block') {
    const [attr, ...more] = rest;
    let js = genBlockAttribute(g, r.block, attr, f);
    if (js !== 'MISSING') for (const seg of more) js = genStep(g, f, js, seg);
    return js;
  }
  let js = r.js;
  let i = 0;
  // Our own forloop objects always hold these fields as plain data: read them directly.
  if (r.forloop && rest[0] !== undefined && FORLOOP_FIELDS.has(rest[0])) {
    js = `${js}.${rest[0]}`;
    i = 1;
  }
  // A context value comes through `root`, which refuses a thenable; a loop item is bound as the list holds it.
  const bound = !/^(?:root|builtin)\(/.test(js);
  for (; i < rest.length; i++)
    js = genStep(g, f, js, rest[i] ?? '', v.path.slice(0, i + 2).join('.'), bound && i === 0 && !r.forloop);
  return js;
}

/** JS expression for an operand; a variable may be MISSING. */
export function genOperand(g: Generator, op: Operand, f: Frame): string {
  return op.kind === 'literal' ? genLiteral(g, op) : genVar(g, op, f);
}

function genArgument(g: Generator, call: FilterCall, f: Frame): string {
  if (call.arg === null) return 'undefined';
  if (call.arg.kind === 'literal') return genLiteral(g, call.arg);
  return `argument(${genVar(g, call.arg, f)}, ${jsString(call.arg.path.join('.'))})`;
}

/** Applies a filter chain to the JS expression `value` (Django's FilterExpression loop). */
export function genFilters(g: Generator, value: string, filters: readonly FilterCall[], f: Frame): string {
  let js = value;
  for (const call of filters)
    js = `applyFilter(${g.filter(call.name, call.library)}, ${js}, ${genArgument(g, call, f)}, ${g.env(f.autoescape)})`;
  return js;
}

/** JS expression for a full expression under the given missing-value rule. */
export function genExpr(g: Generator, e: Expr, f: Frame, missing: Missing): string {
  const base = genOperand(g, e.base, f);
  if (e.base.kind === 'literal') return genFilters(g, base, e.filters, f);
  if (e.filters.length === 0) {
    if (missing === 'keep') return base;
    return missing === 'none' ? `orNone(${base})` : `orEmpty(${base})`;
  }
  return genFilters(g, missing === 'none' ? `orNone(${base})` : `orEmpty(${base})`, e.filters, f);
}
