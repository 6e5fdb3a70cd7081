/**
 * The JS -> Rust boundary: a context becomes one JSON string (the fastest of the alternatives measured
 * in README.md). Values JSON cannot carry faithfully are tagged (SafeString, NaN and infinities) or
 * refused with an UnsupportedError, never silently changed.
 */
import { SafeString } from '@tessera/runtime';

// Keys the Rust value model reads as tags (crate/src/value.rs SAFE_TAG, FLOAT_TAG).
const SAFE_TAG = '\u0000s';
const FLOAT_TAG = '\u0000f';

/** What renderer-rust refuses to render rather than render wrongly. */
export function unsupported(message: string): Error {
  return Object.assign(new Error(message), { name: 'UnsupportedError' });
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function (callables are not called across the boundary)';
  if (value instanceof Date) return 'a Date (renderer-rust has no date values)';
  if (typeof value === 'object' && value !== null) return `a ${value.constructor?.name ?? 'class'} instance (only plain objects and arrays)`;
  return `a ${typeof value}`;
}

function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      // A string that is not the property's own value came from a toJSON (a Date, or a user class).
      if (key !== '' && this[key] !== value) throw unsupported(`context value at '${key}' is ${describe(this[key])}`);
      return value;
    case 'number':
      return Number.isFinite(value) ? value : { [FLOAT_TAG]: String(value) };
    case 'boolean':
      return value;
    case 'undefined':
      // JS undefined is Python None in the value model; JSON would drop the key.
      return null;
    case 'object': {
      if (value === null || Array.isArray(value)) return value;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return value;
      if (value instanceof SafeString) return { [SAFE_TAG]: value.value };
      throw unsupported(`context value at '${key}' is ${describe(value)}`);
    }
    default:
      throw unsupported(`context value at '${key}' is ${describe(value)}`);
  }
}

/** The context as JSON for the addon. Throws UnsupportedError for values outside the JSON value model. */
export function encodeContext(context: Record<string, unknown>): string {
  return JSON.stringify(context, replacer);
}
