/** JSON values as messages carry them, and the check that untrusted input is exactly that. */

/** A JSON value: no functions, no `undefined`, no prototype keys. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A JSON object. */
export type JsonObject = { readonly [key: string]: Json };

/** Keys that could reach JavaScript internals if a handler merged params into an object. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether `key` is refused in params and state paths (`__proto__`, `constructor`, `prototype`). */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/** Deepest nesting accepted in event params. */
export const MAX_JSON_DEPTH = 16;

/** Why a value is not plain JSON, or null when it is. */
export function jsonProblem(value: unknown, depth = 0): string | null {
  if (depth > MAX_JSON_DEPTH) return 'nested too deeply';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'not a finite number';
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonProblem(item, depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const key of Object.keys(value)) {
      if (isForbiddenKey(key)) return `forbidden key "${key}"`;
      const problem = jsonProblem((value as Record<string, unknown>)[key], depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  }
  return `not JSON (${typeof value})`;
}
