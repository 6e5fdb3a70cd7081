// Integration: the real server on 127.0.0.1 (port 0), pages in happy-dom driven by the real client.
import { afterEach, describe, expect, it } from 'vitest';
import vdom from '@tessera/renderer-vdom';
import type { LiveRenderer } from '@tessera/template';
import { WebSocket } from 'ws';
import { EventRejected, LiveView, declareView, loadRenderer, type LiveServer } from './index.js';
import { eventually } from '../test/attacker.js';
import { click, openPage, startServer, text, type Page } from '../test/harness.js';

class Counter extends LiveView {
  static override template = 'counter.html';
  count = 0;
  items: string[] = ['a'];
  _hidden = 'not rendered';

  inc(): void {
    this.count += 1;
    this.items.push(`i${this.count}`);
  }

  fail(): void {
    this.count = 999;
    throw new Error('boom');
  }

  reject(): void {
    this.count = 555;
    throw new EventRejected('not allowed');
  }

  noop(): void {}

  notAnEvent(): void {
    this.count = -1;
  }
}

// Decorator syntax is compiled by tsc in the packages; vitest's transformer does not lower it, so the
// test views use the equivalent declareView.
declareView(Counter, { events: { inc: {}, fail: {}, reject: {}, noop: {} } });

const templates = {
  'counter.html':
    '<p id="count">{{ count }}</p><ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>' +
    '<button id="inc" data-live-click="inc">+</button><button id="fail" data-live-click="fail">x</button>' +
    '<button id="reject" data-live-click="reject">r</button>',
};

let server: LiveServer;
let url: string;
const pages: Page[] = [];

async function page(path = '/', cookie?: string): Promise<Page> {
  const p = await openPage(url, path, cookie);
  pages.push(p);
  return p;
}

async function start(options = {}): Promise<void> {
  ({ server, url } = await startServer({ '/': Counter }, templates, options));
}

afterEach(async () => {
  for (const p of pages.splice(0)) await p.close();
  await server?.close();
});

const mounted = (m: Record<string, unknown>) => m['t'] === 'mounted';
const answer = (ref: number) => (m: Record<string, unknown>) => m['ref'] === ref;

