/**
 * Tagged JSON: how test data written by Django's side (the conformance cases, the runtime fixtures)
 * carries the values plain JSON cannot. An object whose only key is one of these tags is that value:
 *
 * | JSON | Python (Django) | JavaScript |
 * | --- | --- | --- |
 * | `{"$date": "2024-01-02T03:04:05Z"}` | aware `datetime` | `Date` |
 * | `{"$safe": "<b>x</b>"}` | `mark_safe("<b>x</b>")` | `SafeString` |
 * | `{"$float": "nan"}`, `"inf"`, `"-inf"` | `float('nan')`... | `NaN`, `Infinity`, `-Infinity` |
 *
 * `$float` carries only what JSON cannot: the payload is Python's `repr()` of a non-finite float, as the
 * generators write it; finite floats are JSON numbers. A `$date` needs an ISO 8601 date and time with an
 * explicit offset (`Z` or `+02:00`), since a datetime without one would be naive in Python and local
 * time in JavaScript. Any other object (more keys, other names) is a plain dict, decoded member by member.
 */
import { SafeString } from './safe.js';

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const NON_FINITE: Readonly<Record<string, number>> = { nan: Number.NaN, inf: Infinity, '-inf': -Infinity };

function tagError(tag: string, wants: string, payload: unknown): TypeError {
  return new TypeError(`{"${tag}": ...} needs ${wants}, got ${JSON.stringify(payload)}`);
}

/** The decoder of each tag, given the tag's payload. */
const TAGS: Readonly<Record<string, (payload: unknown) => unknown>> = {
  $date: (payload) => {
    const date = typeof payload === 'string' && ISO_DATETIME.test(payload) ? new Date(payload) : undefined;
    if (!date || Number.isNaN(date.getTime()))
      throw tagError('$date', 'an ISO 8601 date and time with an offset', payload);
    return date;
  },
  $safe: (payload) => {
    if (typeof payload !== 'string') throw tagError('$safe', 'a string', payload);
    return new SafeString(payload);
  },
  $float: (payload) => {
    const value = typeof payload === 'string' && Object.hasOwn(NON_FINITE, payload) ? NON_FINITE[payload] : undefined;
    if (value === undefined) throw tagError('$float', '"nan", "inf" or "-inf"', payload);
    return value;
  },
};

/**
 * A tagged JSON value (as `JSON.parse` returns it) as the runtime value it stands for, recursively.
 * Throws a TypeError naming the tag for a malformed payload (`{"$date": "yesterday"}`).
 */
export function decodeTagged(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(decodeTagged);
  if (typeof json !== 'object' || json === null) return json;
  const entries = Object.entries(json);
  const [only] = entries;
  if (entries.length === 1 && only && Object.hasOwn(TAGS, only[0])) return TAGS[only[0]]!(only[1]);
  // fromEntries defines own properties, so a `__proto__` key stays data and never sets the prototype.
  return Object.fromEntries(entries.map(([key, value]) => [key, decodeTagged(value)]));
}

/** A template context in tagged JSON: each of its values decoded with `decodeTagged`. */
export function decodeTaggedContext(json: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, decodeTagged(value)]));
}
