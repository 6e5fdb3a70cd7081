// Hostile clients against a server in this process: views leaked by half-finished mounts, sessions
// nobody issued, floods of GETs, garbage and paced events, and the real client recovering from a
// refused patch list or a refused optimistic event.
import { PROTOCOL_VERSION } from '@tessera/live-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveView, declareView, type JsonObject, type LiveServer, type LiveServerOptions } from './index.js';
import { eventually, mounted, openSession, pause, rawSocket, servesNewClient } from '../test/attacker.js';
import { click, openPage, startServer, text, type Page } from '../test/harness.js';

/** Views alive and sockets attached, counted through the lifecycle methods (what presence would show). */
const live = { mounts: 0, connections: 0 };

class Lab extends LiveView {
  static override template = 'lab.html';
  count = 0;
  k = 'a';

  override async mount(params: JsonObject): Promise<void> {
    live.mounts += 1;
    if (params['slow']) await pause(40);
  }
  override unmount(): void {
    live.mounts -= 1;
  }
  override connected(): void {
    live.connections += 1;
  }
  override disconnected(): void {
    live.connections -= 1;
  }

  inc(): void {
    this.count += 1;
  }
  search(): void {}
  setK(params: JsonObject): void {
    this.k = String(params['k']);
  }
}
declareView(Lab, { events: { inc: {}, search: { debounce: 500 }, setK: {} } });

/** A view the client renders too, with an optimistic like. */
class Likes extends LiveView {
  static override template = 'likes.html';
  likes = 0;

  like(): void {
    this.likes += 1;
  }
}
declareView(Likes, { events: { like: { optimistic: { likes: { add: 1 } } } } });

const templates = {
  'lab.html':
    '<p id="count">{{ count }}</p><div id="d" {{ k }}="1">k</div><button id="inc" data-live-click="inc">+</button>',
  'likes.html': '<p id="likes">{{ likes }}</p><button id="like" data-live-click="like">like</button>',
};

let server: LiveServer;
let url: string;
const pages: Page[] = [];
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close();
  await server?.close();
  live.mounts = 0;
  live.connections = 0;
});

async function start(options: Partial<LiveServerOptions> = {}): Promise<void> {
  ({ server, url } = await startServer({ '/': Lab, '/likes': Likes }, templates, options));
}

async function page(path = '/'): Promise<Page> {
  const p = await openPage(url, path);
  pages.push(p);
  await p.next((m) => m['t'] === 'mounted');
  return p;
}

