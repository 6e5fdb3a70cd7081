import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { initialize } from 'objection';
import renderer from '@tessera/renderer-string';
import { buildLibrary, LIBRARY_MODELS, sqliteKnex, type Book } from '@tessera/datasets';
import { countQueries, naiveLoad, optimize, type Strategy } from './index.js';
import { page, type TestDatabase } from '../test/library.js';
import { openPgDatabase, PG_URL, pgUnreachable } from '../test/postgres.js';

/*
 * Property: for any book page built from the library's fields (columns, to-one chains, to-many loops, counts,
 * truthiness tests, declared getters, nested loops), every strategy renders exactly the naive page, and
 * never names a private or unshown personal column in SQL.
 */

const bookField = fc.constantFrom('b.title', 'b.year', 'b.isbn', 'b.price', 'b.byline', 'b.id');
const authorField = fc.constantFrom('b.author.name', 'b.author.initials', 'b.author.birth_year');
const publisherField = fc.constantFrom('b.publisher.name', 'b.publisher.city', 'b.publisher.books|length');
const tagPart = fc.constantFrom(
  '{% for t in b.tags %}{{ t.name }},{% endfor %}',
  '{{ b.tags|length }}',
  '{% if b.tags %}tagged{% else %}untagged{% endif %}',
  '{% for t in b.tags|dictsort:"slug" %}{{ t.slug }}{% endfor %}',
);
const reviewPart = fc.constantFrom(
  '{% for r in b.reviews %}{{ r.stars }}/{{ r.user.display_name }};{% empty %}none{% endfor %}',
  '{{ b.reviews|length }}',
  '{% with rs=b.reviews %}{% for r in rs %}{{ r.rating }}{% endfor %}{% endwith %}',
  '{% for r in b.reviews %}{{ r.user.username }}{% endfor %}',
);
const authorBooks = fc.constantFrom('', '{% for o in b.author.books %}{{ o.title }}|{% endfor %}');

const template = fc
  .tuple(
    fc.uniqueArray(bookField, { minLength: 1, maxLength: 3 }),
    fc.option(authorField),
    fc.option(publisherField),
    fc.option(tagPart),
    fc.option(reviewPart),
    authorBooks,
  )
  .map(([fields, author, publisher, tags, reviews, nested]) => {
    const parts = [...fields, author, publisher].filter((p) => p !== null).map((p) => `{{ ${p} }}`);
    return `{% for b in books %}${[...parts, tags ?? '', reviews ?? '', nested].join(' ')}\n{% endfor %}`;
  });

function equivalence(open: () => Promise<TestDatabase>): void {
  let database: TestDatabase;
  let knex: Knex;
  let BoundBook: typeof Book;

  beforeAll(async () => {
    database = await open();
    knex = database.knex;
    await buildLibrary(knex, 10);
    const bound = LIBRARY_MODELS.map((m) => m.bindKnex(knex));
    await initialize(knex, bound);
    BoundBook = bound.find((m) => m.tableName === 'books') as typeof Book;
  });
  afterAll(async () => {
    await database.close();
  });

  it('for random book pages, with every strategy', async () => {
    await fc.assert(
      fc.asyncProperty(template, fc.constantFrom<Strategy>('joined', 'fetched', 'auto'), async (source, strategy) => {
        const tpl = page(source);
        const query = () => BoundBook.query().orderBy('books.id').limit(6);
        const prepared = renderer.prepare(tpl);
        const expected = renderer.render(prepared, { books: await naiveLoad(query(), tpl, 'books') });
        const counter = countQueries(knex);
        const books = await optimize(query(), tpl, { variable: 'books', strategy, onWarning: () => undefined });
        counter.stop();
        expect(renderer.render(prepared, { books })).toBe(expected);
        for (const s of counter.statements)
          expect(s.sql).not.toMatch(/password_hash|["`]email["`]|summary|["`]bio["`]/);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
}

const unreachable = await pgUnreachable();

describe('optimized pages equal naive pages on SQLite', () => {
  equivalence(async () => {
    const knex = sqliteKnex(':memory:');
    return { knex, close: () => knex.destroy() };
  });
});

describe.skipIf(unreachable !== null)(`optimized pages equal naive pages on PostgreSQL at ${PG_URL}`, () => {
  equivalence(openPgDatabase);
});
