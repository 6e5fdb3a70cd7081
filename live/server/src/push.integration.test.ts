// Integration: server push (timers and broadcasts) reaches happy-dom pages without any event.
import { afterEach, describe, expect, it } from 'vitest';
import { LiveView, declareView, type LiveServer } from './index.js';
import { eventually } from '../test/attacker.js';
import { click, openPage, startServer, text, type Page } from '../test/harness.js';

class Room extends LiveView {
  static override template = 'room.html';
  ticks = 0;
  said = '';

  override mount(): void {
    this.every(20, () => {
      if (this.ticks < 3) this.ticks += 1;
    });
    this.subscribe('room', (payload) => {
      this.said = String(payload);
    });
  }

  say(): void {
    this.broadcast('room', 'hello');
  }
}
declareView(Room, { events: { say: {} } });

const templates = {
  'room.html':
    '<p id="ticks">{{ ticks }}</p><p id="said">{{ said }}</p><button id="say" data-live-click="say">say</button>',
};

let server: LiveServer;
const pages: Page[] = [];
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close();
  await server?.close();
});

describe('server push', () => {
  it('sends the changes a timer makes, as versions without a ref', async () => {
    let url: string;
    ({ server, url } = await startServer({ '/': Room }, templates));
    const p = await openPage(url);
    pages.push(p);
    // The timer runs from the page's GET: on a slow machine some ticks land before the socket mounts.
    await eventually(
      () => text(p, '#ticks'),
      (t) => t === '3',
    );
    expect(text(p, '#ticks')).toBe('3');
    expect(p.received.filter((m) => m['t'] === 'patch').every((m) => m['ref'] === undefined)).toBe(true);
  });

  it('delivers a broadcast from one view to every subscribed view', async () => {
    let url: string;
    ({ server, url } = await startServer({ '/': Room }, templates));
    const a = await openPage(url);
    const b = await openPage(url);
    pages.push(a, b);
    await Promise.all([a.next((m) => m['t'] === 'mounted'), b.next((m) => m['t'] === 'mounted')]);
    const hello = (m: Record<string, unknown>) =>
      m['t'] === 'patch' && JSON.stringify(m['patches'] ?? []).includes('hello');
    const heard = Promise.all([a.next(hello), b.next(hello)]);
    click(a, '#say');
    await heard;
    expect(text(a, '#said')).toBe('hello');
    expect(text(b, '#said')).toBe('hello');
  });
});
