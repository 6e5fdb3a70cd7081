/**
 * `{% if %}` conditions. Django's smartif evaluates each operator inside `try/except Exception:
 * return False`, so a filter that raises inside `a|f == 1` makes that comparison false instead of
 * failing the render, while a bare `{% if a|f %}` still raises. Operators whose own operands carry
 * filters or read variables (whose resolution may raise: a getter, a Promise) are therefore evaluated
 * into a temporary inside `try`; the rest stay plain expressions.
 */
import type { Cond } from '@tessera/template';
import type { Frame } from './frame.js';
import type { Generator } from './generator.js';
import { genExpr } from './expr.js';

// An operand raises when a filter does, or when resolving a variable does (a getter that raises, a
// Promise refused by the runtime's lookup, `block.super` rendering its parent block); literals never do.
function mayThrow(x: Cond): boolean {
  return x.kind === 'value' && (x.expr.filters.length > 0 || x.expr.base.kind === 'var');
}

function operandsMayThrow(c: Cond): boolean {
  switch (c.kind) {
    case 'value':
      return false;
    case 'not':
      return mayThrow(c.operand);
    case 'and':
    case 'or':
    case 'compare':
      return mayThrow(c.left) || mayThrow(c.right);
  }
}

/**
 * Wraps an operator's expression so that an exception makes it `false`, as smartif does. The guard is an
 * expression, evaluated where the operator is: `a or b` does not evaluate `b` when `a` is true.
 */
function guarded(_g: Generator, js: string, c: Cond): string {
  if (!operandsMayThrow(c)) return js;
  return `guard(() => ${js})`;
}

function compare(op: string, a: string, b: string): string {
  switch (op) {
    case '==':
      return `pyEquals(${a}, ${b})`;
    case '!=':
      return `!pyEquals(${a}, ${b})`;
    case 'in':
      return `pyIn(${a}, ${b})`;
    case 'not in':
      return `pyNotIn(${a}, ${b})`;
    case 'is':
      return `pyIs(${a}, ${b})`;
    case 'is not':
      return `!pyIs(${a}, ${b})`;
    default:
      return `pyCompare(${JSON.stringify(op)}, ${a}, ${b})`;
  }
}

/** JS expression with the Python value of the condition (`a or b` yields a or b, not a boolean). */
export function genCondValue(g: Generator, c: Cond, f: Frame): string {
  switch (c.kind) {
    case 'value':
      return genExpr(g, c.expr, f, 'none');
    case 'compare':
    case 'not':
      return genCondBool(g, c, f);
    case 'and':
    case 'or': {
      const left = genCondValue(g, c.left, f);
      const right = genCondValue(g, c.right, f);
      const t = g.id('t');
      g.w.line(`let ${t};`);
      const js =
        c.kind === 'or' ? `(truthy(${t} = ${left}) ? ${t} : ${right})` : `(truthy(${t} = ${left}) ? ${right} : ${t})`;
      return guarded(g, js, c);
    }
  }
}

/** JS boolean expression for the condition's truthiness. */
export function genCondBool(g: Generator, c: Cond, f: Frame): string {
  switch (c.kind) {
    case 'value':
      return `truthy(${genExpr(g, c.expr, f, c.expr.filters.length > 0 ? 'none' : 'keep')})`;
    case 'not':
      return guarded(g, `!${genCondBool(g, c.operand, f)}`, c);
    case 'and':
    case 'or': {
      const left = genCondBool(g, c.left, f);
      const right = genCondBool(g, c.right, f);
      return guarded(g, `(${left} ${c.kind === 'and' ? '&&' : '||'} ${right})`, c);
    }
    case 'compare': {
      const left = genCondValue(g, c.left, f);
      const right = genCondValue(g, c.right, f);
      return guarded(g, compare(c.op, left, right), c);
    }
  }
}

/**
 * A branch condition of `{% if %}`. Django's IfNode treats VariableDoesNotExist from the condition (a
 * missing filter argument in `{% if x|add:missing %}`) as "no match"; other errors propagate.
 */
export function genIfCondition(g: Generator, c: Cond, f: Frame): string {
  const js = genCondBool(g, c, f);
  if (c.kind !== 'value' || !c.expr.filters.some((call) => call.arg?.kind === 'var')) return js;
  const t = g.id('t');
  g.w.line(`let ${t};`);
  g.w.line(`try { ${t} = ${js}; } catch (e) { ${t} = noMatch(e); }`);
  return t;
}
