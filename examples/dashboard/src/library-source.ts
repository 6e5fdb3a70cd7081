/**
 * The search over the SQLite library database through `@tessera/orm`, when those packages are built.
 * They are optional dependencies of the demo: loaded by dynamic import, and `null` (the in-memory sample
 * list is used, and says so on the page) when they are missing.
 */
import { fileURLToPath } from 'node:url';
import { compile } from '@tessera/template';
import { FileSystemLoader } from '@tessera/template/node';
import type { BookHit, SearchSource } from './search.js';

/** How many books the demo database holds. */
const BOOKS = 2_000;

/** The slice of `@tessera/datasets` this module uses. */
interface Datasets {
  sqliteKnex(filename?: string): unknown;
  buildLibrary(knex: unknown, books: number): Promise<unknown>;
  readonly Book: {
    knex(knex: unknown): void;
    query(): {
      where(column: string, op: string, value: string): { orderBy(c: string): { limit(n: number): unknown } };
    };
  };
}

/** The slice of `@tessera/orm` this module uses. */
interface Orm {
  optimize(query: unknown, template: unknown, options: { variable: string }): PromiseLike<unknown[]>;
}

const templates = fileURLToPath(new URL('../templates/', import.meta.url));

/** An optional dependency of the demo, or null when it is not installed or does not load. */
async function importOptional<T>(name: '@tessera/datasets' | '@tessera/orm'): Promise<T | null> {
  try {
    // import-check: @tessera/datasets @tessera/orm
    return (await import(name)) as T;
  } catch {
    return null;
  }
}

/** The library search, or null when `@tessera/datasets` or `@tessera/orm` is not available. */
export async function librarySource(): Promise<SearchSource | null> {
  const datasets = await importOptional<Datasets>('@tessera/datasets');
  const orm = await importOptional<Orm>('@tessera/orm');
  if (!datasets || !orm) return null;
  const knex = datasets.sqliteKnex(':memory:');
  await datasets.buildLibrary(knex, BOOKS);
  datasets.Book.knex(knex);
  // The query loads exactly the columns the template shows for `results` (id, title, author.name).
  const template = compile('dashboard.html', new FileSystemLoader(templates));
  return {
    label: `Searching ${BOOKS.toLocaleString('en')} book titles in the SQLite library database, loaded through @tessera/orm.`,
    async search(query, limit) {
      // LIKE wildcards typed by the user are dropped rather than escaped (SQLite needs an ESCAPE clause).
      const pattern = `%${query.trim().replace(/[%_]/g, '')}%`;
      const rows = await orm.optimize(
        datasets.Book.query().where('books.title', 'like', pattern).orderBy('books.id').limit(limit),
        template,
        { variable: 'results' },
      );
      // Objection models are class instances; view state holds plain JSON.
      return JSON.parse(JSON.stringify(rows)) as BookHit[];
    },
  };
}
