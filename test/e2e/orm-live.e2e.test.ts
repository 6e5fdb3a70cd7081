// End-to-end: a live page of the Rust renderer backed by the ORM, in real Chromium (Debian's package at
// /usr/bin/chromium). The page is mounted from the Objection models `optimize()` loads (relations loaded,
// getters on the model classes), the database changes, the models are fetched again, `doc.set()` answers
// with patches, and @tessera/dom-patch applies them in the browser: the DOM must equal a fresh render each
// time. Without Chromium these tests are skipped with the reason, except under CI=true, where a missing
// browser is a failure.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLibrary, LIBRARY_MODELS, sqliteKnex, type Book } from '@tessera/datasets';
import { optimize } from '@tessera/orm';
import { compile, MemoryLoader } from '@tessera/template';
import { CHROMIUM, CHROMIUM_ARGS as ARGS, chromiumMissing } from './chromium.js';

const missing = chromiumMissing();
if (missing && process.env['CI'] !== 'true') console.warn(`ORM e2e skipped: ${missing}`);
if (missing !== null && process.env['CI'] === 'true') {
  describe('ORM live page end-to-end (CI)', () => {
    it('has Chromium', () => {
      expect(missing).toBeNull();
    });
  });
}

const rust = await import('@tessera/renderer-rust').then(
  (m) => m.default,
  () => null,
);
if (rust === null && !missing) console.warn('ORM e2e skipped: renderers/rust is not built');

const PAGE = `<h1>{{ title }}</h1>
<ul>{% for book in books %}
  <li data-key="{{ book.id }}"><b>{{ book.title }}</b> {{ book.price }} — {{ book.byline }} [{{ book.author.initials }}]
    <i>{% for tag in book.tags %}{{ tag.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</i>
    {{ book.reviews|length }} review{{ book.reviews|length|pluralize }}</li>{% endfor %}
</ul>`;

// The patch applier, served to the page as the ES modules it is built as.
const domPatchDist = dirname(fileURLToPath(import.meta.resolve('@tessera/dom-patch')));

function shell(html: string, anchors: unknown): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>books</title></head><body><main id="root">${html}</main>
<script type="module">
import { AnchorMap, applyPatches } from '/dom-patch/index.js';
const root = document.getElementById('root');
const anchors = new AnchorMap(root, ${JSON.stringify(anchors)});
window.applyLive = (patches) => applyPatches(root, patches, anchors);
window.liveReady = true;
</script></body></html>`;
}

describe.skipIf(missing !== null || rust === null)('a live page over ORM models, rendered by rust, in Chromium', () => {
  const template = compile('books.html', new MemoryLoader({ 'books.html': PAGE }));
  let knex: ReturnType<typeof sqliteKnex>;
  let BookModel: typeof Book;
  let browser: Browser;
  let server: Server;
  let page: Page;
  let body = '';

  const load = async (): Promise<Book[]> =>
    await optimize(BookModel.query().where('books.year', '>=', 1900).orderBy('books.id').limit(8), template, {
      variable: 'books',
    });

  beforeAll(async () => {
    knex = sqliteKnex(':memory:');
    await buildLibrary(knex, 30);
    const bound = LIBRARY_MODELS.map((m) => m.bindKnex(knex));
    BookModel = bound.find((m) => m.tableName === 'books') as typeof Book;
    server = createServer((req, res) => {
      const file = /^\/dom-patch\/([a-z-]+\.js)$/.exec(req.url ?? '')?.[1];
      if (file) {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(readFileSync(join(domPatchDist, file)));
        return;
      }
      res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.url === '/' ? body : 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await knex?.destroy();
  });

  // The page's DOM, and a fresh render of the same context parsed by the browser, as the same markup.
  async function dom(): Promise<string> {
    return page.evaluate(() => {
      const copy = document.getElementById('root')!.cloneNode(true) as HTMLElement;
      copy.normalize();
      return copy.innerHTML;
    });
  }
  async function parsed(html: string): Promise<string> {
    return page.evaluate((h) => {
      const el = document.createElement('main');
      el.innerHTML = h;
      return el.innerHTML;
    }, html);
  }

  it('mounts from the models and follows the database through patches', async () => {
    if (rust === null) throw new Error('unreachable: skipped without the addon');
    const prepared = rust.prepare(template);
    const first = await load();
    const doc = rust.mount(prepared, { title: 'Books', books: first });
    body = shell(doc.html, doc.anchors);
    const address = server.address();
    await page.goto(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`);
    await page.waitForFunction(() => (window as unknown as { liveReady?: boolean }).liveReady === true);
    expect(await dom()).toBe(await parsed(doc.html));
    expect(await page.textContent('li')).toContain(first[0]?.byline ?? '?');

    const steps: (() => Promise<unknown>)[] = [
      () =>
        knex('books')
          .where('id', first[0]?.id ?? 0)
          .update({ title: 'Renamed by SQL', price_cents: 999 }),
      () =>
        knex('books')
          .where('id', first[1]?.id ?? 0)
          .update({ year: 1800 }),
      () =>
        knex('authors')
          .where('id', first[2]?.author_id ?? 0)
          .update({ name: 'Zed Quux' }),
      () =>
        knex('reviews')
          .where('book_id', first[3]?.id ?? 0)
          .delete(),
    ];
    for (const change of steps) {
      await change();
      const books = await load();
      const patches = doc.set({ books });
      expect(patches.length).toBeGreaterThan(0);
      await page.evaluate((p) => (window as unknown as { applyLive(p: unknown): void }).applyLive(p), patches);
      const fresh = rust.render(prepared, { title: 'Books', books });
      expect(doc.html).toBe(fresh);
      expect(await dom()).toBe(await parsed(fresh));
    }
    const text = await page.textContent('#root');
    expect(text).toContain('Renamed by SQL');
    expect(text).toContain('9.99');
    expect(text).toContain('Z.Q.');
    expect(text).not.toContain(first[1]?.title ?? '?');
  });
});
