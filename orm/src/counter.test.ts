import { describe, expect, it } from 'vitest';
import { sqliteKnex } from '@tessera/datasets';
import { countQueries } from './counter.js';

describe('countQueries', () => {
  it('counts statements and returned rows until reset or stopped', async () => {
    const knex = sqliteKnex(':memory:');
    try {
      await knex.schema.createTable('t', (t) => t.integer('id'));
      const counter = countQueries(knex);
      await knex('t').insert([{ id: 1 }, { id: 2 }, { id: 3 }]);
      await knex('t').select('id').where('id', '>', 1);
      expect(counter.queries).toBe(2);
      expect(counter.rows).toBe(2);
      expect(counter.statements[1]).toEqual({ sql: 'select `id` from `t` where `id` > ?', bindings: [1] });
      counter.reset();
      await knex('t').select('id');
      expect([counter.queries, counter.rows]).toEqual([1, 3]);
      counter.stop();
      await knex('t').select('id');
      expect(counter.queries).toBe(1);
    } finally {
      await knex.destroy();
    }
  });
});
