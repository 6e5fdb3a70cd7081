import { describe, expect, it } from 'vitest';
import { latencyStats, quantile } from './stats.js';

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20], 0.99)).toBeCloseTo(19.9);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBe(0);
  });
});

describe('latencyStats', () => {
  it('computes p50, p99, mean and a relative margin of error from unsorted samples', () => {
    const stats = latencyStats([3, 1, 2, 5, 4]);
    expect(stats.p50).toBe(3);
    expect(stats.mean).toBe(3);
    expect(stats.samples).toBe(5);
    // sd = sqrt(2.5), sem = sd / sqrt(5), t(4) = 2.776
    expect(stats.rme).toBeCloseTo((100 * 2.776 * Math.sqrt(2.5 / 5)) / 3, 3);
  });

  it('is all zeros without samples', () => {
    expect(latencyStats([])).toEqual({ p50: 0, p99: 0, mean: 0, rme: 0, samples: 0 });
  });
});
