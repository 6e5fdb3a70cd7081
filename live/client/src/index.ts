/**
 * `@tessera/live-client`: the browser runtime of Tessera LiveView. The bundled file the server serves
 * is `dist/bundle/client.js`; this module exposes the same pieces for tests and custom entry points.
 */
export {
  LiveClient,
  type ClientEnv,
  type LiveClientOptions,
  type LocalLoader,
  type LocalDocument,
  type ModuleLoader,
} from './client.js';
export { Transport, type TransportEnv, type TransportOptions } from './transport.js';
export { backoffDelay } from './backoff.js';
export { predict } from './predict.js';
export { Pacer } from './timing.js';
export { bindEvents, intentOf, type Intent } from './events.js';
export * from '@tessera/live-protocol';
