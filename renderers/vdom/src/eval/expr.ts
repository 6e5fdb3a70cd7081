import { applyFilter, isTruthy, markSafe, MISSING, pyCompare, pyEquals, pyIn, pyIs, pyError, type FilterEnv } from '@tessera/runtime';
import type { Cond, Expr, Operand } from '@tessera/template';
import type { Context } from './context.js';

/** An operand's value, or MISSING. String literals are safe, as Django marks them. */
export function resolveOperand(op: Operand, ctx: Context): unknown {
  if (op.kind === 'literal') return typeof op.value === 'string' ? markSafe(op.value) : op.value;
  return ctx.resolve(op.path);
}

/**
 * Django's FilterExpression.resolve: a missing base is `''` (string_if_invalid), or `None` with
 * `ignoreFailures` (`{% if %}`, `{% for %}`, `{% firstof %}`); a missing filter argument raises
 * VariableDoesNotExist.
 */
export function resolveExpr(expr: Expr, ctx: Context, ignoreFailures = false): unknown {
  let value = resolveOperand(expr.base, ctx);
  if (value === MISSING) value = ignoreFailures ? null : '';
  if (expr.filters.length === 0) return value;
  const env: FilterEnv = { autoescape: ctx.autoescape, options: ctx.template.options.runtime };
  for (const f of expr.filters) {
    let arg: unknown;
    if (f.arg) {
      arg = resolveOperand(f.arg, ctx);
      if (arg === MISSING) throw pyError('VariableDoesNotExist', `Failed lookup for key [${f.arg.kind === 'var' ? f.arg.path.join('.') : ''}]`);
    }
    value = applyFilter(ctx.template.filter(f.name, f.library), value, arg, env);
  }
  return value;
}

// Django evaluates each operator inside `try: ... except Exception: return False`.
function guard(cond: Cond, ctx: Context): unknown {
  try {
    return condValue(cond, ctx);
  } catch {
    return false;
  }
}

// `x not in y` raises TypeError in Python when `y` is not a container, and the operator is then false.
function isContainer(v: unknown): boolean {
  return typeof v === 'string' || Array.isArray(v) || (typeof v === 'object' && v !== null && !(v instanceof Date));
}

function condValue(cond: Cond, ctx: Context): unknown {
  switch (cond.kind) {
    case 'value':
      return resolveExpr(cond.expr, ctx, true);
    case 'not':
      return !isTruthy(guard(cond.operand, ctx));
    case 'or': {
      const left = guard(cond.left, ctx);
      return isTruthy(left) ? left : guard(cond.right, ctx);
    }
    case 'and': {
      const left = guard(cond.left, ctx);
      return isTruthy(left) ? guard(cond.right, ctx) : left;
    }
    case 'compare': {
      const a = guard(cond.left, ctx);
      const b = guard(cond.right, ctx);
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
          return !pyIn(a, b) && isContainer(b);
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
    return isTruthy(condValue(cond, ctx));
  } catch (error) {
    if ((error as Error).name === 'VariableDoesNotExist') return false;
    throw error;
  }
}
