import { MISSING, applyFilter, isTruthy, markSafe, pyCompare, pyEquals, pyIn, pyIs } from '@tessera/runtime';
import type { Cond, Expr, FilterCall, Operand } from '@tessera/template';
import { namedError, type EvalEnv } from './env.js';
import type { Scope } from './scope.js';

function operand(op: Operand, scope: Scope): unknown {
  switch (op.kind) {
    case 'literal':
      return typeof op.value === 'string' ? markSafe(op.value) : op.value;
    case 'var':
      return scope.resolve(op.path);
  }
}

function filterArg(arg: Operand, scope: Scope): unknown {
  const value = operand(arg, scope);
  if (value === MISSING) {
    throw namedError('VariableDoesNotExist', `Failed lookup for key [${arg.kind === 'var' ? arg.path.join('.') : ''}]`);
  }
  return value;
}

/** Applies a filter chain to `value`, Django's FilterExpression after the base is resolved. */
export function applyFilters(value: unknown, filters: readonly FilterCall[], scope: Scope, env: EvalEnv): unknown {
  let result = value;
  for (const call of filters) {
    let spec = env.filters.get(call.name);
    if (spec === undefined) {
      spec = env.template.filter(call.name);
      env.filters.set(call.name, spec);
    }
    const arg = call.arg === null ? undefined : filterArg(call.arg, scope);
    result = applyFilter(spec, result, arg, { autoescape: scope.autoescape, options: env.options });
  }
  return result;
}

/**
 * Django's FilterExpression.resolve. A missing base becomes `''` (string_if_invalid), or `null` when
 * `ignoreFailures` (as `{% if %}`, `{% for %}` and `{% firstof %}` ask).
 */
export function evalExpr(expr: Expr, scope: Scope, env: EvalEnv, ignoreFailures = false): unknown {
  let value = operand(expr.base, scope);
  if (value === MISSING) value = ignoreFailures ? null : '';
  return applyFilters(value, expr.filters, scope, env);
}

function condValue(cond: Cond, scope: Scope, env: EvalEnv): unknown {
  switch (cond.kind) {
    case 'value':
      return evalExpr(cond.expr, scope, env, true);
    case 'or':
      return isTruthy(condValue(cond.left, scope, env)) || isTruthy(condValue(cond.right, scope, env));
    case 'and':
      return isTruthy(condValue(cond.left, scope, env)) && isTruthy(condValue(cond.right, scope, env));
    case 'not':
      return !isTruthy(condValue(cond.operand, scope, env));
    case 'compare': {
      const left = condValue(cond.left, scope, env);
      const right = condValue(cond.right, scope, env);
      switch (cond.op) {
        case '==':
          return pyEquals(left, right);
        case '!=':
          return !pyEquals(left, right);
        case '<':
        case '>':
        case '<=':
        case '>=':
          return pyCompare(cond.op, left, right);
        case 'in':
          return pyIn(left, right);
        case 'not in':
          return !pyIn(left, right);
        case 'is':
          return pyIs(left, right);
        case 'is not':
          return !pyIs(left, right);
      }
    }
  }
}

/** Django's `{% if %}` test: any VariableDoesNotExist while evaluating makes the condition false. */
export function evalCond(cond: Cond, scope: Scope, env: EvalEnv): boolean {
  try {
    return isTruthy(condValue(cond, scope, env));
  } catch (error) {
    if (error instanceof Error && error.name === 'VariableDoesNotExist') return false;
    throw error;
  }
}
