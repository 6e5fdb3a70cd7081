/**
 * `@tessera/live`: LiveView on the server. View state lives in `LiveView` instances; browsers send
 * events over a WebSocket; the server re-renders with a live renderer and sends patches.
 *
 * ```ts
 * const server = await createLiveServer({ views: { '/': Counter }, loader, secret });
 * console.log(await server.listen(3000));
 * ```
 */
export { LiveView, EventRejected, type Session, type ViewClass } from './view.js';
export {
  event,
  debounce,
  throttle,
  optimistic,
  clientState,
  declareView,
  handlersOf,
  clientStateOf,
} from './decorators.js';
export { createLiveServer, type LiveServer, type LiveServerOptions } from './server.js';
export { signToken, verifyToken, type TokenPayload } from './token.js';
export {
  RENDERER_PACKAGES,
  isLiveRenderer,
  loadRenderer,
  type LiveRenderer,
  type LiveDocument,
  type RendererName,
} from './renderer.js';
export { SESSION_COOKIE } from './session.js';
export { bundleViewModule, type ModuleRenderer } from './view-modules.js';
export { presenceTopic, type PresenceDiff, type PresenceMember } from './presence.js';
export type { Json, JsonObject, Prediction, PredictOp, HandlerMeta } from '@tessera/live-protocol';
