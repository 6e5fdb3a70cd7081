import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, TOKEN_ATTR, encode } from '@tessera/live-protocol';
import { LiveClient, type ClientEnv } from './client.js';

/** A socket the test drives by hand: `receive` delivers a server frame, `sent` holds the client's. */
class FakeSocket {
  static last: FakeSocket | null = null;
  readyState = 1;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }
  close(): void {}
  receive(text: string): void {
    this.onmessage?.({ data: text });
  }
}

function setup() {
  const window = new Window({ url: 'http://example.test/' });
  window.document.body.innerHTML = `<div ${TOKEN_ATTR}="tok"><p>hi</p></div>`;
  const root = window.document.body.firstElementChild as unknown as Element;
  const errors: unknown[] = [];
  root.addEventListener(CLIENT_EVENTS.error, (event) => errors.push((event as CustomEvent).detail));
  const env = {
    WebSocket: FakeSocket,
    location: window.location,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: unknown) => clearTimeout(id as ReturnType<typeof setTimeout>),
    CustomEvent: window.CustomEvent,
  } as unknown as ClientEnv;
  const client = new LiveClient({
    env,
    root,
    loadLocal: () => Promise.reject(new Error('no local views here')),
    backoff: { baseMs: 1, capMs: 1 },
  });
  client.start();
  const socket = FakeSocket.last!;
  socket.onopen?.();
  return { client, socket, errors, root };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LiveClient', () => {
  it('mounts with its token and applies the mounted answer', async () => {
    const { client, socket, errors } = setup();
    expect(socket.url).toBe('ws://example.test/_live/ws');
    expect(socket.sent).toEqual([{ t: 'mount', pv: 2, token: 'tok', resume: 0 }]);
    socket.receive(encode({ t: 'mounted', pv: 2, v: 3, handlers: { go: { debounce: 10 } }, clientState: [] }));
    await settled();
    expect(client.version).toBe(3);
    expect(client.handlers).toEqual({ go: { debounce: 10 } });
    expect(errors).toEqual([]);
    client.stop();
  });

  it('reports a malformed server frame as live:error and leaves its state alone', async () => {
    const { client, socket, errors, root } = setup();
    socket.receive('{"t":"patch","v":"one"}');
    socket.receive('not json');
    await settled();
    expect(errors).toEqual([
      { code: 'bad_message', message: 'patch needs a version', ref: null },
      { code: 'bad_message', message: 'not JSON', ref: null },
    ]);
    expect(client.version).toBe(0);
    expect(root.innerHTML).toBe('<p>hi</p>');
    client.stop();
  });

  it('sends every unanswered event again, in order, after each mount, and forgets answered ones', async () => {
    const { client, socket } = setup();
    socket.receive(encode({ t: 'mounted', pv: 2, v: 0, handlers: { go: {} }, clientState: [] }));
    await settled();
    for (const n of [1, 2, 3]) client.push('go', { n });
    socket.receive(encode({ t: 'patch', v: 1, ref: 1, patches: [] }));
    socket.receive(encode({ t: 'error', code: 'handler', message: 'no', ref: 2 }));
    await settled();
    expect(client.unanswered).toBe(1);
    socket.readyState = 3;
    socket.onclose?.({ code: 1006 });
    client.push('go', { n: 4 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const next = FakeSocket.last!;
    expect(next).not.toBe(socket);
    next.onopen?.();
    expect(next.sent).toEqual([{ t: 'mount', pv: 2, token: 'tok', resume: 1 }]);
    next.receive(encode({ t: 'mounted', pv: 2, v: 1, handlers: { go: {} }, clientState: [] }));
    await settled();
    expect(next.sent.slice(1)).toEqual([
      { t: 'event', ref: 3, name: 'go', params: { n: 3 } },
      { t: 'event', ref: 4, name: 'go', params: { n: 4 } },
    ]);
    next.receive(encode({ t: 'patch', v: 1, ref: 3 }));
    next.receive(encode({ t: 'patch', v: 2, ref: 4, patches: [] }));
    await settled();
    expect(client.unanswered).toBe(0);
    expect(client.version).toBe(2);
    client.stop();
  });

  it('sends a resent event refused as rate_limited again later; a new event refused so is dropped', async () => {
    const { client, socket, errors } = setup();
    socket.receive(encode({ t: 'mounted', pv: 2, v: 0, handlers: { go: {} }, clientState: [] }));
    await settled();
    client.push('go');
    // The answer is lost with the socket; the next mount sends the event again.
    socket.receive(encode({ t: 'mounted', pv: 2, v: 0, handlers: { go: {} }, clientState: [] }));
    await settled();
    socket.receive(encode({ t: 'error', code: 'rate_limited', message: 'too many messages waiting', ref: 1 }));
    await settled();
    expect(client.unanswered).toBe(1);
    expect(errors).toEqual([{ code: 'rate_limited', message: 'too many messages waiting', ref: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const events = () => socket.sent.filter((m) => (m as { t: string }).t === 'event');
    expect(events()).toEqual([
      { t: 'event', ref: 1, name: 'go', params: {} },
      { t: 'event', ref: 1, name: 'go', params: {} },
      { t: 'event', ref: 1, name: 'go', params: {} },
    ]);
    socket.receive(encode({ t: 'error', code: 'handler', message: 'no', ref: 1 }));
    client.push('go');
    socket.receive(encode({ t: 'error', code: 'rate_limited', message: 'too many messages', ref: 2 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.unanswered).toBe(0);
    expect(events()).toHaveLength(4);
    client.stop();
  });
});
