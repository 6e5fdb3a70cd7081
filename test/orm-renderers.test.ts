/**
 * The ORM optimizer's own output (Objection model instances with their relations loaded, getters on the
 * model classes) rendered by all four renderers: the same page, byte for byte, for every loading strategy,
 * and through a live document of the Rust renderer updated with freshly fetched models.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import codegen from '@tessera/renderer-codegen';
import rust from '@tessera/renderer-rust';
import string from '@tessera/renderer-string';
import vdom from '@tessera/renderer-vdom';
import { buildLibrary, LIBRARY_MODELS, sqliteKnex, type Book } from '@tessera/datasets';
import { loadContext, optimize, type Strategy } from '@tessera/orm';
import { compile, MemoryLoader, type Renderer } from '@tessera/template';

// Columns, to-one and to-many relations, counted relations, getters of two model classes (one reading a
// relation), and a dictsort and a regroup through a getter and a relation.
const PAGE = `{% for book in books %}<li data-key="{{ book.id }}">{{ book.title }} ({{ book.price }}) {{ book.byline }}
 by {{ book.author.name }} [{{ book.author.initials }}] of {{ book.publisher.name }}:
 {% for tag in book.tags %}{{ tag.name }}{% if not forloop.last %}, {% endif %}{% endfor %};
 {{ book.reviews|length }} review{{ book.reviews|length|pluralize }}{% if book.reviews %}, reviewed{% endif %}</li>
{% endfor %}{% for b in books|dictsort:"price" %}{{ b.price }} {% endfor %}
{% regroup books|dictsort:"publisher.name" by publisher.name as pubs %}{% for p in pubs %}{{ p.grouper }}={{ p.list|length }};{% endfor %}`;

const template = compile('books.html', new MemoryLoader({ 'books.html': PAGE }));
const renderers: readonly Renderer[] = [string, codegen, vdom, rust];

function renderAll(context: Record<string, unknown>): string[] {
  return renderers.map((r) => r.render(r.prepare(template), context));
}

describe('ORM output through every renderer', () => {
  let knex: ReturnType<typeof sqliteKnex>;
  let BookModel: typeof Book;

  beforeAll(async () => {
    knex = sqliteKnex(':memory:');
    await buildLibrary(knex, 24);
    const bound = LIBRARY_MODELS.map((m) => m.bindKnex(knex));
    BookModel = bound.find((m) => m.tableName === 'books') as typeof Book;
  });
  afterAll(async () => {
    await knex.destroy();
  });

  const query = () => BookModel.query().orderBy('books.id').limit(12);

  it.each<Strategy>(['joined', 'fetched', 'auto'])('renders the same page from %s loading', async (strategy) => {
    const books = (await optimize(query(), template, { variable: 'books', strategy })) as Book[];
    // Objection model instances, not plain rows: class instances with Objection's own machinery.
    expect(books[0]).toBeInstanceOf(BookModel);
    expect(typeof books[0]?.author?.$query).toBe('function');
    const pages = renderAll({ books });
    expect(pages[0]).toContain(`${books[0]?.title ?? '?'} (${books[0]?.price ?? '?'})`);
    expect(pages[0]).toContain(`[${books[0]?.author?.initials ?? '?'}]`);
    for (const page of pages.slice(1)) expect(page).toBe(pages[0]);
  });

  it('renders loadContext output the same way, and the same page as naive loading', async () => {
    const context = await loadContext(template, { books: query() });
    const pages = renderAll(context);
    for (const page of pages.slice(1)) expect(page).toBe(pages[0]);
    const naive = await query().withGraphFetched('[author, publisher, tags, reviews]');
    expect(string.render(string.prepare(template), { books: naive })).toBe(pages[0]);
  });

  it('updates a live Rust document with freshly fetched models', async () => {
    const prepared = rust.prepare(template);
    const first = await optimize(query(), template, { variable: 'books' });
    const doc = rust.mount(prepared, { books: first });
    expect(doc.html).toBe(string.render(string.prepare(template), { books: first }));
    await knex('books')
      .where('id', (first as Book[])[0]?.id ?? 0)
      .update({ title: 'A New Title', price_cents: 1 });
    const again = await optimize(query(), template, { variable: 'books' });
    const patches = doc.set({ books: again });
    expect(patches.length).toBeGreaterThan(0);
    expect(doc.html).toBe(string.render(string.prepare(template), { books: again }));
    expect(doc.html).toContain('A New Title (0.01)');
  });
});