describe('hostile sockets', () => {
  it('drops views whose socket closed while their mount was resolving', async () => {
    await start({ graceMs: 30 });
    const sessions = await Promise.all(Array.from({ length: 20 }, () => openSession(url, '/?slow=1')));
    // Every page's view outlives its grace period, so each mount below re-creates one from the token.
    await eventually(
      () => server.stats().views,
      (n) => n === 0,
    );
    for (const { cookie, token } of sessions) {
      const s = await rawSocket(url, cookie);
      s.sendJson({ t: 'mount', pv: PROTOCOL_VERSION, token, resume: 0 });
      s.ws.terminate();
    }
    const stats = await eventually(
      () => server.stats(),
      (st) => st.views === 0 && live.mounts === 0,
    );
    expect(stats).toMatchObject({ views: 0, sockets: 0 });
    expect(live).toEqual({ mounts: 0, connections: 0 });
    expect(await servesNewClient(url)).toBe(true);
  });

  it('accepts only session ids it issued and forgets sessions with their last view after the idle time', async () => {
    await start({ graceMs: 10, sessionIdleMs: 20, pageRate: { perSecond: 1e6, burst: 1e6 } });
    const made = ['tessera_sid=made-up', 'tessera_sid=AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'];
    for (const cookie of made) {
      const response = await fetch(url, { headers: { cookie } });
      const issued = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
      expect(issued).toMatch(/^tessera_sid=[\w-]{22}\.[\w-]{22}$/);
      expect(issued).not.toBe(cookie);
      // The made-up id cannot mount the page it was served.
      const token = /data-live-token="([^"]+)"/.exec(await response.text())![1]!;
      const s = await rawSocket(url, cookie);
      s.sendJson({ t: 'mount', pv: PROTOCOL_VERSION, token });
      expect(await s.closed).toBe(4403);
    }
    for (let i = 0; i < 300; i++) await (await fetch(url)).text();
    const stats = await eventually(
      () => server.stats(),
      (st) => st.sessions === 0,
    );
    expect(stats).toMatchObject({ views: 0, sessions: 0 });
    expect(await servesNewClient(url)).toBe(true);
  });

  it('keeps at most maxSessions sessions without a view', async () => {
    await start({ graceMs: 5, maxSessions: 25, pageRate: { perSecond: 1e6, burst: 1e6 } });
    for (let i = 0; i < 200; i++) await (await fetch(url)).text();
    await eventually(
      () => server.stats().views,
      (n) => n === 0,
    );
    expect(server.stats().sessions).toBeLessThanOrEqual(25);
    expect(await servesNewClient(url)).toBe(true);
  });

  it('limits page GETs per client with 429 and Retry-After, and other clients are still served', async () => {
    await start({
      pageRate: { perSecond: 0.5, burst: 5 },
      clientAddress: (request) => String(request.headers['x-client'] ?? 'default'),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await fetch(url, { headers: { 'x-client': 'flooder' } });
      await response.text();
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(live.mounts).toBe(5);
    expect((await fetch(url, { headers: { 'x-client': 'someone else' } })).status).toBe(200);
    expect(await servesNewClient(url)).toBe(true);
  });

  it('closes a socket that sends only garbage, or more errors than its budget, after a bounded number of replies', async () => {
    await start();
    const garbage = await rawSocket(url, (await openSession(url)).cookie);
    for (let i = 0; i < 200; i++) garbage.ws.send(i % 2 ? 'x' : Buffer.from([i]), { binary: i % 2 === 0 });
    expect(await garbage.closed).toBe(1008);
    expect(garbage.messages.length).toBeLessThan(16);

    const refused = await rawSocket(url, (await openSession(url)).cookie);
    for (let ref = 1; ref <= 200; ref++) refused.sendJson({ t: 'event', ref, name: 'inc', params: {} });
    expect(await refused.closed).toBe(1008);
    expect(refused.messages.length).toBeLessThanOrEqual(40);
    expect(refused.messages.every((m) => m['code'] === 'not_mounted' || m['code'] === 'rate_limited')).toBe(true);
    expect(await servesNewClient(url)).toBe(true);
  });

  it('closes sockets that never mount, even when they keep pinging', async () => {
    await start({ mountTimeoutMs: 50 });
    const { cookie } = await openSession(url);
    const silent = await rawSocket(url, cookie);
    const pinging = await rawSocket(url, cookie);
    const timer = setInterval(() => pinging.sendJson({ t: 'ping' }), 10);
    expect(await silent.closed).toBe(1008);
    expect(await pinging.closed).toBe(1008);
    clearInterval(timer);
    expect(pinging.messages.length).toBeGreaterThan(0);
    const stats = await eventually(
      () => server.stats(),
      (st) => st.sockets === 0,
    );
    expect(stats.sockets).toBe(0);
    expect(await servesNewClient(url)).toBe(true);
  });

  it('enforces a floor under @debounce per handler, answering the refused event by its ref', async () => {
    await start();
    const s = await mounted(url);
    s.sendJson({ t: 'event', ref: 1, name: 'search', params: { value: 'a' } });
    s.sendJson({ t: 'event', ref: 2, name: 'search', params: { value: 'ab' } });
    s.sendJson({ t: 'event', ref: 3, name: 'inc', params: {} });
    expect(await s.until((m) => m['ref'] === 1)).toMatchObject({ t: 'patch' });
    expect(await s.until((m) => m['ref'] === 2)).toEqual({
      t: 'error',
      code: 'rate_limited',
      message: '"search" is paced',
      ref: 2,
    });
    expect(await s.until((m) => m['ref'] === 3)).toMatchObject({ t: 'patch', v: 1 });
    expect(await servesNewClient(url)).toBe(true);
  });

  it('calls connected()/disconnected() for sockets only, never for a page that was fetched and not opened', async () => {
    await start({ graceMs: 10_000 });
    for (let i = 0; i < 10; i++) await openSession(url);
    expect(live).toEqual({ mounts: 10, connections: 0 });
    const s = await mounted(url);
    expect(live.connections).toBe(1);
    s.ws.close();
    await eventually(
      () => live.connections,
      (n) => n === 0,
    );
    expect(live.connections).toBe(0);
    expect(await servesNewClient(url)).toBe(true);
  });
});

