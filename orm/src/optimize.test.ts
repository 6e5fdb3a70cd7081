import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { initialize } from 'objection';
import renderer from '@tessera/renderer-string';
import { buildLibrary, LIBRARY_MODELS, sqliteKnex, type Book } from '@tessera/datasets';
import { countQueries, FieldRefusedError, loadContext, naiveLoad, optimize, TemplateAnalysisError } from './index.js';
import { page } from '../test/library.js';

let knex: Knex;
let BoundBook: typeof Book;

beforeAll(async () => {
  knex = sqliteKnex(':memory:');
  await buildLibrary(knex, 10);
  const bound = LIBRARY_MODELS.map((m) => m.bindKnex(knex));
  await initialize(knex, bound);
  BoundBook = bound.find((m) => m.tableName === 'books') as typeof Book;
});
afterAll(async () => {
  await knex.destroy();
});

const books = () => BoundBook.query().orderBy('books.id');

async function sqlOf(run: () => PromiseLike<unknown>): Promise<string[]> {
  const counter = countQueries(knex);
  try {
    await run();
    return counter.statements.map((s) => s.sql);
  } finally {
    counter.stop();
  }
}

describe('optimize on hostile templates', () => {
  const hostile = page(
    '{% for b in books %}{{ b.publisher.owner.name }}{{ b.constructor.name }}{{ b.valueOf }}{{ b.title }}{% endfor %}',
  );

  it('never puts a template name that the schema does not know into SQL', async () => {
    const warnings: string[] = [];
    const sql = await sqlOf(() =>
      optimize(books(), hostile, { variable: 'books', onWarning: (w) => warnings.push(w) }),
    );
    expect(sql).toHaveLength(1);
    expect(sql[0]).not.toMatch(/owner|constructor|valueOf/);
    expect(warnings).toHaveLength(3);
  });

  it('in strict mode refuses before running any query', async () => {
    const sql = await sqlOf(async () => {
      expect(() => optimize(books(), hostile, { variable: 'books', strict: true })).toThrow(FieldRefusedError);
    });
    expect(sql).toEqual([]);
  });

  it('refuses templates whose reads cannot be known', () => {
    expect(() => optimize(books(), page('{% debug %}'), { variable: 'books' })).toThrow(TemplateAnalysisError);
  });

  it('refuses a query that is not a find', () => {
    expect(() => optimize(BoundBook.query().delete() as never, page('{{ x }}'), { variable: 'x' })).toThrow(TypeError);
  });
});

describe('declared fields and fallbacks render the same page as naive loading', () => {
  it.each(['joined', 'fetched', 'auto'] as const)('%s', async (strategy) => {
    const template = page(
      '{% for b in books %}{{ b.byline }} {{ b.price }} {{ b.age }} {% for r in b.reviews %}{{ r.stars }}{% endfor %}\n{% endfor %}',
    );
    const warnings: string[] = [];
    const loaded = await optimize(books(), template, {
      variable: 'books',
      strategy,
      onWarning: (w) => warnings.push(w),
    });
    const naive = await naiveLoad(books(), template, 'books');
    const prepared = renderer.prepare(template);
    const expected = renderer.render(prepared, { books: naive });
    expect(expected).toMatch(/, by [A-Z][a-z]+ .* \d+\.\d\d \d+ /);
    expect(renderer.render(prepared, { books: loaded })).toBe(expected);
    expect(warnings).toEqual([expect.stringContaining('books.age: Book.age is a getter')]);
  });
});

describe('loadContext', () => {
  it('optimizes each query for the variable it is bound to and passes other values through', async () => {
    const template = page(
      '<h1>{{ title }}</h1>{% for b in books %}<i>{{ b.title }}/{{ b.author.name }}</i>{% endfor %}',
    );
    const sql = await sqlOf(async () => {
      const context = await loadContext(
        template,
        { title: 'All books', books: books().limit(3) },
        { strategy: 'joined' },
      );
      const html = renderer.render(renderer.prepare(template), context);
      const naive = await naiveLoad(books().limit(3), template, 'books');
      expect(html).toBe(renderer.render(renderer.prepare(template), { title: 'All books', books: naive }));
      expect(html.match(/<i>/g)).toHaveLength(3);
    });
    expect(sql[0]).toMatch(
      /^select `books`\.`id`, `books`\.`title`, `books`\.`author_id`, `author`\.`id` as `author:id`/,
    );
  });
});
