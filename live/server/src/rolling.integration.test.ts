// Integration: a rolling restart of every process, one at a time, under a running load of real clients
// (the browser client in happy-dom, on `ws`) behind the proxy: each client's events are all applied once,
// in order (its DOM lists every event id exactly once), and no client ever sees a patch out of order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../scripts/cluster.mjs';
import { startProxy } from '../scripts/proxy.mjs';
import { openPage, text, type Page } from '../test/harness.js';
import { redisUnavailable, startRedisServer } from '../test/redis.js';

const missing = redisUnavailable();
const CLIENTS = 12;
const EVENT_EVERY_MS = 40;

/** Patches that do not continue the version the page had (each mount starts a new run). */
function outOfOrder(received: readonly Record<string, unknown>[]): number {
  let version = -1;
  let wrong = 0;
  for (const m of received) {
    if (m['t'] === 'mounted' || m['t'] === 'render') version = m['v'] as number;
    else if (m['t'] === 'patch') {
      const empty = m['patches'] === undefined && m['state'] === undefined;
      if (m['v'] === version + 1) version += 1;
      else if (!(empty && m['v'] === version)) wrong += 1;
    }
  }
  return wrong;
}

/** Resolves once `done()` holds, checking every 20 ms. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe.skipIf(missing !== null)('rolling restart under load', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let cluster: Cluster;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const pages: Page[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    cluster = await Cluster.start(redis.url, 3);
    proxy = await startProxy({ backends: cluster.urls });
  });

  afterAll(async () => {
    for (const p of pages) await p.close();
    await proxy?.close();
    await cluster?.stop('SIGKILL');
    await redis?.stop();
  });

  // Three process restarts under load: generous on a busy machine; nothing here measures time.
  it('loses no event and orders every patch while each process restarts in turn', { timeout: 180_000 }, async () => {
    for (let i = 0; i < CLIENTS; i += 1) pages.push(await openPage(proxy.url));
    await until(() => pages.every((p) => p.received.some((m) => m['t'] === 'mounted')));
    const sent = pages.map(() => 0);
    let running = true;
    const load = pages.map(async (page, i) => {
      for (let id = 1; running; id += 1) {
        sent[i] = id;
        page.client.push('add', { id });
        await new Promise((resolve) => setTimeout(resolve, EVENT_EVERY_MS));
      }
    });
    let restarted = 0;
    await cluster.rollingRestart(async () => {
      restarted += 1;
      // Let every client reach a live process and send more before the next one goes.
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    running = false;
    await Promise.all(load);
    // Every event is answered in the end (resent to whichever process took its view).
    await until(() => pages.every((p) => p.client.unanswered === 0));

    expect(restarted).toBe(3);
    expect(sent.reduce((a, b) => a + b, 0)).toBeGreaterThan(CLIENTS * 10);
    const reconnected = pages.filter((p) => p.received.filter((m) => m['t'] === 'mounted').length > 1).length;
    expect(reconnected).toBeGreaterThan(0);
    for (const [i, page] of pages.entries()) {
      const ids = Array.from({ length: sent[i]! }, (_, k) => k + 1).join(',');
      expect({ page: i, seen: text(page, '#seen'), count: text(page, '#count') }).toEqual({
        page: i,
        seen: ids,
        count: String(sent[i]),
      });
      expect({ page: i, outOfOrder: outOfOrder(page.received) }).toEqual({ page: i, outOfOrder: 0 });
      expect(page.frames.filter((f) => (f as { t: string }).t === 'sync')).toEqual([]);
    }
  });
});
