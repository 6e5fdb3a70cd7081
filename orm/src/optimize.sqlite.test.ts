import { sqliteKnex } from '@tessera/datasets';
import { librarySuite } from '../test/library.js';

// SQLite needs nothing installed: an in-memory database per size.
librarySuite('sqlite', [10, 1_000], async () => {
  const knex = sqliteKnex(':memory:');
  return { knex, close: () => knex.destroy() };
});
