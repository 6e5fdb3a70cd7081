/**
 * The napi-rs addon (built by `napi build` into the package root as `index.js` + `*.node`), with its
 * errors turned back into the named errors Django's classes map to.
 */
import { NativeAsyncDocument, NativeDocument, NativeProgram, type AsyncAnswer } from '../index.js';
import { fromStandIns } from './surrogates.js';

export { NativeAsyncDocument, NativeDocument, NativeProgram, type AsyncAnswer };

// The binding sends errors as "Name: message" (crates/napi/src/lib.rs `to_js`).
const NAMED = /^([A-Za-z]+): ([\s\S]*)$/;

/** Re-throws an addon error as an Error whose `name` is the Django (or Tessera) class name. */
export function rethrow(err: unknown): never {
  if (err instanceof Error) {
    const m = NAMED.exec(err.message);
    if (m) throw Object.assign(new Error(fromStandIns(m[2] ?? '')), { name: m[1] });
  }
  throw err;
}

/** Calls into the addon, converting its errors. */
export function native<T>(call: () => T): T {
  try {
    return call();
  } catch (err) {
    return rethrow(err);
  }
}
