import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrng } from './fixtures-prng.js';
import { dashboardContext, fixtureContext, rowsContext } from './fixtures.js';
import { fixtureFileName, writeFixture } from './fixtures-files.js';

describe('createPrng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('keeps int() inside its bounds', () => {
    const prng = createPrng(7);
    for (let i = 0; i < 1000; i++) {
      const n = prng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });
});

describe('dashboardContext', () => {
  it('is deterministic and has the requested number of items', () => {
    const ctx = dashboardContext(100);
    expect(ctx).toEqual(dashboardContext(100));
    expect(ctx.items).toHaveLength(100);
    expect(ctx.items.map((item) => item.id)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('variant b keeps the ids and changes the values', () => {
    const a = dashboardContext(50, 'a');
    const b = dashboardContext(50, 'b');
    expect(b.items.map((item) => item.id)).toEqual(a.items.map((item) => item.id));
    const sameNames = a.items.filter((item, i) => item.name === b.items[i]?.name).length;
    expect(sameNames).toBeLessThan(5);
    expect(b.user.name === a.user.name && b.active_count === a.active_count).toBe(false);
  });
});

describe('variant a1', () => {
  it('changes exactly one scalar', () => {
    const a = dashboardContext(20);
    const a1 = dashboardContext(20, 'a1');
    expect(a1).toEqual({ ...a, active_count: a.active_count + 1 });
    const rows = rowsContext(20);
    expect(rowsContext(20, 'a1')).toEqual({ ...rows, title: `${rows.title} (updated)` });
  });
});

describe('rowsContext', () => {
  const ctx = rowsContext(1000);

  it('gives floats with non-zero cents, so Python and JS agree on their type', () => {
    for (const row of ctx.rows) {
      expect(Number.isInteger(row.price)).toBe(false);
      expect(Math.round(row.price * 100) / 100).toBe(row.price);
    }
  });

  it('has names on both sides of truncatechars:12 and some that need escaping', () => {
    expect(ctx.rows.some((row) => row.name.length > 12)).toBe(true);
    expect(ctx.rows.some((row) => row.name.length <= 12)).toBe(true);
    expect(ctx.rows.some((row) => row.name.includes('&'))).toBe(true);
  });

  it('is shared by the three row scenarios', () => {
    expect(fixtureContext('static', 10)).toEqual(fixtureContext('filtered', 10));
  });

  it('rejects a bad size', () => {
    expect(() => rowsContext(-1)).toThrow(RangeError);
    expect(() => dashboardContext(1.5)).toThrow(/non-negative integer/);
  });
});

describe('writeFixture', () => {
  it('writes the context as plain JSON under a predictable name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-fixtures-'));
    try {
      const path = writeFixture('dashboard', 10, 'b', dir);
      expect(path).toBe(join(dir, fixtureFileName('dashboard', 10, 'b')));
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(dashboardContext(10, 'b'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
