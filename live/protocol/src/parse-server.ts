/**
 * What the client reads: each server frame checked for the shape the client relies on. Patch lists and
 * anchor tables are only checked to be arrays here; `@tessera/dom-patch` validates their contents
 * before it touches the DOM.
 */
import { ASSET_PREFIX, PROTOCOL_VERSION, VIEW_MODULE } from './constants.js';
import { ProtocolError } from './errors.js';
import {
  ERROR_CODES,
  type ErrorMessage,
  type HandlerMeta,
  type LocalModule,
  type LocalTemplates,
  type MountedMessage,
  type PatchMessage,
  type RenderMessage,
  type ServerMessage,
} from './messages.js';
import { isCount, isObject, parseObject, type Unchecked } from './read.js';

const isString = (v: unknown): v is string => typeof v === 'string';
const isDelay = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Throws `bad_message` naming `what` unless `ok`. */
function expect(ok: boolean, what: string): void {
  if (!ok) throw new ProtocolError('bad_message', what);
}

/** Checks an optional field: absent, or passing `check`. */
function optional(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function isHandlerMeta(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { debounce, throttle, optimistic } = value as Unchecked<HandlerMeta>;
  return optional(debounce, isDelay) && optional(throttle, isDelay) && optional(optimistic, isObject);
}

function isLocalRender(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { templates, entry, module, state } = value as Unchecked<LocalTemplates & LocalModule>;
  if (!isObject(state)) return false;
  // The client imports the module: only a view module of this server's asset route, never any other URL.
  if (module !== undefined)
    return (
      templates === undefined &&
      isString(module) &&
      module.startsWith(ASSET_PREFIX) &&
      VIEW_MODULE.test(module.slice(ASSET_PREFIX.length))
    );
  return isObject(templates) && Object.values(templates).every(isString) && isString(entry);
}

function mounted(data: Unchecked<MountedMessage>): void {
  const { pv, v, handlers, clientState, html, anchors, local } = data;
  if (pv !== PROTOCOL_VERSION) throw new ProtocolError('version', `protocol version ${PROTOCOL_VERSION} expected`);
  expect(isCount(v), 'mounted needs a version');
  expect(isObject(handlers) && Object.values(handlers).every(isHandlerMeta), 'mounted handlers are malformed');
  expect(Array.isArray(clientState) && clientState.every(isString), 'mounted clientState must list keys');
  expect(optional(html, isString), 'mounted html must be a string');
  expect(optional(anchors, Array.isArray), 'mounted anchors must be an array');
  expect(optional(local, isLocalRender), 'mounted local is malformed');
}

function patch(data: Unchecked<PatchMessage>): void {
  const { v, ref, patches, state } = data;
  expect(isCount(v), 'patch needs a version');
  expect(optional(ref, isCount), 'patch ref must be a count');
  expect(optional(patches, Array.isArray), 'patch patches must be an array');
  expect(optional(state, isObject), 'patch state must be an object');
}

function render(data: Unchecked<RenderMessage>): void {
  const { v, html, anchors, state } = data;
  expect(isCount(v), 'render needs a version');
  expect(isString(html), 'render needs html');
  expect(optional(anchors, Array.isArray), 'render anchors must be an array');
  expect(optional(state, isObject), 'render state must be an object');
}

function error(data: Unchecked<ErrorMessage>): void {
  const { code, message, ref } = data;
  expect((ERROR_CODES as readonly unknown[]).includes(code), 'unknown error code');
  expect(isString(message), 'error needs a message');
  expect(optional(ref, isCount), 'error ref must be a count');
}

/**
 * Parses one text frame from the server. Throws ProtocolError (`bad_message`, `version`) when it is
 * not one of the server messages with the fields the client reads.
 */
export function parseServerMessage(text: string): ServerMessage {
  const data = parseObject(text);
  const message = data as Unchecked<ServerMessage>;
  switch (message.t) {
    case 'mounted':
      mounted(message);
      break;
    case 'patch':
      patch(message);
      break;
    case 'render':
      render(message);
      break;
    case 'error':
      error(message);
      break;
    case 'pong':
      break;
    default:
      throw new ProtocolError('bad_message', 'unknown message type');
  }
  return data as unknown as ServerMessage;
}
