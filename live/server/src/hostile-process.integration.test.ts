// The attacks that used to end the server process or grow it without limit, played against a server in
// a child process: each test ends by checking that the process is still up and serves a new client.
import { PROTOCOL_VERSION } from '@tessera/live-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ChildServer,
  eventually,
  mib,
  mounted,
  openSession,
  pause,
  rawHttp,
  rawSocket,
  servesNewClient,
  startChild,
} from '../test/attacker.js';

/** Limits lifted so one test meets only the limit it is about. */
const UNLIMITED = {
  rate: { perSecond: 1e9, burst: 1e9 },
  errorRate: { perSecond: 1e9, burst: 1e9 },
  maxBadFrames: 1e9,
};

let child: ChildServer | null = null;
afterEach(async () => {
  await child?.stop();
  child = null;
});

describe('a server process under attack', () => {
  it('answers request targets that URL parsing refuses with 400, on a GET and on the upgrade, and stays up', async () => {
    child = await startChild();
    for (const target of ['//%/', 'http://%/', 'http://[/']) {
      const get = await rawHttp(child.url, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(get).toMatch(/^HTTP\/1\.1 400/);
      const upgrade = await rawHttp(
        child.url,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${child.url}\r\n\r\n`,
      );
      expect(upgrade).toMatch(/^HTTP\/1\.1 400/);
    }
    expect(child.alive()).toBe(true);
    expect(await servesNewClient(child.url)).toBe(true);
  });

  it('survives a view whose mount() throws when a page remounts after the grace period, and mounts it once it works', async () => {
    child = await startChild({ graceMs: 20 });
    const { cookie, token } = await openSession(child.url, '/flaky');
    await eventually(
      () => child!.memory(),
      (m) => m.stats.views === 0,
    );
    await child.request({ failMounts: true });
    const refused = await rawSocket(child.url, cookie);
    refused.sendJson({ t: 'mount', pv: PROTOCOL_VERSION, token, resume: 0 });
    expect(await refused.closed).toBe(1011);
    expect(refused.messages).toEqual([{ t: 'error', code: 'handler', message: 'the view could not be mounted' }]);
    expect(child.alive()).toBe(true);
    expect((await child.memory()).stats.views).toBe(0);

    // What the client does after its backoff, once the database is back.
    await child.request({ failMounts: false });
    const retry = await rawSocket(child.url, cookie);
    retry.sendJson({ t: 'mount', pv: PROTOCOL_VERSION, token, resume: 0 });
    await retry.until((m) => m['t'] === 'mounted');
    retry.sendJson({ t: 'event', ref: 1, name: 'inc', params: {} });
    expect(await retry.until((m) => m['ref'] === 1)).toMatchObject({ t: 'patch', v: 1 });
    retry.ws.close();
    expect(await servesNewClient(child.url)).toBe(true);
  });

  it('bounds the backlog of a socket that sends faster than its slow handler runs, answering every event and its pings', async () => {
    child = await startChild(UNLIMITED);
    const before = await child.memory();
    const SENT = 600;
    const params = { ms: 100, pad: 'x'.repeat(26 * 1024) };
    const sockets = await Promise.all(Array.from({ length: 5 }, () => mounted(child!.url)));
    for (const s of sockets) {
      for (let ref = 1; ref <= SENT; ref++) s.sendJson({ t: 'event', ref, name: 'slow', params });
      s.sendJson({ t: 'ping' });
    }
    // The last event finds the backlog full; by then every frame has arrived and been parsed.
    await Promise.all(sockets.map((s) => s.until((m) => m['ref'] === SENT)));
    const during = await child.memory();
    const growth =
      during.memory.heapUsed + during.memory.arrayBuffers - before.memory.heapUsed - before.memory.arrayBuffers;
    expect(mib(growth), 'MiB held for 5 x 600 events of 26 KiB').toBeLessThan(48);

    for (const s of sockets) {
      await s.until(() => s.messages.filter((m) => typeof m['ref'] === 'number').length >= SENT);
      // Every event gets exactly one answer: a patch once handled, or rate_limited with its ref.
      const refs = s.messages.filter((m) => typeof m['ref'] === 'number').map((m) => m['ref']);
      expect(new Set(refs).size).toBe(SENT);
      expect(refs.length).toBe(SENT);
      expect(s.messages.find((m) => m['ref'] === SENT)).toMatchObject({ t: 'error', code: 'rate_limited', ref: SENT });
      // The ping was answered ahead of the backlog it arrived behind.
      const pong = s.messages.findIndex((m) => m['t'] === 'pong');
      const lastPatch = s.messages.findLastIndex((m) => m['t'] === 'patch');
      expect(pong).toBeGreaterThan(0);
      expect(pong).toBeLessThan(lastPatch);
      s.ws.close();
    }
    expect(child.alive()).toBe(true);
    expect(await servesNewClient(child.url)).toBe(true);
  });

  it('drops a client that stops reading while it asks for the whole page again and again, and stays small', async () => {
    // About 190 KB of page, answered to every `sync`.
    child = await startChild({ ...UNLIMITED, rows: 2400, maxBufferedBytes: 64 * 1024 });
    const before = await child.memory();
    const attackers = await Promise.all(Array.from({ length: 5 }, () => mounted(child!.url)));
    for (const s of attackers) s.ws.pause();
    // Paced, so each `sync` finds the previous answer flushed (a burst is coalesced into one answer).
    for (let i = 0; i < 200; i++) {
      for (const s of attackers) {
        if (s.ws.readyState !== s.ws.OPEN) continue;
        s.sendJson({ t: 'sync' });
        s.ws.send('x');
      }
      await pause(10);
    }
    const after = await eventually(
      () => child!.memory(),
      (m) => m.stats.sockets === 0,
    );
    expect(after.stats.sockets, 'attacking sockets dropped').toBe(0);
    expect(mib(after.memory.peakRss - before.memory.rss), 'peak RSS growth, MiB').toBeLessThan(160);
    for (const s of attackers) s.ws.terminate();
    expect(child.alive()).toBe(true);
    expect(await servesNewClient(child.url)).toBe(true);
  });

  it('never serves a page whose token it would refuse: a query too long for a token gets 414', async () => {
    child = await startChild();
    for (const size of [100, 3000, 5000, 5800, 6200, 9000, 12000]) {
      const response = await fetch(`${child.url}/?q=${'a'.repeat(size)}`);
      const html = await response.text();
      if (response.status === 414) continue;
      expect(response.status).toBe(200);
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
      const token = /data-live-token="([^"]+)"/.exec(html)![1]!;
      const s = await rawSocket(child.url, cookie);
      s.sendJson({ t: 'mount', pv: PROTOCOL_VERSION, token, resume: 0 });
      expect(await s.until((m) => m['t'] === 'mounted' || m['t'] === 'error'), `query of ${size}`).toMatchObject({
        t: 'mounted',
      });
      s.ws.close();
    }
    expect((await fetch(`${child.url}/?q=${'a'.repeat(9000)}`)).status).toBe(414);
    expect(child.alive()).toBe(true);
    expect(await servesNewClient(child.url)).toBe(true);
  });
});
