import { describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createRequire } from 'node:module';
import { librarySuite } from './test-support/library.js';

const { knex: createKnex } = createRequire(import.meta.url)('knex') as typeof import('knex');

const PG_URL = process.env['TESSERA_PG_URL'] ?? 'postgres://tessera:tessera@127.0.0.1:5432/tessera';
const IN_CI = process.env['CI'] === 'true';
// Each size gets its own schema, so this file never touches tables of other tests or other runs in parallel.
const SCHEMA_PREFIX = `tessera_orm_${String(process.pid)}`;

function pgKnex(searchPath?: string): Knex {
  return createKnex({
    client: 'pg',
    connection: PG_URL,
    pool: { min: 0, max: 2 },
    acquireConnectionTimeout: 3_000,
    ...(searchPath ? { searchPath: [searchPath] } : {}),
  });
}

async function reachable(): Promise<string | null> {
  const knex = pgKnex();
  try {
    await knex.raw('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await knex.destroy();
  }
}

const unreachable = await reachable();
if (unreachable) console.warn(`PostgreSQL tests skipped: ${PG_URL} unreachable (${unreachable})`);

describe('PostgreSQL availability', () => {
  it('is reachable under CI (scripts/ci-services.sh starts it)', () => {
    // Outside CI an unreachable server only skips the PostgreSQL suites; under CI it is a failure.
    if (IN_CI) expect(unreachable, `PostgreSQL at ${PG_URL}`).toBeNull();
    else expect(typeof unreachable === 'string' || unreachable === null).toBe(true);
  });
});

describe.skipIf(unreachable !== null)(`PostgreSQL at ${PG_URL}`, () => {
  let next = 0;
  librarySuite('postgres', [10, 1_000], async () => {
    const schema = `${SCHEMA_PREFIX}_${String(next++)}`;
    const admin = pgKnex();
    await admin.raw('drop schema if exists ?? cascade', [schema]);
    await admin.raw('create schema ??', [schema]);
    await admin.destroy();
    const knex = pgKnex(schema);
    return {
      knex,
      close: async () => {
        await knex.raw('drop schema if exists ?? cascade', [schema]);
        await knex.destroy();
      },
    };
  });
});
