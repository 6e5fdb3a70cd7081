/** What the server reads: each client frame checked to be exactly one client message. */
import { PROTOCOL_VERSION } from './constants.js';
import { ProtocolError } from './errors.js';
import { jsonProblem, type JsonObject } from './json.js';
import type { ClientMessage, EventMessage, MountMessage } from './messages.js';
import { isCount, isObject, parseObject, type Unchecked } from './read.js';

function mount(data: Unchecked<MountMessage>): MountMessage {
  const { pv, token, resume } = data;
  if (pv !== PROTOCOL_VERSION) throw new ProtocolError('version', `protocol version ${PROTOCOL_VERSION} expected`);
  if (typeof token !== 'string') throw new ProtocolError('bad_message', 'mount needs a token');
  if (resume !== undefined && !isCount(resume)) throw new ProtocolError('bad_message', 'resume must be a version');
  return resume === undefined ? { t: 'mount', pv, token } : { t: 'mount', pv, token, resume };
}

function event(data: Unchecked<EventMessage>): EventMessage {
  const { ref, name, params, cs } = data;
  if (!isCount(ref)) throw new ProtocolError('bad_message', 'event needs a numeric ref');
  if (typeof name !== 'string') throw new ProtocolError('bad_message', 'event needs a name', ref);
  if (!isObject(params)) throw new ProtocolError('bad_message', 'event params must be an object', ref);
  if (cs !== undefined && !isObject(cs)) throw new ProtocolError('bad_message', 'cs must be an object', ref);
  const message: EventMessage = { t: 'event', ref, name, params: params as JsonObject };
  return cs === undefined ? message : { ...message, cs: cs as JsonObject };
}

/**
 * Parses one text frame from a client. Throws ProtocolError (`bad_message`, `version`) for anything
 * that is not exactly one of the client messages: not JSON, not plain JSON (prototype keys, nesting
 * deeper than MAX_JSON_DEPTH), an unknown `t`, or a field of the wrong type.
 */
export function parseClientMessage(text: string): ClientMessage {
  const data = parseObject(text);
  const problem = jsonProblem(data);
  if (problem !== null) throw new ProtocolError('bad_message', problem);
  const message = data as Unchecked<ClientMessage>;
  switch (message.t) {
    case 'mount':
      return mount(message);
    case 'event':
      return event(message);
    case 'ping':
      return { t: 'ping' };
    case 'sync':
      return { t: 'sync' };
    default:
      throw new ProtocolError('bad_message', 'unknown message type');
  }
}
