/** Writing a message for the wire. */
import type { ClientMessage, ServerMessage } from './messages.js';

/** Serializes a message as the JSON text frame both sides send. */
export function encode(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}