describe('the real client against refusals', () => {
  it('rolls back optimistic predictions of events refused by the rate limit', async () => {
    await start({ rate: { perSecond: 1, burst: 5 } });
    const p = await page('/likes');
    const answers = () => p.received.filter((m) => typeof m['ref'] === 'number');
    for (let i = 0; i < 20; i++) click(p, '#like');
    await eventually(
      () => answers().length,
      (n) => n === 20,
    );
    await pause(20);
    const refused = answers().filter((m) => m['code'] === 'rate_limited');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((m) => typeof m['ref'] === 'number')).toBe(true);
    expect(text(p, '#likes')).toBe(String(20 - refused.length));
    expect(p.root.querySelector('[data-live-pending]')).toBeNull();
    expect(await servesNewClient(url)).toBe(true);
  });

  it('recovers from a patch list the page refuses (a translator wrapped a text node): same version, one sync, full render', async () => {
    // The vdom renderer sets the text node itself (codegen's engine replaces the element's content, which
    // a wrapped text node does not stop).
    await start({ renderer: 'vdom' });
    const p = await page();
    const count = p.root.querySelector('#count')!;
    const font = p.window.document.createElement('font');
    font.append(count.firstChild as never);
    count.append(font as never);
    const errors: unknown[] = [];
    p.root.addEventListener('live:error', (e) => errors.push((e as CustomEvent).detail));
    click(p, '#inc');
    await eventually(
      () => p.received.some((m) => m['t'] === 'render') && p.client.version,
      (v) => v === 1,
    );
    expect(text(p, '#count')).toBe('1');
    expect(p.client.version).toBe(1);
    expect(errors).toMatchObject([{ code: 'patch' }]);
    expect(p.frames.filter((f) => (f as { t: string }).t === 'sync')).toHaveLength(1);
    click(p, '#inc');
    await p.next((m) => m['ref'] === 2);
    expect(text(p, '#count')).toBe('2');
    expect(await servesNewClient(url)).toBe(true);
  });

  it('gives an element a state-driven attribute name the DOM refuses by replacing it, with no error and no sync', async () => {
    await start();
    const p = await page();
    const errors: unknown[] = [];
    p.root.addEventListener('live:error', (e) => errors.push((e as CustomEvent).detail));
    p.client.push('setK', { k: '1bad' });
    const answer = await p.next((m) => m['ref'] === 1);
    // setAttribute('1bad') throws in browsers, so the renderer sends HTML holding the element (vdom: the
    // element, `replace`; codegen: its parent's content, `html`), not an attr patch.
    expect(answer).toMatchObject({
      t: 'patch',
      patches: expect.arrayContaining([expect.objectContaining({ op: expect.stringMatching(/^(replace|html)$/) })]),
    });
    expect(JSON.stringify(answer)).not.toContain('"op":"attr"');
    await eventually(
      () => p.client.version,
      (v) => v === 1,
    );
    expect(errors).toEqual([]);
    expect(p.frames.filter((f) => (f as { t: string }).t === 'sync')).toHaveLength(0);
    expect(p.root.querySelector('#d')?.getAttribute('1bad')).toBe('1');
    expect(p.root.querySelector('#d')?.hasAttribute('a')).toBe(false);
    expect(await servesNewClient(url)).toBe(true);
  });
});
