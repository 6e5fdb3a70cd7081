// End-to-end: the dashboard example in real Chromium (Debian's package at /usr/bin/chromium), driven by
// playwright-core. Without Chromium these tests are skipped with the reason, except under CI=true,
// where a missing browser is a failure.
import { chromium, type Browser, type Page, type WebSocket as PageSocket } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard } from '@tessera/example-dashboard';
import type { LiveServer } from '@tessera/live';
import { CHROMIUM, CHROMIUM_ARGS as ARGS, chromiumMissing } from './chromium.js';

const missing = chromiumMissing();
if (missing && process.env['CI'] !== 'true') console.warn(`e2e skipped: ${missing}`);

if (missing !== null && process.env['CI'] === 'true') {
  describe('browser end-to-end (CI)', () => {
    it('has Chromium', () => {
      expect(missing).toBeNull();
    });
  });
}

/** A page on the dashboard with every WebSocket frame it sends and receives, parsed. */
interface Session {
  readonly page: Page;
  readonly sent: Record<string, unknown>[];
  readonly received: Record<string, unknown>[];
  readonly sockets: PageSocket[];
}

// The dashboard runs with the default renderer (codegen's compiled live engine), the vdom reference, and the
// napi renderer when it is built.
const rustMissing = await import('@tessera/renderer-rust').then(
  () => null,
  () => 'renderers/rust is not built',
);
if (rustMissing && !missing) console.warn(`e2e with the rust renderer skipped: ${rustMissing}`);
const renderers = rustMissing ? (['codegen', 'vdom'] as const) : (['codegen', 'vdom', 'rust'] as const);

describe.skipIf(missing !== null).each(renderers)('dashboard in Chromium (%s renderer)', (renderer) => {
  let browser: Browser;
  let server: LiveServer;
  let url: string;
  const sessions: Session[] = [];

  beforeAll(async () => {
    // playwright-core gives every launch a fresh temporary profile (its own --user-data-dir).
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    server = await createDashboard({ likeDelayMs: 300, renderer });
    url = await server.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.page.context().close();
  });

  async function open(): Promise<Session> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const session: Session = { page, sent: [], received: [], sockets: [] };
    page.on('websocket', (socket) => {
      session.sockets.push(socket);
      socket.on('framesent', (f) => session.sent.push(JSON.parse(String(f.payload)) as Record<string, unknown>));
      socket.on('framereceived', (f) =>
        session.received.push(JSON.parse(String(f.payload)) as Record<string, unknown>),
      );
    });
    await page.addInitScript(() => {
      const w = window as unknown as { liveConnected: number };
      w.liveConnected = 0;
      document.addEventListener('live:connected', () => (w.liveConnected += 1), true);
    });
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { liveConnected: number }).liveConnected >= 1);
    sessions.push(session);
    return session;
  }

  const events = (s: Session) => s.sent.filter((m) => m['t'] === 'event');

  it('@debounce: typing sends one event after typing stops', async () => {
    const s = await open();
    await s.page.click('#tab-search');
    await s.page.locator('#search').pressSequentially('dune', { delay: 30 });
    await s.page.waitForFunction(() => document.querySelector('#result-count')?.textContent?.includes('dune'));
    expect(events(s)).toHaveLength(1);
    expect(events(s)[0]).toMatchObject({ name: 'search', params: { value: 'dune' }, cs: { tab: 'search' } });
    expect(await s.page.textContent('#results')).toContain('Dune');
    expect(await s.page.inputValue('#search')).toBe('dune');
    expect(await s.page.evaluate(() => document.activeElement?.id)).toBe('search');
  });

  it('@optimistic: the like shows before the server replies, and is confirmed', async () => {
    const s = await open();
    const shown = await s.page.evaluate(() => {
      (document.querySelector('#like-1') as HTMLButtonElement).click();
      const likes = document.querySelector('#likes-1')!;
      return { text: likes.textContent, pending: likes.hasAttribute('data-live-pending') };
    });
    expect(shown).toEqual({ text: '13', pending: true });
    expect(s.received.some((m) => m['ref'] === 1)).toBe(false);
    await s.page.waitForFunction(() => !document.querySelector('[data-live-pending]'));
    expect(s.received.find((m) => m['ref'] === 1)).toMatchObject({ t: 'patch' });
    expect(await s.page.textContent('#likes-1')).toBe('13');
    expect(await s.page.textContent('#like-1')).toBe('Liked');
  });

  it('@optimistic: rolls back when the server rejects the event', async () => {
    const s = await open();
    const shown = await s.page.evaluate(() => {
      (document.querySelector('#like-3') as HTMLButtonElement).click();
      return document.querySelector('#likes-3')!.textContent;
    });
    expect(shown).toBe('4');
    await s.page.waitForFunction(() => document.querySelector('#likes-3')?.textContent === '3');
    expect(s.received.find((m) => m['ref'] === 1)).toMatchObject({ t: 'error', code: 'handler' });
    expect(await s.page.textContent('#like-3')).toBe('Like');
    expect(await s.page.locator('[data-live-pending]').count()).toBe(0);
  });

  it('@clientState: switching tabs sends zero WebSocket frames', async () => {
    const s = await open();
    const before = s.sent.length;
    await s.page.click('#tab-about');
    await s.page.waitForSelector('#about-panel');
    await s.page.click('#tab-items');
    await s.page.waitForSelector('#items-panel');
    expect(await s.page.getAttribute('#tab-items', 'class')).toContain('active');
    expect(s.sent.length - before).toBe(0);
  });

  it('a dropped socket reconnects and the page keeps its state', async () => {
    const s = await open();
    await s.page.click('#like-2');
    await s.page.waitForFunction(() => !document.querySelector('[data-live-pending]'));
    await s.page.click('#tab-about');
    server.terminateSockets();
    await s.page.waitForFunction(() => (window as unknown as { liveConnected: number }).liveConnected >= 2);
    expect(s.sockets.length).toBe(2);
    expect(await s.page.isVisible('#about-panel')).toBe(true);
    await s.page.click('#tab-items');
    expect(await s.page.textContent('#likes-2')).toBe('8');
    await s.page.click('#like-4');
    await s.page.waitForFunction(() => !document.querySelector('[data-live-pending]'));
    expect(await s.page.textContent('#likes-4')).toBe('22');
    expect(await s.page.textContent('#likes-2')).toBe('8');
  });

  it('a forged token is refused', async () => {
    const s = await open();
    const result = await s.page.evaluate(
      () =>
        new Promise<{ code: number; messages: unknown[] }>((resolve) => {
          const token = document.querySelector('[data-live-token]')!.getAttribute('data-live-token')!;
          const [body] = token.split('.');
          const payload = JSON.parse(atob(body!.replace(/-/g, '+').replace(/_/g, '/')));
          payload.instance = 'someone-else';
          const forgedBody = btoa(JSON.stringify(payload)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
          const forged = `${forgedBody}.${token.split('.')[1]}`;
          const messages: unknown[] = [];
          const ws = new WebSocket(`ws://${location.host}/_live/ws`);
          ws.onopen = () => ws.send(JSON.stringify({ t: 'mount', pv: 2, token: forged }));
          ws.onmessage = (e) => messages.push(JSON.parse(e.data as string));
          ws.onclose = (e) => resolve({ code: e.code, messages });
        }),
    );
    expect(result.code).toBe(4403);
    expect(result.messages).toEqual([{ t: 'error', code: 'forbidden', message: 'invalid or expired token' }]);
  });
});
