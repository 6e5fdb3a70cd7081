import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('draws uniformly below an exponentially growing ceiling, capped', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 100, 1000, () => 0.999999))).toEqual([99, 199, 399, 799]);
    expect(backoffDelay(10, 100, 1000, () => 0.5)).toBe(500);
    expect(backoffDelay(100, 100, 1000, () => 0)).toBe(0);
  });
});
