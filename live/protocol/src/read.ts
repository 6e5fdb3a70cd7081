/** Helpers of the two parsers: reading one untrusted JSON frame and checking its fields. */
import { ProtocolError } from './errors.js';

/**
 * A received message seen through its type before it is checked: every key is `unknown`, and only the
 * keys `M` declares can be read, so the parsers name no wire key that the message types do not.
 */
export type Unchecked<M> = { readonly [K in M extends unknown ? keyof M : never]?: unknown };

/** A plain (non-array) object. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An event ref or a view version: a non-negative safe integer. */
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Parses one text frame into an object, or throws ProtocolError `bad_message`. */
export function parseObject(text: string): Record<string, unknown> {
  let data: unknown;
  try {
    // JSON.parse makes `__proto__` an ordinary own key, so the callers' checks see and refuse it.
    data = JSON.parse(text);
  } catch {
    throw new ProtocolError('bad_message', 'not JSON');
  }
  if (!isObject(data)) throw new ProtocolError('bad_message', 'a message is a JSON object');
  return data;
}
