/** The error a message is refused with. */
import type { ErrorCode } from './messages.js';

/** A refused message: its `code` and `ref` are what the `error` reply carries. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly ref?: number,
  ) {
    super(message);
  }
}
