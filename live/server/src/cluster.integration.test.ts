// Integration across processes: a real redis-server, three live-server processes (scripts/cluster-node.mjs)
// and `ws` clients speaking the protocol. Broadcasts and presence cross processes, a SIGKILLed process's
// members leave within the presence TTL, and a view survives the process it lived on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../scripts/cluster.mjs';
import { redisUnavailable, startRedisServer } from '../test/redis.js';
import { RawSocket, ticket, type Ticket } from '../test/socket.js';

const missing = redisUnavailable();
const PRESENCE_TTL_MS = 3000;

/** The text of element `id` in `html`. */
const field = (html: unknown, id: string): string =>
  new RegExp(`id="${id}">([^<]*)<`).exec(String(html))?.[1] ?? `(no #${id})`;

// Process starts and kills on a busy machine take seconds: generous limits, nothing here measures time.
describe.skipIf(missing !== null)('several processes on one Redis', { timeout: 120_000 }, () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let cluster: Cluster;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    cluster = await Cluster.start(redis.url, 3, { PRESENCE_TTL_MS: String(PRESENCE_TTL_MS) });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.stop('SIGKILL');
    await redis?.stop();
  });

  async function mount(base: string, page: Ticket, resume = 0) {
    const opened = await RawSocket.mount(base, page, resume);
    sockets.push(opened.socket);
    return opened;
  }

  /** The view's whole HTML as a new socket on `base` gets it (resume 0 of a view past version 0). */
  async function htmlOn(base: string, page: Ticket): Promise<string> {
    const { socket, mounted } = await mount(base, page, 0);
    socket.close();
    return String(mounted['html']);
  }

  it('delivers a broadcast from a view on process A to views on B and C', async () => {
    const [a, b, c] = cluster.urls as [string, string, string];
    const views = await Promise.all([a, b, c].map(async (base) => (await mount(base, await ticket(base))).socket));
    const [onA, onB, onC] = views as [RawSocket, RawSocket, RawSocket];
    const heard = (s: RawSocket) => s.next((m) => m['t'] === 'patch' && JSON.stringify(m).includes('hello from A'));
    const arrivals = Promise.all([heard(onA), heard(onB), heard(onC)]);
    expect(await onA.event(1, 'shout', { message: 'hello from A' })).toMatchObject({ t: 'patch', ref: 1 });
    const [, onBPatch, onCPatch] = await arrivals;
    expect(onBPatch['ref']).toBeUndefined();
    expect(onCPatch['ref']).toBeUndefined();
  });

  /** Mounts `page` on `base`, sends one event and closes: resolves with the answer. */
  async function act(base: string, page: Ticket, ref: number, name: string, params = {}) {
    const { socket } = await mount(base, page, 0);
    const answer = await socket.event(ref, name, params);
    socket.close();
    return answer;
  }

  it('counts presence across processes and drops a SIGKILLed process’s members within the TTL', async () => {
    const [a, b] = cluster.urls as [string, string];
    // A fourth process whose views die with it.
    const victim = await Cluster.start(redis.url, 1, { PRESENCE_TTL_MS: String(PRESENCE_TTL_MS) });
    // `asker` lists presence when told (`who`); `watcher` follows the announced joins and leaves by itself.
    const asker = await ticket(a);
    const watcher = await ticket(a, '/?presence=live');
    await ticket(b);
    await ticket(victim.urls[0]!);
    await ticket(victim.urls[0]!);
    let ref = 0;
    const shown = async (page: Ticket) => Number(field(await htmlOn(a, page), 'present'));
    const present = async () => {
      await act(a, asker, ++ref, 'who');
      return shown(asker);
    };
    const before = await present();
    expect(before).toBeGreaterThanOrEqual(5);
    // Past the TTL the living processes' members are still listed: each refreshes its liveness.
    await new Promise((resolve) => setTimeout(resolve, PRESENCE_TTL_MS * 1.5));
    expect(await present()).toBe(before);
    expect(await shown(watcher)).toBe(before);
    await victim.stopNode(0, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, PRESENCE_TTL_MS + 300));
    expect(await present()).toBe(before - 2);
    // A living process that shares the topic finds them gone at its next look (a third of the TTL later)
    // and announces them leaving: the watcher's count followed by itself.
    await new Promise((resolve) => setTimeout(resolve, PRESENCE_TTL_MS / 3 + 500));
    expect(await shown(watcher)).toBe(before - 2);
  });

  it('stops a copy left on a live process once another process took its view over (its write is refused)', async () => {
    const [a, b] = cluster.urls as [string, string];
    const page = await ticket(a);
    const { socket: onA } = await mount(a, page);
    expect(await onA.event(1, 'add', { id: 1 })).toMatchObject({ v: 1 });
    // The page reconnects through another process while A still runs (a network blip, a proxy's choice).
    const { socket: onB, mounted } = await mount(b, page, 1);
    expect(mounted).toMatchObject({ v: 1 });
    // A's copy is stale: an event still reaching it is not applied, and its socket is told the view moved.
    onA.send({ t: 'event', ref: 2, name: 'add', params: { id: 'stale' } });
    expect(await onA.closed).toBe(4503);
    expect(onA.received.some((m) => m['ref'] === 2)).toBe(false);
    expect(await onB.event(2, 'add', { id: 2 })).toMatchObject({ v: 2, ref: 2 });
    expect(field(await htmlOn(b, page), 'seen')).toBe('1,2');
  });

  it('resumes a view on another process after SIGKILL at the same version, nothing lost or applied twice', async () => {
    const [a, b, c] = cluster.urls as [string, string, string];
    const page = await ticket(a);
    const { socket: onA } = await mount(a, page);
    for (let ref = 1; ref <= 5; ref += 1)
      expect(await onA.event(ref, 'add', { id: ref })).toMatchObject({ t: 'patch', v: ref, ref });
    await cluster.stopNode(0, 'SIGKILL');

    // Same version: the page's DOM is in step, so B sends no HTML; the next patch continues from it.
    const { socket: onB, mounted } = await mount(b, page, 5);
    expect(mounted).toMatchObject({ t: 'mounted', v: 5 });
    expect(mounted['html']).toBeUndefined();
    const sixth = await onB.event(6, 'add', { id: 6 });
    expect(sixth).toMatchObject({ t: 'patch', v: 6, ref: 6 });
    expect(JSON.stringify(sixth['patches'])).toContain('1,2,3,4,5,6');

    // Events in flight when B dies: some applied and stored, none answered. The client sends each again.
    const answered = new Set<number>([1, 2, 3, 4, 5, 6]);
    for (const ref of [7, 8, 9]) onB.send({ t: 'event', ref, name: 'add', params: { id: ref } });
    await cluster.stopNode(1, 'SIGKILL');
    for (const m of onB.received) if (typeof m['ref'] === 'number') answered.add(m['ref']);
    const lastSeen = Math.max(...onB.received.map((m) => (typeof m['v'] === 'number' ? m['v'] : 0)));
    const { socket: onC, mounted: again } = await mount(c, page, lastSeen);
    expect(again['v']).toBeGreaterThanOrEqual(lastSeen);
    for (const ref of [7, 8, 9].filter((r) => !answered.has(r)))
      expect(await onC.event(ref, 'add', { id: ref })).toMatchObject({ t: 'patch', ref });
    const html = await htmlOn(c, page);
    expect(field(html, 'seen')).toBe('1,2,3,4,5,6,7,8,9');
    expect(field(html, 'count')).toBe('9');
    await Promise.all([cluster.startNode(0), cluster.startNode(1)]);
  });
});
