// Integration (one process, no Redis): event refs answered once, broadcasts held until their change is
// committed, and the state size limit, each played by a raw protocol client.
import { afterEach, describe, expect, it } from 'vitest';
import { EventRejected, LiveView, declareView, type LiveServer } from './index.js';
import { startServer } from '../test/harness.js';
import { RawSocket, ticket } from '../test/socket.js';

class Tally extends LiveView {
  static override template = 'tally.html';
  count = 0;
  heard = 0;
  blob = '';

  override mount(): void {
    this.subscribe('tally', () => {
      this.heard += 1;
    });
  }

  add(): void {
    this.count += 1;
  }

  shoutThenFail(): void {
    this.broadcast('tally', 1);
    throw new EventRejected('undone');
  }

  shout(): void {
    this.broadcast('tally', 1);
  }

  grow(params: Record<string, unknown>): void {
    this.blob += 'x'.repeat(Number(params['n']));
  }
}
declareView(Tally, { events: { add: {}, shoutThenFail: {}, shout: {}, grow: {} } });

const templates = { 'tally.html': '<p>{{ count }} {{ heard }} {{ blob|length }}</p>' };

let server: LiveServer;
const sockets: RawSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.close();
});

async function open(options = {}) {
  let url: string;
  ({ server, url } = await startServer({ '/': Tally }, templates, options));
  const page = await ticket(url);
  const { socket, mounted } = await RawSocket.mount(url, page);
  sockets.push(socket);
  return { url, page, socket, mounted };
}

describe('exactly-once events', () => {
  it('answers a resent ref again without applying it, on the same socket and after a reconnect', async () => {
    const { url, page, socket } = await open();
    expect(await socket.event(1, 'add')).toMatchObject({ t: 'patch', v: 1, ref: 1 });
    expect(await socket.event(1, 'add')).toEqual({ t: 'patch', v: 1, ref: 1 });
    socket.close();
    const again = await RawSocket.mount(url, page, 1);
    sockets.push(again.socket);
    expect(again.mounted).toMatchObject({ t: 'mounted', v: 1 });
    expect(again.mounted['html']).toBeUndefined();
    expect(await again.socket.event(1, 'add')).toEqual({ t: 'patch', v: 1, ref: 1 });
    expect(await again.socket.event(2, 'add')).toMatchObject({ t: 'patch', v: 2, ref: 2 });
  });

  it('answers a resent refused event with the same error', async () => {
    const { socket } = await open();
    const first = await socket.event(5, 'shoutThenFail');
    expect(first).toEqual({ t: 'error', code: 'handler', message: 'undone', ref: 5 });
    expect(await socket.event(5, 'shoutThenFail')).toEqual(first);
  });

  it('keeps the ledger bounded: refs below the kept ones are old and never applied', async () => {
    const { socket } = await open({ ledgerSize: 2 });
    for (const ref of [1, 2, 3]) await socket.event(ref, 'add');
    expect(await socket.event(1, 'add')).toEqual({ t: 'patch', v: 3, ref: 1 });
    expect(await socket.event(4, 'add')).toMatchObject({ v: 4, ref: 4 });
  });
});

describe('held broadcasts', () => {
  it('publishes a broadcast once its change is committed, never when the handler failed', async () => {
    const { socket } = await open();
    await socket.event(1, 'shoutThenFail');
    await socket.event(2, 'add');
    expect(socket.received.filter((m) => m['t'] === 'patch' && m['ref'] === undefined)).toEqual([]);
    const from = socket.received.length;
    expect(await socket.event(3, 'shout')).toEqual({ t: 'patch', v: 1, ref: 3 });
    const heard = await socket.next((m) => m['t'] === 'patch' && m['ref'] === undefined, from);
    expect(heard['v']).toBe(2);
  });
});

describe('maxStateBytes', () => {
  it('undoes a change that makes the state larger than the limit and tells the client', async () => {
    const { socket } = await open({ maxStateBytes: 4096 });
    expect(await socket.event(1, 'grow', { n: 1000 })).toMatchObject({ t: 'patch', v: 1 });
    expect(await socket.event(2, 'grow', { n: 10_000 })).toEqual({
      t: 'error',
      code: 'handler',
      message: 'the new state could not be rendered',
      ref: 2,
    });
    expect(await socket.event(3, 'grow', { n: 1 })).toMatchObject({ t: 'patch', v: 2, ref: 3 });
  });
});
