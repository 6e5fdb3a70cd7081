/**
 * `@tessera/live-protocol`: the Tessera LiveView wire protocol, imported by the server
 * (`@tessera/live`) and the browser client (`@tessera/live-client`). Every message shape, wire
 * constant and DOM attribute of the page contract is named here once; PROTOCOL.md documents them.
 *
 * ```ts
 * const message = parseClientMessage(frame); // throws ProtocolError with the code to answer
 * socket.send(encode({ t: 'pong' }));
 * ```
 */
export * from './constants.js';
export { ProtocolError } from './errors.js';
export { MAX_JSON_DEPTH, isForbiddenKey, jsonProblem, type Json, type JsonObject } from './json.js';
export {
  ERROR_CODES,
  type ClientMessage,
  type ErrorCode,
  type ErrorMessage,
  type EventMessage,
  type HandlerMeta,
  type LocalRender,
  type LocalModule,
  type LocalTemplates,
  type MountMessage,
  type MountedMessage,
  type PatchMessage,
  type PingMessage,
  type PongMessage,
  type PredictOp,
  type Prediction,
  type RenderMessage,
  type ServerMessage,
  type SyncMessage,
} from './messages.js';
export { parseClientMessage } from './parse-client.js';
export { parseServerMessage } from './parse-server.js';
export { encode } from './encode.js';
export { isCount } from './read.js';
