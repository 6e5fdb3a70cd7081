// Integration: views the client renders itself (@optimistic, @clientState) and client-side pacing
// (@debounce, @throttle), in happy-dom against the real server.
import { afterEach, describe, expect, it } from 'vitest';
import { EventRejected, LiveView, declareView, type JsonObject, type LiveServer } from './index.js';
import { click, openPage, startServer, text, type Page } from '../test/harness.js';

/** Mounted boards, so a test can let a parked `like` answer. */
const boards: Board[] = [];

class Board extends LiveView {
  static override template = 'board.html';
  tab = 'a';
  items = [
    { id: 1, likes: 5, locked: false },
    { id: 2, likes: 9, locked: true },
  ];
  query = '';
  searches = 0;
  _release: (() => void) | null = null;

  override mount(): void {
    boards.push(this);
  }

  async like(params: JsonObject): Promise<void> {
    const item = this.items[Number(params['index'])];
    // The test decides when the server answers, so it can look at the page in between.
    await new Promise<void>((resolve) => (this._release = resolve));
    if (!item || item.locked) throw new EventRejected('locked');
    item.likes += 1;
  }

  search(params: JsonObject): void {
    this.query = String(params['value']);
    this.searches += 1;
  }
}
declareView(Board, {
  events: {
    like: { optimistic: { 'items.{index}.likes': { add: 1 } } },
    search: { debounce: 40 },
  },
  clientState: ['tab'],
});

const templates = {
  'board.html':
    '<nav><a id="ta" data-live-set="tab" data-live-value="a">A</a><a id="tb" data-live-set="tab" data-live-value="b">B</a></nav>' +
    '{% if tab == "a" %}<section id="pa">{% for item in items %}<p id="likes{{ item.id }}">{{ item.likes }}</p>' +
    '<button id="like{{ item.id }}" data-live-click="like" data-live-param-index="{{ forloop.counter0 }}">like</button>{% endfor %}</section>' +
    '{% else %}<section id="pb">tab b, query {{ query }}</section>{% endif %}' +
    '<input id="q" name="q" value="{{ query }}" data-live-input="search"><p id="n">{{ searches }}</p>',
};

let server: LiveServer;
let url: string;
const pages: Page[] = [];
afterEach(async () => {
  boards.length = 0;
  for (const p of pages.splice(0)) await p.close();
  await server?.close();
});

/** The board on `renderer`: codegen sends a view module, vdom the template sources. */
async function board(renderer: 'codegen' | 'vdom'): Promise<Page> {
  ({ server, url } = await startServer({ '/': Board }, templates, { renderer }));
  const p = await openPage(url);
  pages.push(p);
  const ready = new Promise((resolve) => p.root.addEventListener('live:connected', resolve));
  const m = await p.next((msg) => msg['t'] === 'mounted');
  await ready;
  const local =
    renderer === 'codegen' ? { module: expect.stringMatching(/^\/_live\/view-[\w-]+\.js$/) } : { entry: 'board.html' };
  expect(m['local']).toMatchObject({ ...local, state: { tab: 'a', query: '' } });
  return p;
}

describe('view modules', () => {
  it('are served under /_live/ by content hash, cached for good; an unknown name is a 404', async () => {
    const p = await board('codegen');
    const local = (p.received.find((m) => m['t'] === 'mounted') as { local: { module: string } }).local;
    const response = await fetch(url + local.module);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await response.text();
    // The view's code, not its template: no template syntax, no compiler.
    expect(body).toContain('likes');
    expect(body).not.toMatch(/\{%|\{\{|TemplateSyntaxError/);
    for (const name of ['view-AAAAAAAAAAAAAAAAAAAAAA.js', 'view-..%2Fclient.js', 'view-a.js.map'])
      expect([name, (await fetch(`${url}/_live/${name}`)).status]).toEqual([name, 404]);
  });
});

// codegen sends the view's compiled module; vdom the template sources for the local renderer chunk.
describe.each(['codegen', 'vdom'] as const)('locally rendered views (%s)', (renderer) => {
  it('@clientState switches regions with no frame sent, and the server gets the value with the next event', async () => {
    const p = await board(renderer);
    const before = p.frames.length;
    click(p, '#tb');
    expect(p.root.querySelector('#pb')?.textContent).toBe('tab b, query ');
    expect(p.root.querySelector('#pa')).toBeNull();
    expect(p.frames.length).toBe(before);
    const input = p.root.querySelector('#q') as unknown as HTMLInputElement;
    input.value = 'x';
    const answered = p.next((m) => m['t'] === 'patch' && m['ref'] === 1);
    input.dispatchEvent(new p.window.Event('input', { bubbles: true }) as unknown as Event);
    await answered;
    expect(p.frames.at(-1)).toMatchObject({ t: 'event', name: 'search', params: { value: 'x' }, cs: { tab: 'b' } });
    expect(text(p, '#pb')).toBe('tab b, query x');
  });

  it('@optimistic shows the prediction at once, marks it pending, and keeps it when the server agrees', async () => {
    const p = await board(renderer);
    click(p, '#like1');
    expect(text(p, '#likes1')).toBe('6');
    // codegen's structure for this page is one slot (a branch at the root), patched as the root's HTML:
    // the client marks what changed in it, as vdom's patch of the text marks its element.
    expect(p.root.querySelector('#likes1')?.hasAttribute('data-live-pending')).toBe(true);
    expect(p.root.querySelector('#likes2')?.hasAttribute('data-live-pending')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const answered = p.next((m) => m['ref'] === 1);
    releaseLike();
    expect(await answered).toMatchObject({ t: 'patch', v: 1, state: { items: [{ likes: 6 }, { likes: 9 }] } });
    expect(text(p, '#likes1')).toBe('6');
    expect(p.root.querySelector('[data-live-pending]')).toBeNull();
  });

  it('@optimistic rolls back to the server truth when the handler rejects the event', async () => {
    const p = await board(renderer);
    click(p, '#like2');
    expect(text(p, '#likes2')).toBe('10');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const answered = p.next((m) => m['ref'] === 1);
    releaseLike();
    expect(await answered).toMatchObject({ t: 'error', code: 'handler', message: 'locked' });
    expect(text(p, '#likes2')).toBe('9');
    expect(p.root.querySelector('[data-live-pending]')).toBeNull();
  });

  it('@debounce sends one event, with the last value, after the input stops', async () => {
    const p = await board(renderer);
    const input = p.root.querySelector('#q') as unknown as HTMLInputElement;
    const answered = p.next((m) => m['t'] === 'patch' && m['ref'] === 1);
    for (const value of ['a', 'ab', 'abc']) {
      input.value = value;
      input.dispatchEvent(new p.window.Event('input', { bubbles: true }) as unknown as Event);
    }
    await answered;
    const events = p.frames.filter((f) => (f as { t: string }).t === 'event');
    expect(events).toEqual([{ t: 'event', ref: 1, name: 'search', params: { value: 'abc' }, cs: { tab: 'a' } }]);
    expect(text(p, '#n')).toBe('1');
  });

  function releaseLike(): void {
    for (const view of boards) view._release?.();
  }
});
