import { describe, expect, it } from 'vitest';
import { compile, MemoryLoader, type TemplateIR } from '@tessera/template';
import { Book, Review } from '@tessera/datasets';
import { FieldRefusedError } from './errors.js';
import { planFor } from './optimize.js';
import { planStats, selectedColumns, type NodePlan } from './plan.js';

function tpl(source: string): TemplateIR {
  return compile('page.html', new MemoryLoader({ 'page.html': source })).ir;
}

function shape(plan: NodePlan): unknown {
  return {
    used: [...plan.used].sort(),
    keys: [...plan.keys].sort(),
    counts: [...plan.counts.keys()],
    relations: Object.fromEntries([...plan.relations].map(([name, rel]) => [name, shape(rel.plan)])),
  };
}

const BOOK_LIST =
  '{% for b in books %}{{ b.title }} {{ b.author.name }} {{ b.publisher.name }}{% for t in b.tags %}{{ t.name }}{% endfor %}{{ b.reviews|length }}{% endfor %}';

describe('planQuery', () => {
  it('selects used columns plus the keys each relation joins on, and counts a to-many read only for its size', () => {
    const { root, warnings } = planFor(Book, tpl(BOOK_LIST), 'books');
    expect(warnings).toEqual([]);
    expect(shape(root)).toEqual({
      used: ['title'],
      keys: ['author_id', 'id', 'publisher_id'],
      counts: ['reviews'],
      relations: {
        author: { used: ['name'], keys: ['id'], counts: [], relations: {} },
        publisher: { used: ['name'], keys: ['id'], counts: [], relations: {} },
        tags: { used: ['name'], keys: ['id'], counts: [], relations: {} },
      },
    });
    expect(selectedColumns(root)).toEqual(['id', 'title', 'author_id', 'publisher_id']);
    expect(planStats(root)).toEqual({
      columnsUsed: 4,
      keyColumns: 6,
      columnsSelected: 10,
      relationsLoaded: 3,
      relationsCounted: 1,
    });
  });

  it('loads rows of a to-many relation that is both counted and iterated', () => {
    const { root } = planFor(
      Book,
      tpl('{{ book.tags|length }}{% for t in book.tags %}{{ t.slug }}{% endfor %}'),
      'book',
    );
    expect(root.counts.size).toBe(0);
    expect([...(root.relations.get('tags')?.plan.used ?? [])]).toEqual(['slug']);
  });

  it('counts a to-many relation read through Django-style .count, warning that it renders empty', () => {
    const { root, warnings } = planFor(Book, tpl('{{ book.reviews.count }}'), 'book');
    expect([...root.counts.keys()]).toEqual(['reviews']);
    expect(root.relations.size).toBe(0);
    expect(warnings).toEqual([expect.stringContaining('book.reviews.count: Objection loads relations as arrays')]);
  });

  it('expands declared fields into the paths they read, relations included', () => {
    const { root, warnings } = planFor(Book, tpl('{{ book.byline }} {{ book.price }}'), 'book');
    expect(warnings).toEqual([]);
    expect([...root.used].sort()).toEqual(['price_cents', 'title']);
    expect([...(root.relations.get('author')?.plan.used ?? [])]).toEqual(['name']);
  });

  it('falls back to the full public row, with a warning, for an undeclared getter', () => {
    const { root, warnings } = planFor(Book, tpl('{{ book.age }}'), 'book');
    expect(warnings).toEqual([expect.stringMatching(/book\.age: Book\.age is a getter .* loading full rows of books/)]);
    expect(selectedColumns(root)).toEqual(Book.jsonSchema.properties ? Object.keys(Book.jsonSchema.properties) : []);
  });

  it('refuses a private column even when the template names it', () => {
    expect(() =>
      planFor(Review, tpl('{% for r in reviews %}{{ r.user.password_hash }}{% endfor %}'), 'reviews'),
    ).toThrow(new FieldRefusedError('reviews.user.password_hash', 'private column of users'));
  });

  it('loads a non-private personal column only when the template shows it', () => {
    const shown = planFor(Review, tpl('{% for r in reviews %}{{ r.user.email }}{% endfor %}'), 'reviews').root;
    const hidden = planFor(Review, tpl('{% for r in reviews %}{{ r.user.display_name }}{% endfor %}'), 'reviews').root;
    expect(shown.relations.get('user')?.plan.used.has('email')).toBe(true);
    expect(selectedColumns(hidden.relations.get('user')?.plan ?? hidden)).toEqual(['id', 'display_name']);
  });
});

describe('hostile templates', () => {
  it.each([
    ['{{ book.publisher.owner.name }}', 'book.publisher.owner'],
    ['{{ book.constructor.name }}', 'book.constructor'],
    ['{{ book.toJSON }}', 'book.toJSON'],
    ['{{ book.hasOwnProperty }}', 'book.hasOwnProperty'],
    ['{{ book.title.upper }}{{ book.nonexistent_column }}', 'book.nonexistent_column'],
  ])('%s: unknown names are warned about and never loaded, or refused in strict mode', (source, path) => {
    const { root, warnings } = planFor(Book, tpl(source), 'book');
    expect(warnings).toEqual([expect.stringContaining(`${path}: no column, relation or declared field of`)]);
    expect(planStats(root).columnsUsed).toBeLessThanOrEqual(1);
    expect(() => planFor(Book, tpl(source), 'book', { strict: true })).toThrow(FieldRefusedError);
  });

  it('refuses __proto__ and prototype names even from a hand-built IR the frontend would reject', () => {
    const path = ['book', '__proto__', 'polluted'];
    const ir: TemplateIR = {
      irVersion: 1,
      name: 'evil.html',
      body: [
        {
          kind: 'output',
          id: 1,
          loc: { template: 'evil.html', line: 1, col: 1 },
          deps: [path.join('.')],
          expr: { base: { kind: 'var', path }, filters: [] },
        },
      ],
      partials: {},
      deps: [path.join('.')],
      sources: ['evil.html'],
    };
    expect(() => planFor(Book, ir, 'book', { strict: true })).toThrow(
      'book.__proto__: no column, relation or declared field',
    );
    const { root } = planFor(Book, ir, 'book');
    expect(selectedColumns(root)).toEqual(['id']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses paths deeper than maxDepth relations', () => {
    const deep = tpl('{{ book.author.books.author.books.author.books.author.name }}');
    expect(() => planFor(Book, deep, 'book')).toThrow(
      'book.author.books.author.books.author.books.author: deeper than 6 relations',
    );
    expect(planFor(Book, deep, 'book', { maxDepth: 8 }).warnings).toEqual([]);
  });
});
