/**
 * Every name the server and the browser client must agree on besides the message shapes: the protocol
 * version, close codes, URL paths, and the DOM attributes and events of the page contract.
 */

/** Bumped whenever a message changes shape; travels in `mount` and `mounted`. */
export const PROTOCOL_VERSION = 2 as const;

/** Close code of a refused mount (bad token, other session): the client does not reconnect. */
export const CLOSE_FORBIDDEN = 4403;
/** Close code of a socket whose view was taken over by a newer socket of the same page. */
export const CLOSE_REPLACED = 4409;

/**
 * Close code of a socket whose view moved to another server process (that process took it over, or this
 * one is shutting down): the client reconnects and resumes the view where it now lives.
 */
export const CLOSE_MOVED = 4503;

/** Path of the WebSocket endpoint. */
export const SOCKET_PATH = '/_live/ws';
/** URL prefix of the client's script files. */
export const ASSET_PREFIX = '/_live/';
/** A view module's file name under ASSET_PREFIX (content-hashed, so cached for good). */
export const VIEW_MODULE: RegExp = /^view-[\w-]+\.js$/;
/** The client's entry file under ASSET_PREFIX. */
export const CLIENT_ENTRY = 'client.js';

/** Marks the live root element the server writes and the client looks for. */
export const ROOT_ATTR = 'data-live-root';
/** Carries the signed mount token on the live root. */
export const TOKEN_ATTR = 'data-live-token';

/** DOM events the client binds: `data-live-click="like"` sends event `like` on click. */
export const BOUND_EVENTS = ['click', 'input', 'change', 'submit', 'keydown'] as const;
/** One of BOUND_EVENTS. */
export type BoundEvent = (typeof BOUND_EVENTS)[number];
/** Prefix of the event attributes: `data-live-` + event name. */
export const EVENT_ATTR_PREFIX = 'data-live-';
/** `data-live-param-id="7"` adds `{ id: "7" }` to the event's params. */
export const PARAM_ATTR_PREFIX = 'data-live-param-';
/** `data-live-key="Enter"` limits a keydown binding to that key. */
export const KEY_ATTR = 'data-live-key';
/** `data-live-set="tab" data-live-value="orders"`: on click, set client-state key `tab` locally. */
export const SET_ATTR = 'data-live-set';
/** The value a `data-live-set` click assigns. */
export const VALUE_ATTR = 'data-live-value';
/** Set by the client on elements whose content is an unconfirmed optimistic prediction. */
export const PENDING_ATTR = 'data-live-pending';

/**
 * DOM events the client dispatches on its root (CustomEvent, `detail` as named): `live:connected`
 * `{ v }` after each mount, `live:patched` `{ v, ref }` after each applied version, `live:error`
 * `{ code, message, ref }` for refused events.
 */
export const CLIENT_EVENTS = { error: 'live:error', patched: 'live:patched', connected: 'live:connected' } as const;