describe('live server with the happy-dom client', () => {
  it('mounts without resending HTML, applies patches from events and bumps the version', async () => {
    await start();
    const p = await page();
    const m = await p.next(mounted);
    expect(m['html']).toBeUndefined();
    expect(m['handlers']).toEqual({ inc: {}, fail: {}, reject: {}, noop: {} });
    const patched = p.next(answer(1));
    click(p, '#inc');
    const patch = await patched;
    expect(patch).toMatchObject({ t: 'patch', v: 1, ref: 1 });
    expect((patch['patches'] as unknown[]).length).toBeGreaterThan(0);
    expect(text(p, '#count')).toBe('1');
    expect(Array.from(p.root.querySelectorAll('li'), (li) => li.textContent)).toEqual(['a', 'i1']);
    expect(p.client.version).toBe(1);
    expect(p.root.innerHTML).not.toContain('not rendered');
  });

  it('addresses patches from the anchors sent at mount, rebound when the page changes shape', async () => {
    // The vdom renderer re-sends its table after every change of shape; codegen's engine only when it differs.
    await start({ renderer: 'vdom' });
    const p = await page();
    const m = await p.next(mounted);
    // <p id="count"> and <ul> are the template's dynamic elements outside loops.
    expect((m['anchors'] as unknown[][]).map((a) => a[1])).toEqual([[0], [1]]);
    for (let n = 1; n <= 3; n++) {
      const reply = p.next(answer(n));
      click(p, '#inc');
      const patches = (await reply)['patches'] as Record<string, unknown>[];
      expect(patches.filter((x) => x['op'] !== 'anchors').every((x) => typeof x['at'] === 'number')).toBe(true);
      expect(patches.at(-1)?.['op']).toBe('anchors');
      expect(text(p, '#count')).toBe(String(n));
    }
    expect(Array.from(p.root.querySelectorAll('li'), (li) => li.textContent)).toEqual(['a', 'i1', 'i2', 'i3']);
  });

  it('answers an event that changes nothing with an empty patch at the same version', async () => {
    await start();
    const p = await page();
    await p.next(mounted);
    const reply = p.next(answer(1));
    p.client.push('noop');
    expect(await reply).toEqual({ t: 'patch', v: 0, ref: 1 });
  });

  it('reports a throwing handler to that client only and keeps the state as it was', async () => {
    await start();
    const p = await page();
    await p.next(mounted);
    const failed = p.next(answer(1));
    click(p, '#fail');
    expect(await failed).toMatchObject({ t: 'error', code: 'handler', ref: 1, message: 'handler "fail" failed' });
    const rejected = p.next(answer(2));
    click(p, '#reject');
    expect(await rejected).toMatchObject({ t: 'error', code: 'handler', ref: 2, message: 'not allowed' });
    const ok = p.next(answer(3));
    click(p, '#inc');
    await ok;
    expect(text(p, '#count')).toBe('1');
  });

  it('runs only @event handlers', async () => {
    await start();
    const p = await page();
    await p.next(mounted);
    for (const name of ['notAnEvent', 'mount', 'constructor', '__proto__', 'toString', 'unmount']) {
      const reply = p.next((m) => m['t'] === 'error');
      p.client.push(name);
      expect(await reply).toMatchObject({ code: 'unknown_event' });
    }
    const ok = p.next((m) => m['t'] === 'patch');
    click(p, '#inc');
    await ok;
    expect(text(p, '#count')).toBe('1');
  });

  it('reconnects after a dropped socket and keeps the view state', async () => {
    await start();
    const p = await page();
    await p.next(mounted);
    const first = p.next(answer(1));
    click(p, '#inc');
    await first;
    const again = p.next(mounted);
    server.terminateSockets();
    const m = await again;
    expect(m['v']).toBe(1);
    expect(m['html']).toBeUndefined();
    const second = p.next(answer(2));
    click(p, '#inc');
    await second;
    expect(text(p, '#count')).toBe('2');
  });

  it('recovers with a full render when the client is out of step', async () => {
    await start();
    const p = await page();
    await p.next(mounted);
    p.client.version = 7;
    p.root.querySelector('#count')!.textContent = 'stale';
    const rendered = p.next((m) => m['t'] === 'render');
    click(p, '#inc');
    expect(await rendered).toMatchObject({ t: 'render', v: 1 });
    expect(p.frames.map((f) => (f as { t: string }).t)).toEqual(['mount', 'event', 'sync']);
    expect(text(p, '#count')).toBe('1');
    expect(p.client.version).toBe(1);
  });

  // A grace of a second, not a few milliseconds: the page's view waits that long for its socket, and on a
  // loaded machine the socket can take longer than 30 ms to open (the view was re-created, HTML sent).
  it('remounts with fresh HTML when the view outlived its grace period', async () => {
    await start({ graceMs: 1000 });
    const p = await page();
    await p.next(mounted);
    const first = p.next(answer(1));
    click(p, '#inc');
    await first;
    p.client.transport.stop();
    // Polled, not slept: on a loaded machine the grace timer fires late.
    expect(
      await eventually(
        () => server.stats().views,
        (n) => n === 0,
      ),
    ).toBe(0);
    const fresh = await page('/', p.cookie);
    expect((await fresh.next(mounted))['html']).toBeUndefined();
    expect(text(fresh, '#count')).toBe('0');
  });

  it('sends the HTML when a reconnect finds its view re-created, even at the same version', async () => {
    await start({ graceMs: 1000 });
    const response = await fetch(url);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const token = /data-live-token="([^"]+)"/.exec(await response.text())![1]!;
    const mountOnce = () =>
      new Promise<Record<string, unknown>>((resolve) => {
        const ws = new WebSocket(url.replace('http', 'ws') + '/_live/ws', { headers: { cookie, origin: url } });
        ws.on('open', () => ws.send(JSON.stringify({ t: 'mount', pv: 2, token, resume: 0 })));
        ws.on('message', (data) => {
          ws.close();
          resolve(JSON.parse(String(data)) as Record<string, unknown>);
        });
      });
    expect((await mountOnce())['html']).toBeUndefined();
    expect(
      await eventually(
        () => server.stats().views,
        (n) => n === 0,
      ),
    ).toBe(0);
    expect(await mountOnce()).toMatchObject({
      t: 'mounted',
      v: 0,
      html: expect.stringContaining('<p id="count">0</p>'),
    });
  });
});

describe('live server with a renderer object', () => {
  it('prepares, mounts and updates through the object it was given', async () => {
    const calls: string[] = [];
    const traced: LiveRenderer = {
      name: 'traced',
      prepare(template) {
        calls.push('prepare');
        return vdom.prepare(template);
      },
      render: (prepared, context) => vdom.render(prepared as never, context),
      mount(prepared, context) {
        calls.push('mount');
        return vdom.mount(prepared as never, context);
      },
    };
    await start({ renderer: traced });
    expect(calls).toEqual(['prepare']);
    const p = await page();
    await p.next(mounted);
    const patched = p.next(answer(1));
    click(p, '#inc');
    await patched;
    expect(text(p, '#count')).toBe('1');
    expect(calls).toEqual(['prepare', 'mount']);
  });
});

const rust = await loadRenderer('rust').then(
  () => null,
  (err: Error) => err.message,
);
if (rust) console.warn(`rust renderer test skipped: ${rust}`);

describe.skipIf(rust !== null)('live server with the rust renderer', () => {
  it('serves the same view through the napi renderer', async () => {
    await start({ renderer: 'rust' });
    const p = await page();
    await p.next(mounted);
    const patched = p.next(answer(1));
    click(p, '#inc');
    await patched;
    const second = p.next(answer(2));
    click(p, '#inc');
    await second;
    expect(text(p, '#count')).toBe('2');
    expect(Array.from(p.root.querySelectorAll('li'), (li) => li.textContent)).toEqual(['a', 'i1', 'i2']);
  });
});

