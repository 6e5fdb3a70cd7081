/**
 * Expressions and conditions, with Django's failure rules: a missing variable is `''` in output and
 * `None` in `{% if %}`/`{% for %}`; a missing variable used as a filter argument raises
 * VariableDoesNotExist; a failing `{% if %}` comparison is false.
 */
import {
  applyFilter, isTruthy, lookupPath, markSafe, MISSING, pyCompare, pyEquals, pyIn, pyIs, pyNotIn,
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
  const root = ctx.get(op.path[0]!);
  return root === MISSING ? MISSING : lookupPath(root, op.path, 1);
}

/** Django's FilterExpression.resolve. */
export function resolveExpr(expr: Expr, ctx: Context, ignoreFailures = false): unknown {
  let value = resolveOperand(expr.base, ctx);
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
        case '==': return pyEquals(a, b);
        case '!=': return !pyEquals(a, b);
        case '<': case '>': case '<=': case '>=': return pyCompare(cond.op, a, b);
        case 'in': return pyIn(a, b);
        case 'not in': return pyNotIn(a, b);
        case 'is': return pyIs(a, b);
        case 'is not': return !pyIs(a, b);
      }
    }
  }
}

// Django evaluates each operator inside `try: ... except Exception: return False`: an operand that
// raises (e.g. a missing filter argument) makes that operator false instead of failing the render.
function guard(cond: Cond, ctx: Context): unknown {
  try {
    return evalCond(cond, ctx);
  } catch {
    return false;
  }
}
