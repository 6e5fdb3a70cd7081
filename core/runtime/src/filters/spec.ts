import type { RuntimeOptions } from '../options.js';
import { markSafe } from '../html/escape.js';
import { isSafe } from '../values/safe.js';

/** What a filter may read from the render: the autoescape state and the runtime options. */
export interface FilterEnv {
  readonly autoescape: boolean;
  readonly options: RuntimeOptions;
}

/** A filter and the flags Django registers it with. */
export interface FilterSpec {
  /** `arg` is undefined when the filter was called without an argument. */
  readonly fn: (value: unknown, arg: unknown, env: FilterEnv) => unknown;
  /**
   * What Django's parser accepts (`FilterExpression.args_check`). It counts the `autoescape` parameter,
   * so `linebreaks`, `linebreaksbr`, `linenumbers`, `unordered_list` and `urlize` are `optional`
   * and throw TypeError when given an argument, exactly when Django does: at render time.
   */
  readonly arg: 'none' | 'optional' | 'required';
  /** Django `is_safe`: the result is safe if the input was safe. */
  readonly isSafe?: boolean;
  /** Informative: `fn` reads `env.autoescape`. */
  readonly needsAutoescape?: boolean;
  /** Django `expects_localtime`: the value is a datetime shown in `options.timezone`. */
  readonly expectsLocaltime?: boolean;
}

/**
 * One filter step of Django's FilterExpression: `{{ value|name:arg }}`. Calls `spec.fn` and, when the
 * filter is `is_safe` and the input was a SafeString, marks the result safe.
 */
export function applyFilter(spec: FilterSpec, value: unknown, arg: unknown, env: FilterEnv): unknown {
  const result = spec.fn(value, arg, env);
  return spec.isSafe && isSafe(value) ? markSafe(result) : result;
}
