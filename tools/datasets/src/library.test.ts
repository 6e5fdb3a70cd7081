import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bookListContext,
  buildLibrary,
  generateLibrary,
  LIBRARY_TABLES,
  sqliteKnex,
  writeLibraryFixture,
} from './index.js';

describe('generateLibrary', () => {
  it('is deterministic for a size and seed, and differs with the seed', () => {
    expect(JSON.stringify(generateLibrary(50))).toBe(JSON.stringify(generateLibrary(50)));
    expect(JSON.stringify(generateLibrary(50, 1))).not.toBe(JSON.stringify(generateLibrary(50)));
  });

  it('sizes the other tables from the number of books', () => {
    const data = generateLibrary(1_000);
    expect(data.books).toHaveLength(1_000);
    expect(data.authors).toHaveLength(125);
    expect(data.publishers).toHaveLength(20);
    expect(data.users).toHaveLength(250);
    expect(data.tags).toHaveLength(20);
  });

  it('only references rows that exist, and has both empty and non-empty to-many lists', () => {
    const data = generateLibrary(200);
    const has = (rows: readonly { id: number }[], id: number) =>
      id >= 1 && id <= rows.length && rows[id - 1]?.id === id;
    for (const b of data.books)
      expect(has(data.authors, b.author_id) && has(data.publishers, b.publisher_id)).toBe(true);
    for (const r of data.reviews) expect(has(data.books, r.book_id) && has(data.users, r.user_id)).toBe(true);
    for (const t of data.book_tags) expect(has(data.books, t.book_id) && has(data.tags, t.tag_id)).toBe(true);
    const reviewed = new Set(data.reviews.map((r) => r.book_id));
    expect(reviewed.size).toBeGreaterThan(0);
    expect(reviewed.size).toBeLessThan(200);
    expect(new Set(data.book_tags.map((t) => `${String(t.book_id)}/${String(t.tag_id)}`)).size).toBe(
      data.book_tags.length,
    );
  });

  it.each([9, 100_001, 10.5, Number.NaN])('refuses %s books', (n) => {
    expect(() => generateLibrary(n)).toThrow(RangeError);
  });
});

describe('buildLibrary on SQLite', () => {
  it('writes every row, with foreign keys enforced', async () => {
    const knex = sqliteKnex(':memory:');
    try {
      const data = await buildLibrary(knex, 30);
      for (const table of LIBRARY_TABLES) {
        const [row] = await knex(table).count({ n: '*' });
        expect(Number(row?.['n'])).toBe(data[table].length);
      }
      await expect(knex('books').insert({ ...data.books[0], id: 999, author_id: 999 })).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await knex.destroy();
    }
  });
});

describe('bookListContext', () => {
  it('nests each book with its author, publisher, tags and reviews, and writes it as a JSON fixture', () => {
    const data = generateLibrary(20);
    const context = bookListContext(data);
    const first = context.books[0];
    const book = data.books[0];
    expect(first?.author.id).toBe(book?.author_id);
    expect(first?.tags.map((t) => t.id)).toEqual(data.book_tags.filter((l) => l.book_id === 1).map((l) => l.tag_id));
    expect(context.books.reduce((n, b) => n + b.reviews.length, 0)).toBe(data.reviews.length);
    const dir = mkdtempSync(join(tmpdir(), 'library-'));
    try {
      const path = writeLibraryFixture(20, dir);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(context);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
