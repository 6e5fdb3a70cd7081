/**
 * The message shapes, each wire key named once here. All messages are JSON objects with a type tag
 * `t`; PROTOCOL.md documents the same messages with examples.
 */
import type { Anchor, PatchEntry } from '@tessera/dom-patch';
import type { PROTOCOL_VERSION } from './constants.js';
import type { Json, JsonObject } from './json.js';

/**
 * A state change `@optimistic` predicts, applied by the client to its copy of the state.
 * Keys are dotted paths; `{name}` in a path is replaced by the event parameter `name`
 * (`'items.{index}.likes': { add: 1 }`).
 */
export type PredictOp =
  | { readonly toggle: true }
  | { readonly add: number }
  | { readonly set: Json }
  | { readonly param: string };

/** Path -> operation; see `PredictOp`. */
export type Prediction = { readonly [path: string]: PredictOp };

/** What the client must know about one `@event` handler. */
export interface HandlerMeta {
  readonly debounce?: number;
  readonly throttle?: number;
  readonly optimistic?: Prediction;
}

/**
 * Everything a client needs to render a view locally (views with `@optimistic` or `@clientState`): the
 * view's compiled module when the server's renderer makes one, else the template sources.
 */
export type LocalRender = LocalTemplates | LocalModule;

/** The template sources, compiled and rendered in the browser by the vdom renderer. */
export interface LocalTemplates {
  /** Template sources by name (the entry and everything it extends or includes). */
  readonly templates: { readonly [name: string]: string };
  readonly entry: string;
  /** The server-owned state; client-state keys are in `clientState` of the mounted message. */
  readonly state: JsonObject;
}

/** The view's compiled module (`mount(context)` gives its live document), served under ASSET_PREFIX. */
export interface LocalModule {
  /** Its URL: ASSET_PREFIX, then `view-<content hash>.js` (see VIEW_MODULE). */
  readonly module: string;
  /** The server-owned state; client-state keys are in `clientState` of the mounted message. */
  readonly state: JsonObject;
}

// ---------------------------------------------------------------------------------------------
// Client -> server

/**
 * First message on every socket. `resume` names the version the page shows when it reconnects, so the
 * server can tell whether the DOM is still in step.
 */
export interface MountMessage {
  readonly t: 'mount';
  readonly pv: typeof PROTOCOL_VERSION;
  readonly token: string;
  readonly resume?: number;
}

/** A DOM event for handler `name`. `ref` is the client's sequence number, echoed in the answer. */
export interface EventMessage {
  readonly t: 'event';
  readonly ref: number;
  readonly name: string;
  readonly params: JsonObject;
  /** Current values of the client-state keys, assigned to the view before the handler runs. */
  readonly cs?: JsonObject;
}

/** Keep-alive; answered by `pong`. */
export interface PingMessage {
  readonly t: 'ping';
}

/** Asks for a full re-render after the client saw a version gap. */
export interface SyncMessage {
  readonly t: 'sync';
}

/** Any message a client sends. */
export type ClientMessage = MountMessage | EventMessage | PingMessage | SyncMessage;

// ---------------------------------------------------------------------------------------------
// Server -> client

/**
 * Answer to `mount`. `html` is present when the page's DOM must be replaced (a fresh mount after the
 * grace period, or a resume from another version); absent when the DOM is already in step.
 */
export interface MountedMessage {
  readonly t: 'mounted';
  readonly pv: typeof PROTOCOL_VERSION;
  readonly v: number;
  readonly handlers: { readonly [name: string]: HandlerMeta };
  readonly clientState: readonly string[];
  readonly html?: string;
  /**
   * The anchor table of the page as the server holds it (@tessera/dom-patch `Anchor[]`), for the
   * client to bind: patches are addressed from it. Absent for locally rendered views.
   */
  readonly anchors?: readonly Anchor[];
  readonly local?: LocalRender;
}

/**
 * A new version of the view. Server-rendered views carry `patches`; locally rendered views carry the
 * changed top-level `state` keys instead. `ref` is set when the change answers that event (an event
 * that changes nothing is still answered, with no patches).
 */
export interface PatchMessage {
  readonly t: 'patch';
  readonly v: number;
  readonly ref?: number;
  readonly patches?: readonly PatchEntry[];
  readonly state?: JsonObject;
}

/** A full re-render (answer to `sync`). */
export interface RenderMessage {
  readonly t: 'render';
  readonly v: number;
  readonly html: string;
  /** The anchor table of the new page (see MountedMessage). */
  readonly anchors?: readonly Anchor[];
  readonly state?: JsonObject;
}

/** Every reason a message is refused, as the `code` of an `error` message. */
export const ERROR_CODES = [
  'bad_message',
  'version',
  'forbidden',
  'not_mounted',
  'unknown_event',
  'handler',
  'rate_limited',
] as const;

/** Why a message was refused; one of ERROR_CODES. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A refused message or a failed handler. `ref` names the event when there is one. */
export interface ErrorMessage {
  readonly t: 'error';
  readonly code: ErrorCode;
  readonly message: string;
  readonly ref?: number;
}

/** Answer to `ping`. */
export interface PongMessage {
  readonly t: 'pong';
}

/** Any message the server sends. */
export type ServerMessage = MountedMessage | PatchMessage | RenderMessage | ErrorMessage | PongMessage;
