import { describe, expect, it } from 'vitest';
import { librarySuite } from '../test/library.js';
import { openPgDatabase, PG_URL, pgUnreachable } from '../test/postgres.js';

const unreachable = await pgUnreachable();

describe('PostgreSQL availability', () => {
  // Outside CI an unreachable server only skips the PostgreSQL suites (the reason is printed); under CI it fails.
  it.runIf(process.env['CI'] === 'true')('is reachable under CI (scripts/ci-services.sh starts it)', () => {
    expect(unreachable, `PostgreSQL at ${PG_URL}`).toBeNull();
  });
});

describe.skipIf(unreachable !== null)(`PostgreSQL at ${PG_URL}`, () => {
  librarySuite('postgres', [10, 1_000], openPgDatabase);
});
