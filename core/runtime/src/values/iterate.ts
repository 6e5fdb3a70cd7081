import { SafeString } from './safe.js';
import { isNone, isPlainObject, pyError, pyTypeName } from './model.js';
import { isIterator, iteratorItems } from './native.js';

/**
 * Python iteration for `{% for %}`: a list's items, a string's characters (code points), a dict's keys,
 * a Set's members, an iterator's items (read once, see `iteratorItems`), any JS iterable; `None` gives nothing. Anything else throws Django's TypeError.
 */
export function pyIter(v: unknown): unknown[] {
  if (isNone(v)) return [];
  if (Array.isArray(v)) return v.slice();
  if (typeof v === 'string') return Array.from(v);
  if (v instanceof SafeString) return Array.from(v.value);
  if (v instanceof Map) return [...v.keys()];
  if (isPlainObject(v)) return Object.keys(v);
  if (isIterator(v)) return iteratorItems(v).slice();
  if (typeof v === 'object' && Symbol.iterator in v) return Array.from(v as Iterable<unknown>);
  throw pyError('TypeError', `'${pyTypeName(v)}' object is not iterable`);
}

/** Python `len()`: code points for strings; `undefined` for values without a length. */
export function pyLen(v: unknown): number | undefined {
  if (typeof v === 'string') return codePointLength(v);
  if (v instanceof SafeString) return codePointLength(v.value);
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map || v instanceof Set) return v.size;
  if (isPlainObject(v)) return Object.keys(v).length;
  if (isIterator(v)) return iteratorItems(v).length;
  return undefined;
}

/** Number of code points (Python characters) in a JS string. */
export function codePointLength(s: string): number {
  let n = s.length;
  // Each surrogate pair is two UTF-16 units but one Python character.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
