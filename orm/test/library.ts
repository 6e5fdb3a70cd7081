import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { initialize } from 'objection';
import { compile, MemoryLoader, type Template } from '@tessera/template';
import renderer from '@tessera/renderer-string';
import {
  bookListContext,
  buildLibrary,
  LIBRARY_MODELS,
  type Book,
  type LibraryData,
  type Review,
} from '@tessera/datasets';
import {
  countQueries,
  naiveLoad,
  optimize,
  planFor,
  planStats,
  selectedColumns,
  type ModelClass,
  type NodePlan,
  type Strategy,
} from '../src/index.js';

/** The book list page of the bench: title, author name, publisher name, tag names, review count. */
export const BOOK_LIST = `{% for book in books %}<li>{{ book.title }} by {{ book.author.name }} ({{ book.publisher.name }})
[{% for tag in book.tags %}{{ tag.name }}{% if not forloop.last %}, {% endif %}{% endfor %}] {{ book.reviews|length }} reviews</li>
{% endfor %}`;

/** Reviews with a to-one chain two levels deep (`review.book.author`) and the reviewer's public name. */
export const REVIEW_LIST = `{% for r in reviews %}{{ r.stars }} {{ r.book.title }} by {{ r.book.author.name }}, {{ r.user.display_name }}
{% endfor %}`;

/** The library models bound to one knex instance. */
export interface BoundLibrary {
  readonly Book: typeof Book;
  readonly Review: typeof Review;
}

/** Compiles a one-file template. */
export function page(source: string): Template {
  return compile('page.html', new MemoryLoader({ 'page.html': source }));
}

function render(template: Template, context: Record<string, unknown>): string {
  return renderer.render(renderer.prepare(template), context);
}

function planNodes(plan: NodePlan): NodePlan[] {
  return [plan, ...[...plan.relations.values()].flatMap((r) => planNodes(r.plan))];
}

// Each loaded model carries exactly the planned columns (plus relation properties).
function loadedColumns(value: unknown, plan: NodePlan, out: Map<string, Set<string>>): Map<string, Set<string>> {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const model of list as Record<string, unknown>[]) {
    const cols = out.get(plan.path) ?? new Set<string>();
    for (const key of Object.keys(model)) if (!plan.relations.has(key) && !plan.counts.has(key)) cols.add(key);
    out.set(plan.path, cols);
    for (const [name, rel] of plan.relations) loadedColumns(model[name], rel.plan, out);
  }
  return out;
}

const REVIEW_SLICE = 100;

/** An empty database for one suite, and how to dispose of it. */
export interface TestDatabase {
  readonly knex: Knex;
  close(): Promise<void>;
}

/**
 * The exact-count, no-leak and same-page tests, run against one database at each size (`open()` gives an
 * empty database; the suite writes the library into it).
 */
