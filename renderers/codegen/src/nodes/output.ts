/**
 * `{{ expr }}`: constant-folded when it is a literal, printed without escaping when the value cannot
 * carry markup, else escaped at the site (strings) or through `out()` (autoescape), or `raw()`.
 */
import { builtinFilters, pyStr } from '@tessera/runtime';
import type { OutputNode } from '@tessera/template';
import { genExpr, genFilters, literalText, reusable } from '../expr.js';
import type { Frame } from '../frame.js';
import type { Generator } from '../generator.js';
import { genSuperOutput } from './block.js';

/** Built-in filters whose result never needs escaping (markup-free or already safe). */
const NO_ESCAPE_FILTERS = new Set(['length', 'wordcount', 'divisibleby', 'safe', 'escape', 'force_escape']);

/** Built-in filters that escape whatever they get: `{{ v|escape }}` is written at the site for strings and integers. */
const ESCAPE_FILTERS = new Set(['escape', 'force_escape']);

const COUNTERS = new Set(['counter', 'counter0', 'revcounter', 'revcounter0']);

/** Emits an output node. */
export function genOutput(g: Generator, node: OutputNode, f: Frame): void {
  const e = node.expr;
  // Constant folding: a literal without filters is static text (Django marks literals safe).
  if (e.base.kind === 'literal' && e.filters.length === 0) {
    g.w.emitText(f.buf, literalText(e.base, pyStr));
    return;
  }
  if (e.filters.length === 0 && e.base.kind === 'var') {
    const [head, field, ...more] = e.base.path;
    const r = head === undefined ? null : f.scope.resolve(head);
    if (r?.kind === 'block' && field === 'super' && more.length === 0 && !r.block.standalone) {
      genSuperOutput(g, r.block, f);
      return;
    }
    if (r?.kind === 'expr' && r.forloop && field !== undefined && more.length === 0) {
      // Our own loop object: counters are ints, first/last booleans; no lookup, no escaping.
      if (COUNTERS.has(field)) {
        g.w.emit(f.buf, `${r.js}.${field}`);
        return;
      }
      if (field === 'first' || field === 'last') {
        g.w.emit(f.buf, `(${r.js}.${field} ? "True" : "False")`);
        return;
      }
    }
  }
  const only = e.filters.length === 1 ? e.filters[0] : undefined;
  if (
    e.base.kind === 'var' &&
    only !== undefined &&
    ESCAPE_FILTERS.has(only.name) &&
    only.arg === null &&
    g.template.filter(only.name, only.library) === builtinFilters[only.name]
  ) {
    // `escape` and `force_escape` print a string escaped and an integer as its digits (`escape` differs
    // from `force_escape` only on a SafeString): those two written at the site, anything else through the
    // filter as usual. The result is safe, so autoescape does not apply.
    const { first, name: v } = reusable(g, f, genExpr(g, { ...e, filters: [] }, f, 'keep'));
    const generic = genFilters(g, `orEmpty(${v})`, e.filters, f);
    g.w.emit(
      f.buf,
      `(typeof ${first} === "string" ? escapeHtml(${v}) : typeof ${v} === "number" && (${v} | 0) === ${v} ? "" + ${v} : raw(${generic}))`,
    );
    return;
  }
  const js = genExpr(g, e, f, 'keep');
  if (!escapesAtSite(g, node, f)) {
    g.w.emit(f.buf, `raw(${js})`);
    return;
  }
  // `out`'s string case written at the site, so the type check sees only this site's values; anything
  // else (MISSING, SafeString, numbers, dates) goes through `out`.
  const { first, name: v } = reusable(g, f, js);
  const flag = g.unescapedFlag;
  // With a flag (the live engine's rows), a value other than a string or number sets it: only those
  // two print without `<` or quotes for sure (a SafeString or `string_if_invalid` may hold markup).
  const other = flag === null ? `out(${v})` : `(typeof ${v} !== "number" && (${flag} = true), out(${v}))`;
  g.w.emit(f.buf, `(typeof ${first} === "string" ? escapeHtml(${v}) : ${other})`);
}

/** Whether an output that is not a literal, `block.super`, a loop counter or `escape` is escaped at its site. */
function escapesAtSite(g: Generator, node: OutputNode, f: Frame): boolean {
  const last = node.expr.filters[node.expr.filters.length - 1];
  // A library may override a built-in filter's name: only the built-in itself is known to be markup-free.
  const markupFree =
    last !== undefined &&
    NO_ESCAPE_FILTERS.has(last.name) &&
    g.template.filter(last.name, last.library) === builtinFilters[last.name];
  return f.autoescape && !markupFree;
}

/**
 * Whether `genOutput` prints `node` as text with no `<` or quote, unless a value other than a string or
 * number reaches `out` (which sets `Generator.unescapedFlag`): escaped at the site, or a loop counter.
 */
export function printsEscaped(g: Generator, node: OutputNode, f: Frame): boolean {
  const e = node.expr;
  if (e.base.kind === 'literal') return false;
  if (e.filters.length === 0 && e.base.kind === 'var') {
    const [head, field, ...more] = e.base.path;
    const r = head === undefined ? null : f.scope.resolve(head);
    if (r?.kind === 'block' && field === 'super') return false;
    if (r?.kind === 'expr' && r.forloop && field !== undefined && more.length === 0)
      if (COUNTERS.has(field) || field === 'first' || field === 'last') return true;
  }
  const only = e.filters.length === 1 ? e.filters[0] : undefined;
  if (only !== undefined && ESCAPE_FILTERS.has(only.name)) return false;
  return escapesAtSite(g, node, f);
}
