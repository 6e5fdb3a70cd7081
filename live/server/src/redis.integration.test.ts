// Integration with a real redis-server: the state store's ownership and TTL, presence expiry, and pub/sub
// between two connections, each through the backplane a server would open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { openBackplane, type Backplane } from './backplane.js';
import { LiveView, declareView, type LiveServer } from './index.js';
import type { StoredView } from './state-store.js';
import { startServer } from '../test/harness.js';
import { redisUnavailable, startRedisServer } from '../test/redis.js';
import { RawSocket, ticket } from '../test/socket.js';

class Counter extends LiveView {
  static override template = 'counter.html';
  count = 0;
  added = 'by mount';

  add(): void {
    this.count += 1;
  }
}
declareView(Counter, { events: { add: {} } });

const missing = redisUnavailable();
const view = (v: number, count = v): StoredView => ({
  route: '/',
  session: 's',
  template: 'abc',
  v,
  state: { count },
  ledger: { floor: 0, refs: [] },
});

describe.skipIf(missing !== null)('the Redis backplane', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let admin: Redis;
  const opened: Backplane[] = [];
  const open = async (presenceTtlMs = 60_000, stateTtlMs = 60_000) => {
    const config = { url: redis.url, keyPrefix: 'test:', stateTtlMs, presenceTtlMs };
    const backplane = await openBackplane(config, (err) => {
      throw err;
    });
    opened.push(backplane);
    return backplane;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
  });

  afterAll(async () => {
    for (const backplane of opened) await backplane.close();
    admin?.disconnect();
    await redis?.stop();
  });

  it('refuses a write from a process that lost the view, and one older than what is stored', async () => {
    const [a, b] = [await open(), await open()];
    expect(await a.store!.save('v1', a.processId, view(1))).toBe(true);
    expect(await a.store!.save('v1', a.processId, view(2))).toBe(true);
    const claimed = await b.store!.claim('v1', b.processId);
    expect(claimed).toEqual({ view: view(2), previousOwner: a.processId });
    // A is a stale copy now: its next write is refused, so it cannot overwrite B's state.
    expect(await a.store!.save('v1', a.processId, view(3, 99))).toBe(false);
    expect(await b.store!.save('v1', b.processId, view(1))).toBe(false);
    expect(await b.store!.save('v1', b.processId, view(3))).toBe(true);
    expect((await a.store!.claim('v1', a.processId))?.view).toEqual(view(3));
    expect(await b.store!.claim('nothing-here', b.processId)).toBeNull();
  });

  it('keeps a view for stateTtlMs after its last write', async () => {
    const a = await open(60_000, 400);
    await a.store!.save('short', a.processId, view(1));
    const ttl = await admin.pttl('test:view:short');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(400);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await a.store!.claim('short', a.processId)).toBeNull();
  });

  it('treats a corrupt record as none', async () => {
    const a = await open();
    await admin.hset('test:view:bad', {
      fmt: '1',
      route: '/',
      session: 's',
      template: 'abc',
      v: '1',
      state: '{',
      ledger: '{}',
    });
    expect(await a.store!.claim('bad', a.processId)).toBeNull();
  });

  it('lists presence across processes, once per view, and drops and announces the members of a dead process', async () => {
    const [a, b] = [await open(300), await open(300)];
    await a.presence.join('room', 'x', { name: 'ada' });
    await b.presence.join('room', 'y', null);
    await b.presence.join('room', 'x', { name: 'ada' });
    const ids = async () => (await a.presence.list('room')).map((m) => m.id).sort();
    expect(await ids()).toEqual(['x', 'y']);
    const diffs: unknown[] = [];
    a.pubsub.subscribe('presence:room', (diff) => diffs.push(diff));
    await a.pubsub.settled();
    // A member of a process whose liveness key is gone, as a killed process leaves it: A's next refresh
    // finds it, deletes it and announces it leaving.
    await admin.hset('test:presence:room', 'dead-process|z', 'null');
    while (diffs.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(diffs).toEqual([{ left: 'z' }]);
    expect(await ids()).toEqual(['x', 'y']);
    await b.presence.leave('room', 'y');
    while (diffs.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(diffs[1]).toEqual({ left: 'y' });
    await a.presence.leave('room', 'x');
    expect(await ids()).toEqual(['x']);
    await b.presence.leave('room', 'x');
    expect(await ids()).toEqual([]);
  });

  it('delivers a broadcast to the listeners of every process, as JSON', async () => {
    const [a, b] = [await open(), await open()];
    const heard: unknown[] = [];
    const off = b.pubsub.subscribe('news', (payload) => heard.push(payload));
    await b.pubsub.settled();
    a.pubsub.publish('news', { n: 1 });
    while (heard.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toEqual([{ n: 1 }]);
    off();
  });

  it('takes a view over at the same version without HTML, and with HTML when the template changed', async () => {
    const servers: LiveServer[] = [];
    const serve = async (template: string) => {
      const started = await startServer({ '/': Counter }, { 'counter.html': template }, { redis: redis.url });
      servers.push(started.server);
      return started.url;
    };
    try {
      const a = await serve('<p>{{ count }}</p>');
      const same = await serve('<p>{{ count }}</p>');
      const changed = await serve('<p>{{ count }} ({{ added }})</p>');
      const page = await ticket(a);
      const onA = (await RawSocket.mount(a, page)).socket;
      await onA.event(1, 'add');
      onA.close();
      const resumed = await RawSocket.mount(same, page, 1);
      expect(resumed.mounted).toMatchObject({ t: 'mounted', v: 1 });
      expect(resumed.mounted['html']).toBeUndefined();
      expect(await resumed.socket.event(2, 'add')).toMatchObject({ v: 2 });
      resumed.socket.close();
      // A deploy that adds a field: the stored state (written before it) lacks it, so it keeps what mount gives.
      const instance = (
        JSON.parse(Buffer.from(page.token.split('.')[0]!, 'base64url').toString()) as { instance: string }
      ).instance;
      await admin.hset(`tessera:view:${instance}`, 'state', JSON.stringify({ count: 2 }));
      const redeployed = await RawSocket.mount(changed, page, 2);
      expect(redeployed.mounted).toMatchObject({ t: 'mounted', v: 2, html: '<p>2 (by mount)</p>' });
      redeployed.socket.close();
    } finally {
      for (const server of servers) await server.close();
    }
  });

  it('keeps the stored state of a connected but idle page past stateTtlMs, and lets it expire once the page left', async () => {
    const { server, url } = await startServer(
      { '/': Counter },
      { 'counter.html': '<p>{{ count }}</p>' },
      {
        redis: { url: redis.url, keyPrefix: 'idle:' },
        stateTtlMs: 600,
      },
    );
    try {
      const page = await ticket(url);
      const { socket } = await RawSocket.mount(url, page);
      const keys = async () => (await admin.keys('idle:view:*')).length;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await keys()).toBe(1);
      socket.close();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await keys()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('keeps serving in its process when Redis goes away, reports it, and still closes', async () => {
    const lost = await startRedisServer();
    const reported: string[] = [];
    const { server, url } = await startServer(
      { '/': Counter },
      { 'counter.html': '<p>{{ count }}</p>' },
      {
        redis: lost.url,
        onError: (_err, where) => reported.push(where),
      },
    );
    const { socket } = await RawSocket.mount(url, await ticket(url));
    expect(await socket.event(1, 'add')).toMatchObject({ t: 'patch', v: 1 });
    await lost.stop();
    expect(await socket.event(2, 'add')).toMatchObject({ t: 'patch', v: 2 });
    expect(reported).toContain('state store');
    socket.close();
    await server.close();
  });

  it('writes a live view again when a reconnect finds the store behind it or without it', async () => {
    const { server, url } = await startServer(
      { '/': Counter },
      { 'counter.html': '<p>{{ count }}</p>' },
      {
        redis: { url: redis.url, keyPrefix: 'behind:' },
      },
    );
    try {
      const page = await ticket(url);
      const instance = (
        JSON.parse(Buffer.from(page.token.split('.')[0]!, 'base64url').toString()) as { instance: string }
      ).instance;
      const key = `behind:view:${instance}`;
      const first = await RawSocket.mount(url, page);
      expect(await first.socket.event(1, 'add')).toMatchObject({ v: 1 });
      // A write that failed (Redis away for a moment) leaves the store a version behind this process's copy.
      await admin.hset(key, 'v', '0');
      const again = await RawSocket.mount(url, page, 1);
      expect(again.mounted).toMatchObject({ v: 1 });
      expect(again.mounted['html']).toBeUndefined();
      while ((await admin.hget(key, 'v')) !== '1') await new Promise((resolve) => setTimeout(resolve, 10));
      // An expired record is written again too.
      await admin.del(key);
      const third = await RawSocket.mount(url, page, 1);
      expect(third.mounted).toMatchObject({ v: 1 });
      while ((await admin.hget(key, 'v')) !== '1') await new Promise((resolve) => setTimeout(resolve, 10));
      expect(JSON.parse((await admin.hget(key, 'state'))!)).toEqual({ count: 1, added: 'by mount' });
      third.socket.close();
    } finally {
      await server.close();
    }
  });
});
