import { describe, expect, it } from 'vitest';
import { runOrmBench } from './orm.js';

describe('runOrmBench', () => {
  it('loads the book list with every strategy, verified against the naive page, with exact query counts', async () => {
    const lines: string[] = [];
    const { rows, unavailable } = await runOrmBench({
      quick: true,
      sizes: [10],
      dbs: ['sqlite'],
      log: (l) => lines.push(l),
    });
    expect(unavailable).toEqual([]);
    expect(rows.map((r) => [r.strategy, r.queries, r.verified])).toEqual([
      ['naive', 41, true],
      ['fetched', 4, true],
      ['joined', 1, true],
      ['auto', 2, true],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ scenario: 'book-list', rows: 10, db: 'sqlite', columnsUsed: 4 });
      expect(r.p50Ms).toBeGreaterThan(0);
    }
    expect(rows.find((r) => r.strategy === 'naive')?.columnsSelected).toBe(27);
    expect(rows.find((r) => r.strategy === 'auto')?.columnsSelected).toBe(10);
    expect(lines).toHaveLength(4);
  });
});
