import { describe, expect, it } from 'vitest';
import { retainedPerView } from './memory.js';

describe('retainedPerView', () => {
  it('counts what each result keeps alive, and nothing for results that keep nothing', () => {
    // 10,000 numbers in a packed double array: 80,000 bytes of elements per result.
    const big = retainedPerView(() => new Array<number>(10_000).fill(1.5), 20);
    expect(big).toBeGreaterThan(70_000);
    expect(big).toBeLessThan(200_000);
    const shared = new Array<number>(10_000).fill(1.5);
    expect(retainedPerView(() => shared, 20)).toBeLessThan(1_000);
  });
});