export function librarySuite(db: string, sizes: readonly number[], open: () => Promise<TestDatabase>): void {
  for (const books of sizes) {
    describe(`${db}, ${String(books)} books`, () => {
      let database: TestDatabase;
      let knex: Knex;
      let lib: BoundLibrary;
      let data: LibraryData;
      const bookList = page(BOOK_LIST);
      const reviewList = page(REVIEW_LIST);

      beforeAll(async () => {
        database = await open();
        knex = database.knex;
        data = await buildLibrary(knex, books);
        const bound = LIBRARY_MODELS.map((m) => m.bindKnex(knex));
        // Objection reads table metadata on a model's first joined query: do it before anything is counted.
        await initialize(knex, bound);
        lib = {
          Book: bound.find((m) => m.tableName === 'books') as typeof Book,
          Review: bound.find((m) => m.tableName === 'reviews') as typeof Review,
        };
      });
      afterAll(async () => {
        await database.close();
      });

      async function measure(
        run: () => PromiseLike<unknown>,
      ): Promise<{ value: unknown; queries: number; sql: string[] }> {
        const counter = countQueries(knex);
        try {
          const value = await run();
          return { value, queries: counter.queries, sql: counter.statements.map((s) => s.sql) };
        } finally {
          counter.stop();
        }
      }

      const bookQuery = () => lib.Book.query().orderBy('books.id');
      // Naive loading costs 1 + 3 queries per review: a slice keeps the suite fast and still shows the growth.
      const reviewQuery = () => lib.Review.query().orderBy('reviews.id').limit(REVIEW_SLICE);
      // The naive pages are loaded once per database and size: they are the slow part of the suite.
      let naiveBooks: { value: unknown; queries: number; sql: string[] };
      let naiveReviews: { value: unknown; queries: number; sql: string[] };

      beforeAll(async () => {
        naiveBooks = await measure(() => naiveLoad(bookQuery(), bookList, 'books'));
        naiveReviews = await measure(() => naiveLoad(reviewQuery(), reviewList, 'reviews'));
      });

      it('naive loading grows with the rows: 1 + 4 queries per book, 1 + 3 per review', () => {
        expect(naiveBooks.queries).toBe(1 + 4 * books);
        expect(naiveReviews.queries).toBe(1 + 3 * Math.min(REVIEW_SLICE, data.reviews.length));
      });

      it.each<[Strategy, number]>([
        ['joined', 1],
        ['fetched', 4],
        ['auto', 2],
      ])('book list with %s: %i queries whatever the size', async (strategy, expected) => {
        const { queries } = await measure(() => optimize(bookQuery(), bookList, { variable: 'books', strategy }));
        expect(queries).toBe(expected);
      });

      it.each<[Strategy, number]>([
        ['joined', 1],
        ['fetched', 4],
        ['auto', 1],
      ])('review list (to-one chain review.book.author) with %s: %i queries', async (strategy, expected) => {
        const { queries } = await measure(() => optimize(reviewQuery(), reviewList, { variable: 'reviews', strategy }));
        expect(queries).toBe(expected);
      });

      it.each<Strategy>(['joined', 'fetched', 'auto'])(
        '%s renders the same pages as naive loading',
        async (strategy) => {
          const loaded = await optimize(bookQuery(), bookList, { variable: 'books', strategy });
          const expected = render(bookList, { books: naiveBooks.value });
          expect(expected.match(/<li>/g)).toHaveLength(books);
          expect(render(bookList, { books: loaded })).toBe(expected);
          const reviews = await optimize(reviewQuery(), reviewList, { variable: 'reviews', strategy });
          expect(render(reviewList, { reviews })).toBe(render(reviewList, { reviews: naiveReviews.value }));
        },
      );

      it.each<Strategy>(['joined', 'fetched', 'auto'])(
        '%s never names a private or unshown column in SQL',
        async (strategy) => {
          const { sql } = await measure(async () => {
            await optimize(bookQuery(), bookList, { variable: 'books', strategy });
            await optimize(reviewQuery(), reviewList, { variable: 'reviews', strategy });
          });
          expect(sql.length).toBeGreaterThan(0);
          for (const statement of sql) {
            expect(statement).not.toMatch(/password_hash|email|summary|isbn|\bbio\b/);
          }
          // The naive page does fetch them: the comparison is meaningful.
          expect(naiveReviews.sql.join('\n')).toMatch(/select ["`]users["`]\.\* from ["`]users["`]/);
        },
      );

      it.each<Strategy>(['joined', 'fetched', 'auto'])(
        '%s loads columnsUsed + keys and nothing else',
        async (strategy) => {
          for (const [template, variable, query] of [
            [bookList, 'books', bookQuery],
            [reviewList, 'reviews', reviewQuery],
          ] as const) {
            const plan = planFor(query().modelClass() as ModelClass, template, variable).root;
            const value = await optimize(query(), template, { variable, strategy });
            const loaded = loadedColumns(value, plan, new Map());
            for (const node of planNodes(plan)) {
              expect([...(loaded.get(node.path) ?? [])].sort()).toEqual(selectedColumns(node).sort());
              expect(selectedColumns(node).sort()).toEqual([...new Set([...node.used, ...node.keys])].sort());
            }
            const stats = planStats(plan);
            expect(stats.columnsSelected).toBe(stats.columnsUsed + stats.keyColumns);
          }
        },
      );

      // to-many under to-one (author.books), a count inside a joined relation (publisher.books|length).
      const nested = page(
        '{% for b in books %}{{ b.title }}: {{ b.publisher.books|length }} | {% for o in b.author.books %}{{ o.title }} {{ o.author.initials }};{% endfor %}\n{% endfor %}',
      );

      it.each<[Strategy, number]>([
        ['joined', 1],
        ['fetched', 5],
        ['auto', 3],
      ])('nested relations with %s: %i queries, the naive page', async (strategy, expected) => {
        const slice = () => bookQuery().limit(20);
        const { value, queries } = await measure(() => optimize(slice(), nested, { variable: 'books', strategy }));
        expect(queries).toBe(expected);
        const naive = render(nested, { books: await naiveLoad(slice(), nested, 'books') });
        expect(naive).toMatch(/: [1-9]\d* \| .+ [A-Z]\.[A-Z]\.;/);
        expect(render(nested, { books: value })).toBe(naive);
      });

      it('the JSON fixture of the same library renders the same book list page', () => {
        expect(render(bookList, { ...bookListContext(data) })).toBe(render(bookList, { books: naiveBooks.value }));
      });

      it('joined with limit and offset pages by books, not by joined tag rows', async () => {
        const naive = await naiveLoad(bookQuery().limit(3).offset(2), bookList, 'books');
        const { value, queries } = await measure(() =>
          optimize(bookQuery().limit(3).offset(2), bookList, { variable: 'books', strategy: 'joined' }),
        );
        expect(queries).toBe(1);
        expect((value as Book[]).map((b) => b.id)).toEqual([3, 4, 5]);
        expect(render(bookList, { books: value })).toBe(render(bookList, { books: naive }));
      });

      it.each<Strategy>(['fetched', 'auto'])('page() with %s: the page and its total', async (strategy) => {
        const naive = (await naiveLoad(bookQuery().page(1, 3), bookList, 'books')) as {
          results: unknown;
          total: number;
        };
        const { value, queries } = await measure(() =>
          optimize(bookQuery().page(1, 3), bookList, { variable: 'books', strategy }),
        );
        const loaded = value as { results: Book[]; total: number };
        expect(queries).toBe(strategy === 'auto' ? 3 : 5);
        expect(loaded.total).toBe(books);
        expect(loaded.results.map((b) => b.id)).toEqual([4, 5, 6]);
        expect(render(bookList, { books: loaded.results })).toBe(render(bookList, { books: naive.results }));
      });

      it('page() with joined and only to-one relations: one query plus the total', async () => {
        const q = () => lib.Review.query().orderBy('reviews.id').page(0, 5);
        const { value, queries } = await measure(() =>
          optimize(q(), reviewList, { variable: 'reviews', strategy: 'joined' }),
        );
        const loaded = value as { results: Review[]; total: number };
        expect(queries).toBe(2);
        expect(loaded.total).toBe(data.reviews.length);
        const naive = (await naiveLoad(q(), reviewList, 'reviews')) as { results: unknown };
        expect(render(reviewList, { reviews: loaded.results })).toBe(render(reviewList, { reviews: naive.results }));
      });

      it('page() with joined and a to-many relation is refused with a clear error', () => {
        expect(() => optimize(bookQuery().page(0, 3), bookList, { variable: 'books', strategy: 'joined' })).toThrow(
          /page\(\)\/range\(\) with strategy 'joined' and a to-many relation/,
        );
      });

      it('a single row (findById) is optimized too', async () => {
        const detail = page('{{ book.title }}: {% for r in book.reviews %}{{ r.user.display_name }} {% endfor %}');
        // A book with reviews, so the users query has ids to look for.
        const id = data.reviews[0]?.book_id ?? 0;
        const { value, queries } = await measure(() =>
          optimize(lib.Book.query().findById(id), detail, { variable: 'book' }),
        );
        expect(queries).toBe(3);
        const naive = await naiveLoad(lib.Book.query().findById(id), detail, 'book');
        expect(render(detail, { book: naive })).toMatch(/^[^:]+: \S/);
        expect(render(detail, { book: value })).toBe(render(detail, { book: naive }));
      });
    });
  }
}
