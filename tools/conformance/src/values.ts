/**
 * The typed-value convention of case contexts. JSON cannot carry a datetime or a safe string, so a case
 * writes `{"$date": "2024-01-02T03:04:05Z"}` (an aware datetime in Django, a `Date` here) and
 * `{"$safe": "<b>x</b>"}` (`mark_safe` in Django, a runtime `SafeString` here). `scripts/tessera_django.py`
 * decodes the same tags on the Python side.
 */
import { markSafe } from '@tessera/runtime';

/** Turn a JSON context into the values a renderer receives. */
export function decodeContext(context: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) out[key] = decodeValue(value);
  return out;
}

/** Decode one JSON value, recursively. */
export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length === 1 && only) {
    const [tag, payload] = only;
    if (tag === '$date') return decodeDate(payload);
    if (tag === '$safe') {
      if (typeof payload !== 'string')
        throw new TypeError(`{"$safe": ...} needs a string, got ${JSON.stringify(payload)}`);
      return markSafe(payload);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) out[key] = decodeValue(item);
  return out;
}

function decodeDate(payload: unknown): Date {
  const date = typeof payload === 'string' ? new Date(payload) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw new TypeError(`{"$date": ...} needs an ISO 8601 string, got ${JSON.stringify(payload)}`);
  return date;
}
