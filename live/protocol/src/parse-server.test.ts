import { describe, expect, it } from 'vitest';
import { encode } from './encode.js';
import type { ProtocolError } from './errors.js';
import type { ServerMessage } from './messages.js';
import { parseServerMessage } from './parse-server.js';

const refused = (message: unknown) => {
  try {
    parseServerMessage(typeof message === 'string' ? message : JSON.stringify(message));
  } catch (err) {
    return { code: (err as ProtocolError).code, message: (err as ProtocolError).message };
  }
  throw new Error('accepted');
};

describe('parseServerMessage', () => {
  it('accepts every server message as encode writes it', () => {
    const messages: ServerMessage[] = [
      {
        t: 'mounted',
        pv: 2,
        v: 0,
        handlers: { search: { debounce: 500 }, like: { optimistic: { 'items.{index}.likes': { add: 1 } } } },
        clientState: ['tab'],
        anchors: [[4, [1]]],
      },
      {
        t: 'mounted',
        pv: 2,
        v: 3,
        handlers: {},
        clientState: [],
        html: '<p>x</p>',
        local: { templates: { 'a.html': '{{ x }}' }, entry: 'a.html', state: { x: 1 } },
      },
      { t: 'mounted', pv: 2, v: 3, handlers: {}, clientState: [], local: { module: '/_live/view-Ab_1.js', state: {} } },
      { t: 'patch', v: 4, ref: 3, patches: [{ op: 'text', at: 9, path: [0], value: '13' }] },
      { t: 'patch', v: 5, state: { items: [] } },
      { t: 'render', v: 6, html: '<p>y</p>', anchors: [] },
      { t: 'error', code: 'handler', message: 'locked', ref: 5 },
      { t: 'pong' },
    ];
    for (const message of messages) expect(parseServerMessage(encode(message))).toEqual(message);
  });

  it('refuses what the client could not act on', () => {
    expect(refused('[')).toEqual({ code: 'bad_message', message: 'not JSON' });
    expect(refused([1]).message).toBe('a message is a JSON object');
    expect(refused({ t: 'hello' }).message).toBe('unknown message type');
    expect(refused({ t: 'mounted', pv: 1, v: 0, handlers: {}, clientState: [] }).code).toBe('version');
    expect(refused({ t: 'mounted', pv: 2, v: -1, handlers: {}, clientState: [] }).message).toBe(
      'mounted needs a version',
    );
    expect(refused({ t: 'mounted', pv: 2, v: 0, handlers: { a: { debounce: 'x' } }, clientState: [] }).message).toBe(
      'mounted handlers are malformed',
    );
    expect(refused({ t: 'mounted', pv: 2, v: 0, handlers: {}, clientState: [1] }).message).toBe(
      'mounted clientState must list keys',
    );
    expect(
      refused({ t: 'mounted', pv: 2, v: 0, handlers: {}, clientState: [], local: { templates: {}, entry: 1 } }).message,
    ).toBe('mounted local is malformed');
    // A module the client would import from anywhere but this server's view modules.
    for (const module of ['https://evil.example/x.js', '/_live/../x.js', '/_live/client.js', '/_live/view-a.js?x', 7])
      expect([
        module,
        refused({ t: 'mounted', pv: 2, v: 0, handlers: {}, clientState: [], local: { module, state: {} } }).message,
      ]).toEqual([module, 'mounted local is malformed']);
    expect(
      refused({
        t: 'mounted',
        pv: 2,
        v: 0,
        handlers: {},
        clientState: [],
        local: { module: '/_live/view-a.js', templates: {}, entry: 'a', state: {} },
      }).message,
    ).toBe('mounted local is malformed');
    expect(refused({ t: 'patch', v: 1, patches: {} }).message).toBe('patch patches must be an array');
    expect(refused({ t: 'patch', v: 1, ref: 'a' }).message).toBe('patch ref must be a count');
    expect(refused({ t: 'render', v: 1 }).message).toBe('render needs html');
    expect(refused({ t: 'error', code: 'oops', message: 'x' }).message).toBe('unknown error code');
  });
});
