import type { Knex } from 'knex';
import { createRequire } from 'node:module';
import type { TestDatabase } from './library.js';

const { knex: createKnex } = createRequire(import.meta.url)('knex') as typeof import('knex');

/** The PostgreSQL server of the tests: `TESSERA_PG_URL`, or the one `scripts/ci-services.sh` starts. */
export const PG_URL = process.env['TESSERA_PG_URL'] ?? 'postgres://tessera:tessera@127.0.0.1:5432/tessera';

function pgKnex(searchPath?: string): Knex {
  return createKnex({
    client: 'pg',
    connection: PG_URL,
    pool: { min: 0, max: 2 },
    acquireConnectionTimeout: 3_000,
    ...(searchPath ? { searchPath: [searchPath] } : {}),
  });
}

/** Why the server cannot be used, or null when it answers. Prints the reason, since suites are then skipped. */
export async function pgUnreachable(): Promise<string | null> {
  const knex = pgKnex();
  try {
    await knex.raw('select 1');
    return null;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.warn(`PostgreSQL tests skipped: ${PG_URL} unreachable (${reason})`);
    return reason;
  } finally {
    await knex.destroy();
  }
}

let next = 0;

/**
 * An empty database in a fresh schema of its own (named after the process and a counter), so test files
 * running in parallel never share tables; `close()` drops it.
 */
export async function openPgDatabase(): Promise<TestDatabase> {
  const schema = `tessera_orm_${String(process.pid)}_${String(next++)}`;
  const admin = pgKnex();
  try {
    await admin.raw('drop schema if exists ?? cascade', [schema]);
    await admin.raw('create schema ??', [schema]);
  } finally {
    await admin.destroy();
  }
  const knex = pgKnex(schema);
  return {
    knex,
    close: async () => {
      await knex.raw('drop schema if exists ?? cascade', [schema]);
      await knex.destroy();
    },
  };
}
