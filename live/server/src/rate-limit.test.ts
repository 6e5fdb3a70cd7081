import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst, then refills at the given rate', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take())).toEqual([true, true, true, false]);
    now = 100;
    expect([limiter.take(), limiter.take()]).toEqual([true, false]);
    now = 10_000;
    expect([1, 2, 3, 4].map(() => limiter.take())).toEqual([true, true, true, false]);
  });
});
