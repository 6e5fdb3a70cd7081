import { SafeString } from './safe.js';
import { isNone, isPlainObject } from './model.js';
import { isIterator, isThenable, iteratorItems, promiseError } from './native.js';

/**
 * Python truthiness for `{% if %}`: `None`, `False`, `0`, `''`, `[]`, `{}`, empty Map/Set are false;
 * NaN is true (as in Python); a SafeString by its text; an iterator by its items; any other object is
 * true. A thenable throws the TypeError of `promiseError`: a forgotten `await` is never silently true.
 */
export function isTruthy(v: unknown): boolean {
  if (isNone(v)) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'string':
      return v.length > 0;
    default:
      break;
  }
  if (v instanceof SafeString) return v.value.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isPlainObject(v)) {
    for (const _ in v) return true;
    return false;
  }
  if (isThenable(v)) throw promiseError('');
  if (isIterator(v)) return iteratorItems(v).length > 0;
  return true;
}
