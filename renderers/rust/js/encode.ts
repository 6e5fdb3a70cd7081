/**
 * The JS -> Rust boundary: a context becomes one JSON string (the fastest of the alternatives measured
 * in README.md). Values JSON cannot carry faithfully are tagged (SafeString, NaN and infinities, Dates
 * with their wall clock in the template's time zone), carried as stand-ins (lone surrogates,
 * surrogates.ts) or refused with an UnsupportedError, never silently changed.
 */
import { formatDate, SafeString, type RuntimeOptions } from '@tessera/runtime';
import { toStandIns } from './surrogates.js';

// Keys the Rust value model reads as tags (crates/dtl/src/value/json.rs SAFE_TAG, FLOAT_TAG, DATE_TAG).
const SAFE_TAG = '\u0000s';
const FLOAT_TAG = '\u0000f';
const DATE_TAG = '\u0000d';

// Wall-clock fields, offset, abbreviation and DST of a Date in the template's zone, read through the
// runtime's own formatter so both sides agree on time zones (Rust has no IANA database here).
// Z, T and I print nothing for a wall time that happens twice (Django then shows no zone).
const FIELDS = 'Y|n|j|G|i|s|u|Z|T|I';

/** A Date as the Rust value model reads it: `{"\u0000d": [ms, y, m, d, H, M, S, ms, offset, abbr, dst, known]}`. */
export function dateTag(date: Date, options: RuntimeOptions): Record<string, unknown> {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return { [DATE_TAG]: [null, 1970, 1, 1, 0, 0, 0, 0, 0, '', false, false] };
  const [y = '', mo = '', d = '', h = '', mi = '', s = '', us = '', z = '', abbr = '', dst = ''] = formatDate(
    date,
    FIELDS,
    options,
  ).split('|');
  const local = [
    Number(y),
    Number(mo),
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Math.floor(Number(us) / 1000),
  ] as const;
  const wall = new Date(0);
  wall.setUTCFullYear(local[0], local[1] - 1, local[2]);
  wall.setUTCHours(local[3], local[4], local[5], local[6]);
  const offset = z === '' ? Math.round((wall.getTime() - ms) / 1000) : Number(z);
  return { [DATE_TAG]: [ms, ...local, offset, abbr, dst === '1', z !== ''] };
}

/** What renderer-rust refuses to render rather than render wrongly. */
export function unsupported(message: string): Error {
  return Object.assign(new Error(message), { name: 'UnsupportedError' });
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function (callables are not called across the boundary)';
  if (typeof value === 'object' && value !== null)
    return `a ${value.constructor?.name ?? 'class'} instance (only plain objects and arrays)`;
  return `a ${typeof value}`;
}

function replacer(this: Record<string, unknown>, key: string, value: unknown, options: RuntimeOptions): unknown {
  switch (typeof value) {
    case 'string': {
      // A string that is not the property's own value came from a toJSON (a Date, or a user class).
      const own = key === '' ? value : this[key];
      if (own === value) return value;
      if (own instanceof Date) return dateTag(own, options);
      throw unsupported(`context value at '${key}' is ${describe(own)}`);
    }
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

// Whether plain JSON.stringify carries `v` exactly: only plain objects, arrays, strings, booleans, null and
// finite numbers. A replacer function doubles the cost of JSON.stringify (README.md), and this walk is a
// fraction of it, so the replacer runs only for contexts that need tags or are refused.
function isPlainJson(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object': {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (const item of v) if (!isPlainJson(item)) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in v) if (!isPlainJson((v as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

/**
 * The context as JSON for the addon; Dates are shown in `options.timezone`. Throws UnsupportedError for
 * values outside the value model.
 */
export function encodeContext(context: Record<string, unknown>, options: RuntimeOptions): string {
  return encodeValue(context, options);
}

/** Any value as the addon reads it (`encodeContext` for one value; `undefined` is None). */
export function encodeValue(value: unknown, options: RuntimeOptions): string {
  try {
    if (isPlainJson(value)) return toStandIns(JSON.stringify(value));
    const json: string | undefined = JSON.stringify(
      value,
      function (this: Record<string, unknown>, key: string, v: unknown) {
        return replacer.call(this, key, v, options);
      },
    );
    return toStandIns(json ?? 'null');
  } catch (err) {
    if (err instanceof RangeError || (err instanceof TypeError && /circular/i.test(err.message))) {
      throw unsupported('the context is cyclic or nested too deeply to send to renderer-rust');
    }
    throw err;
  }
}