describe('security', () => {
  function rawSocket(
    cookie: string,
    origin: string,
  ): Promise<{ ws: WebSocket; messages: Record<string, unknown>[]; closed: Promise<number> }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url.replace('http', 'ws') + '/_live/ws', { headers: { cookie, origin } });
      const messages: Record<string, unknown>[] = [];
      const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
      ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
      ws.on('open', () => resolve({ ws, messages, closed }));
      ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.on('error', reject);
    });
  }

  async function session(): Promise<{ cookie: string; token: string }> {
    const response = await fetch(url);
    const html = await response.text();
    return {
      cookie: response.headers.get('set-cookie')!.split(';')[0]!,
      token: /data-live-token="([^"]+)"/.exec(html)![1]!,
    };
  }

  it('refuses a forged token and a token of another session, and closes the socket', async () => {
    await start();
    const { cookie, token } = await session();
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const a = await rawSocket(cookie, url);
    a.ws.send(JSON.stringify({ t: 'mount', pv: 2, token: forged }));
    expect(await a.closed).toBe(4403);
    expect(a.messages).toEqual([{ t: 'error', code: 'forbidden', message: 'invalid or expired token' }]);

    const other = await session();
    const b = await rawSocket(other.cookie, url);
    b.ws.send(JSON.stringify({ t: 'mount', pv: 2, token }));
    expect(await b.closed).toBe(4403);
    expect(b.messages[0]).toMatchObject({ code: 'forbidden', message: 'token belongs to another session' });
  });

  it('refuses a second mount on one socket', async () => {
    await start();
    const { cookie, token } = await session();
    const s = await rawSocket(cookie, url);
    s.ws.send(JSON.stringify({ t: 'mount', pv: 2, token }));
    s.ws.send(JSON.stringify({ t: 'mount', pv: 2, token }));
    expect(await s.closed).toBe(4403);
    expect(s.messages.map((m) => m['t'])).toEqual(['mounted', 'error']);
  });

  it('checks the Origin of the upgrade', async () => {
    await start();
    const { cookie } = await session();
    await expect(rawSocket(cookie, 'http://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('refuses malformed messages, prototype keys and floods, and keeps serving', async () => {
    await start({ rate: { perSecond: 1, burst: 12 } });
    const { cookie, token } = await session();
    const s = await rawSocket(cookie, url);
    s.ws.send(JSON.stringify({ t: 'mount', pv: 2, token }));
    const bad = [
      'not json',
      '[]',
      '{"t":"event","ref":1,"name":"inc","params":{"__proto__":{"polluted":true}}}',
      '{"t":"event","ref":2,"name":"inc","params":{"a":{"constructor":{"prototype":1}}}}',
      '{"t":"event","ref":"x","name":"inc","params":{}}',
      '{"t":"nope"}',
      '{"t":"mount","pv":1,"token":"x"}',
    ];
    for (const frame of bad) s.ws.send(frame);
    s.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    s.ws.send(JSON.stringify({ t: 'event', ref: 3, name: 'inc', params: {} }));
    for (let i = 0; i < 15; i++) s.ws.send(JSON.stringify({ t: 'ping' }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const codes = s.messages.filter((m) => m['t'] === 'error').map((m) => m['code']);
    expect(codes.slice(0, 8)).toEqual([
      'bad_message',
      'bad_message',
      'bad_message',
      'bad_message',
      'bad_message',
      'bad_message',
      'version',
      'bad_message',
    ]);
    expect(codes).toContain('rate_limited');
    expect(s.messages.find((m) => m['ref'] === 3)).toMatchObject({ t: 'patch', v: 1 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('closes a socket that sends a frame over the size limit', async () => {
    await start({ maxMessageBytes: 1024 });
    const { cookie, token } = await session();
    const s = await rawSocket(cookie, url);
    s.ws.send(JSON.stringify({ t: 'event', ref: 1, name: 'inc', params: { big: 'x'.repeat(4096) } }));
    expect(await s.closed).toBe(1009);
    const t = await rawSocket(cookie, url);
    t.ws.send(JSON.stringify({ t: 'mount', pv: 2, token }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(t.messages[0]).toMatchObject({ t: 'mounted' });
  });
});

describe('heartbeat', () => {
  it('drops a socket that stops answering pings and releases its view', async () => {
    await start({ heartbeatMs: 25, graceMs: 10 });
    const response = await fetch(url);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const token = /data-live-token="([^"]+)"/.exec(await response.text())![1]!;
    // autoPong: false makes this client ignore pings, like a browser that vanished.
    const ws = new WebSocket(url.replace('http', 'ws') + '/_live/ws', {
      headers: { cookie, origin: url },
      autoPong: false,
    });
    const closed = new Promise((resolve) => ws.on('close', resolve));
    ws.on('open', () => ws.send(JSON.stringify({ t: 'mount', pv: 2, token, resume: 0 })));
    await closed;
    const stats = await eventually(
      () => server.stats(),
      (s) => s.views === 0 && s.sockets === 0,
    );
    expect(stats).toMatchObject({ views: 0, sockets: 0 });
  });
});
