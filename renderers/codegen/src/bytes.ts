/**
 * Response-ready output: a render encoded to UTF-8 into a buffer that is reused from one response to the
 * next, so a server writes the page's bytes without allocating them per request.
 *
 * The page is built as a string first and encoded with one `encodeInto` call. V8 builds a page
 * concatenated with `+` as a rope; encoding it flattens the rope and writes the bytes in one native pass
 * (for a one-byte string, a vectorised copy). Writing bytes from JavaScript instead (static text
 * pre-encoded once, a loop's dynamic strings encoded with one `encodeInto`, escaping on bytes) was measured
 * slower on the bench's dashboard, because a JavaScript byte loop costs more per byte than that copy; the
 * README gives the figures.
 */

const encoder = new TextEncoder();

/** Capacity of a new {@link ResponseBuffer}, in bytes. */
export const DEFAULT_RESPONSE_CAPACITY = 64 * 1024;

/**
 * A growable UTF-8 output buffer. `write` returns a view of its storage, valid until the next `write`;
 * the storage only grows (to twice its size, or to what the page needs if that is more).
 */
export class ResponseBuffer {
  #bytes: Uint8Array;

  constructor(capacity: number = DEFAULT_RESPONSE_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new RangeError(`ResponseBuffer capacity must be a non-negative integer, got ${String(capacity)}`);
    }
    this.#bytes = new Uint8Array(capacity);
  }

  /** Bytes the storage holds now. */
  get capacity(): number {
    return this.#bytes.length;
  }

  /**
   * Encodes `text` as UTF-8 (lone surrogates as U+FFFD, as `Buffer.from` and `TextEncoder` do) and returns
   * the bytes, a view of this buffer's storage that the next `write` overwrites.
   */
  write(text: string): Uint8Array {
    let bytes = this.#bytes;
    const first = encoder.encodeInto(text, bytes);
    if (first.read === text.length) return bytes.subarray(0, first.written);
    // encodeInto stops before a character that does not fit, never inside one (a surrogate pair is one
    // character), so the rest is encoded after the bytes already written. A UTF-16 unit is at most 3 bytes.
    const needed = first.written + (text.length - first.read) * 3;
    const grown = new Uint8Array(Math.max(bytes.length * 2, needed));
    grown.set(bytes.subarray(0, first.written));
    const rest = encoder.encodeInto(text.substring(first.read), grown.subarray(first.written));
    this.#bytes = bytes = grown;
    return bytes.subarray(0, first.written + rest.written);
  }
}

/**
 * `render` as UTF-8 bytes. With `output`, the bytes are a view of its storage, valid until its next
 * write (what a server answering one request at a time per buffer wants); without it, a new array the
 * caller owns.
 */
export function encodePage(html: string, output?: ResponseBuffer): Uint8Array {
  return output === undefined ? encoder.encode(html) : output.write(html);
}
