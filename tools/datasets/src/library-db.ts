import type { Knex } from 'knex';
import { createRequire } from 'node:module';
import { generateLibrary, type LibraryData } from './library.js';

// knex is CommonJS, and bundlers and Node disagree on what its ESM default export is; require() does not.
const { knex: knexFactory } = createRequire(import.meta.url)('knex') as typeof import('knex');

/** Table names in creation order (a table only references tables before it). */
export const LIBRARY_TABLES = ['publishers', 'authors', 'users', 'books', 'tags', 'book_tags', 'reviews'] as const;

/** One of the library's tables. */
export type LibraryTable = (typeof LIBRARY_TABLES)[number];

// Rows per INSERT: SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535; 9 columns x 500 fits both.
const CHUNK = 500;

/**
 * Drops and recreates the library's tables through `knex` (any client: `better-sqlite3`, `pg`), with the
 * foreign keys and the indexes that the relation lookups use.
 */
export async function createLibrarySchema(knex: Knex): Promise<void> {
  for (const table of [...LIBRARY_TABLES].reverse()) await knex.schema.dropTableIfExists(table);
  await knex.schema.createTable('publishers', (t) => {
    t.integer('id').primary();
    t.string('name').notNullable();
    t.string('city').notNullable();
    t.integer('founded').notNullable();
  });
  await knex.schema.createTable('authors', (t) => {
    t.integer('id').primary();
    t.string('name').notNullable();
    t.text('bio').notNullable();
    t.integer('birth_year').notNullable();
    t.string('email').notNullable();
  });
  await knex.schema.createTable('users', (t) => {
    t.integer('id').primary();
    t.string('username').notNullable().unique();
    t.string('display_name').notNullable();
    t.string('email').notNullable();
    t.string('password_hash').notNullable();
    t.string('joined_on').notNullable();
  });
  await knex.schema.createTable('books', (t) => {
    t.integer('id').primary();
    t.string('title').notNullable();
    t.string('isbn').notNullable();
    t.integer('year').notNullable();
    t.integer('pages').notNullable();
    t.integer('price_cents').notNullable();
    t.text('summary').notNullable();
    t.integer('author_id').notNullable().references('authors.id').index();
    t.integer('publisher_id').notNullable().references('publishers.id').index();
  });
  await knex.schema.createTable('tags', (t) => {
    t.integer('id').primary();
    t.string('name').notNullable();
    t.string('slug').notNullable();
  });
  await knex.schema.createTable('book_tags', (t) => {
    t.integer('book_id').notNullable().references('books.id');
    t.integer('tag_id').notNullable().references('tags.id').index();
    t.primary(['book_id', 'tag_id']);
  });
  await knex.schema.createTable('reviews', (t) => {
    t.integer('id').primary();
    t.integer('book_id').notNullable().references('books.id').index();
    t.integer('user_id').notNullable().references('users.id').index();
    t.integer('rating').notNullable();
    t.text('body').notNullable();
    t.string('created_on').notNullable();
  });
}

/**
 * Writes a library into an empty schema made by `createLibrarySchema`, in one transaction, in chunks of
 * multi-row INSERTs.
 */
export async function insertLibrary(knex: Knex, data: LibraryData): Promise<void> {
  await knex.transaction(async (trx) => {
    for (const table of LIBRARY_TABLES) {
      const rows: readonly object[] = data[table];
      for (let i = 0; i < rows.length; i += CHUNK) await trx(table).insert(rows.slice(i, i + CHUNK));
    }
  });
}

/**
 * Creates the schema and fills it with `generateLibrary(books, seed)`; returns the data written, so a test
 * can compare what it reads back with what went in.
 */
export async function buildLibrary(knex: Knex, books: number, seed?: number): Promise<LibraryData> {
  const data = generateLibrary(books, seed);
  await createLibrarySchema(knex);
  await insertLibrary(knex, data);
  return data;
}

/**
 * A knex instance on a SQLite file (or `':memory:'`) through better-sqlite3, the embedded default.
 * Foreign keys are enforced, as on PostgreSQL.
 */
export function sqliteKnex(filename = ':memory:'): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      afterCreate: (conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) => {
        conn.pragma('foreign_keys = ON');
        done(null, conn);
      },
    },
  });
}
