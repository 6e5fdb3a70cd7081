/**
 * The Tessera LiveView wire protocol, shared by the server (`@tessera/live`) and the browser client.
 * Every wire key and every DOM attribute the runtime reads is named here once; PROTOCOL.md in
 * `@tessera/live` documents the same messages with examples.
 *
 * All messages are JSON objects with a type tag `t`. The protocol version travels in `mount` and
 * `mounted`; a peer speaking another version is refused with an `error` of code `version`.
 */
import type { Anchor, Patch } from '@tessera/dom-patch';

/** Bumped whenever a message changes shape. */
export const PROTOCOL_VERSION = 2 as const;

/** A JSON value as events carry it: no functions, no `undefined`, no prototype keys. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A JSON object. */
export type JsonObject = { readonly [key: string]: Json };

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

/** Everything a client needs to render a view locally (views with `@optimistic` or `@clientState`). */
export interface LocalRender {
  /** Template sources by name (the entry and everything it extends or includes). */
  readonly templates: { readonly [name: string]: string };
  readonly entry: string;
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
  readonly patches?: readonly Patch[];
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

/** Why a message was refused. */
export type ErrorCode =
  | 'bad_message'
  | 'version'
  | 'forbidden'
  | 'not_mounted'
  | 'unknown_event'
  | 'handler'
  | 'rate_limited';

/** A refused message or a failed handler. `ref` names the event when there is one. */
export interface ErrorMessage {
  readonly t: 'error';
  readonly code: ErrorCode;
  readonly message: string;
  readonly ref?: number;
}

export interface PongMessage {
  readonly t: 'pong';
}

export type ServerMessage = MountedMessage | PatchMessage | RenderMessage | ErrorMessage | PongMessage;

// ---------------------------------------------------------------------------------------------
// Page contract

/** Attributes the server writes on the live root element and the client reads. */
export const ROOT_ATTR = 'data-live-root';
export const TOKEN_ATTR = 'data-live-token';
/** Path of the WebSocket endpoint and prefix of the client's script files. */
export const SOCKET_PATH = '/_live/ws';
export const ASSET_PREFIX = '/_live/';
/** The client's entry file under ASSET_PREFIX. */
export const CLIENT_ENTRY = 'client.js';

/** Close code of a refused mount (bad token, other session): the client does not reconnect. */
export const CLOSE_FORBIDDEN = 4403;
/** Close code of a socket whose view was taken over by a newer socket of the same page. */
export const CLOSE_REPLACED = 4409;

/** DOM events the client binds: `data-live-click="like"` sends event `like` on click. */
export const BOUND_EVENTS = ['click', 'input', 'change', 'submit', 'keydown'] as const;
export type BoundEvent = (typeof BOUND_EVENTS)[number];
/** Prefix of the event attributes: `data-live-` + event name. */
export const EVENT_ATTR_PREFIX = 'data-live-';
/** `data-live-param-id="7"` adds `{ id: "7" }` to the event's params. */
export const PARAM_ATTR_PREFIX = 'data-live-param-';
/** `data-live-key="Enter"` limits a keydown binding to that key. */
export const KEY_ATTR = 'data-live-key';
/** `data-live-set="tab" data-live-value="orders"`: on click, set client-state key `tab` locally. */
export const SET_ATTR = 'data-live-set';
export const VALUE_ATTR = 'data-live-value';
/**
 * DOM events the client dispatches on its root (CustomEvent, `detail` as named): `live:connected`
 * `{ v }` after each mount, `live:patched` `{ v, ref }` after each applied version, `live:error`
 * `{ code, message, ref }` for refused events.
 */
export const CLIENT_EVENTS = { error: 'live:error', patched: 'live:patched', connected: 'live:connected' } as const;

/** Set by the client on elements whose content is an unconfirmed optimistic prediction. */
export const PENDING_ATTR = 'data-live-pending';

// ---------------------------------------------------------------------------------------------
// Validation of untrusted JSON

/** Keys that could reach JavaScript internals if a handler merged params into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting accepted in event params. */
export const MAX_JSON_DEPTH = 16;

/** Why a value is not plain JSON, or null when it is. */
export function jsonProblem(value: unknown, depth = 0): string | null {
  if (depth > MAX_JSON_DEPTH) return 'nested too deeply';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'not a finite number';
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonProblem(item, depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `forbidden key "${key}"`;
      const problem = jsonProblem((value as Record<string, unknown>)[key], depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  }
  return `not JSON (${typeof value})`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isRef = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The error a message is refused with. */
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

/**
 * Parses one text frame from a client. Throws ProtocolError (`bad_message`, `version`) for anything
 * that is not exactly one of the client messages.
 */
export function parseClientMessage(text: string): ClientMessage {
  let data: unknown;
  try {
    // JSON.parse makes `__proto__` an ordinary own key, so jsonProblem sees and refuses it below.
    data = JSON.parse(text);
  } catch {
    throw new ProtocolError('bad_message', 'not JSON');
  }
  if (!isObject(data)) throw new ProtocolError('bad_message', 'a message is a JSON object');
  const problem = jsonProblem(data);
  if (problem !== null) throw new ProtocolError('bad_message', problem);
  switch (data['t']) {
    case 'mount': {
      if (data['pv'] !== PROTOCOL_VERSION) {
        throw new ProtocolError('version', `protocol version ${PROTOCOL_VERSION} expected`);
      }
      if (typeof data['token'] !== 'string') throw new ProtocolError('bad_message', 'mount needs a token');
      const resume = data['resume'];
      if (resume !== undefined && !isRef(resume)) throw new ProtocolError('bad_message', 'resume must be a version');
      return resume === undefined
        ? { t: 'mount', pv: PROTOCOL_VERSION, token: data['token'] }
        : { t: 'mount', pv: PROTOCOL_VERSION, token: data['token'], resume };
    }
    case 'event': {
      const { ref, name, params, cs } = data;
      if (!isRef(ref)) throw new ProtocolError('bad_message', 'event needs a numeric ref');
      if (typeof name !== 'string') throw new ProtocolError('bad_message', 'event needs a name', ref);
      if (!isObject(params)) throw new ProtocolError('bad_message', 'event params must be an object', ref);
      if (cs !== undefined && !isObject(cs)) throw new ProtocolError('bad_message', 'cs must be an object', ref);
      const event: EventMessage = { t: 'event', ref, name, params: params as JsonObject };
      return cs === undefined ? event : { ...event, cs: cs as JsonObject };
    }
    case 'ping':
      return { t: 'ping' };
    case 'sync':
      return { t: 'sync' };
    default:
      throw new ProtocolError('bad_message', 'unknown message type');
  }
}

/** Serializes a message for the wire. */
export function encode(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}
