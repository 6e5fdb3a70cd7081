/**
 * Expressions and conditions, with Django's failure rules: a missing variable is `''` in output and
 * `None` in `{% if %}`/`{% for %}`; a missing variable used as a filter argument raises
 * VariableDoesNotExist; a failing `{% if %}` comparison is false.
 */
import {
  applyFilter,
  isTruthy,
  markSafe,
  MISSING,
  pyCompare,
  pyEquals,
  pyIn,
  pyIs,
  pyNotIn,
  type FilterEnv,
} from '@tessera/runtime';
import type { Cond, Expr, Operand } from '@tessera/template';
import type { Context } from './context.js';

/** Django's VariableDoesNotExist, raised for a missing filter argument. */
export function variableDoesNotExist(path: readonly string[]): Error {
  return Object.assign(new Error(`Failed lookup for key [${path.join('.')}]`), { name: 'VariableDoesNotExist' });
}

/** An operand's value, or MISSING. String literals are safe, as Django marks them. */
export function resolveOperand(op: Operand, ctx: Context): unknown {
  if (op.kind === 'literal') return typeof op.value === 'string' ? markSafe(op.value) : op.value;
  return ctx.resolve(op.path);
}

/**
 * Django's FilterExpression.resolve. A VariableDoesNotExist raised while the value itself resolves (by
 * `block.super`, whose parent block reads a missing filter argument) makes the value missing, as Django
 * catches it there; one raised by a filter argument propagates.
 */
export function resolveExpr(expr: Expr, ctx: Context, ignoreFailures = false): unknown {
  let value: unknown;
  try {
    value = resolveOperand(expr.base, ctx);
  } catch (err) {
    if ((err as Error).name !== 'VariableDoesNotExist') throw err;
    value = MISSING;
  }
  if (value === MISSING) value = ignoreFailures ? null : '';
  if (expr.filters.length === 0) return value;
  const env: FilterEnv = { autoescape: ctx.autoescape, options: ctx.template.options.runtime };
  for (const f of expr.filters) {
    let arg: unknown;
    if (f.arg) {
      arg = resolveOperand(f.arg, ctx);
      if (arg === MISSING) throw variableDoesNotExist((f.arg as { path: readonly string[] }).path);
    }
    value = applyFilter(ctx.template.filter(f.name, f.library), value, arg, env);
  }
  return value;
}

/** Evaluates a condition to a Python value (only its truthiness matters to `{% if %}`). */
export function evalCond(cond: Cond, ctx: Context): unknown {
  if (cond.kind === 'value') return resolveExpr(cond.expr, ctx, true);
  // Django evaluates each operator inside `try: ... except Exception: return False`: an operand that
  // raises (a missing filter argument, `first` of a dict) makes that whole operator false.
  try {
    return evalOperator(cond, ctx);
  } catch {
    return false;
  }
}

function evalOperator(cond: Exclude<Cond, { kind: 'value' }>, ctx: Context): unknown {
  switch (cond.kind) {
    case 'not':
      return !isTruthy(evalCond(cond.operand, ctx));
    case 'or': {
      const left = evalCond(cond.left, ctx);
      return isTruthy(left) ? left : evalCond(cond.right, ctx);
    }
    case 'and': {
      const left = evalCond(cond.left, ctx);
      return isTruthy(left) ? evalCond(cond.right, ctx) : left;
    }
    case 'compare': {
      const a = evalCond(cond.left, ctx);
      const b = evalCond(cond.right, ctx);
      switch (cond.op) {
        case '==':
          return pyEquals(a, b);
        case '!=':
          return !pyEquals(a, b);
        case '<':
        case '>':
        case '<=':
        case '>=':
          return pyCompare(cond.op, a, b);
        case 'in':
          return pyIn(a, b);
        case 'not in':
          return pyNotIn(a, b);
        case 'is':
          return pyIs(a, b);
        case 'is not':
          return !pyIs(a, b);
      }
    }
  }
}

/** Django's IfNode test: VariableDoesNotExist from the top-level operand means no match. */
export function condTrue(cond: Cond, ctx: Context): boolean {
  try {
    return isTruthy(evalCond(cond, ctx));
  } catch (err) {
    if ((err as Error).name === 'VariableDoesNotExist') return false;
    throw err;
  }
}
