import { describe, expect, it } from 'vitest';
import { RateLimiters } from './client-rate.js';

describe('RateLimiters', () => {
  it('keeps one bucket per client and says how long to wait', () => {
    const limiters = new RateLimiters({ perSecond: 0.5, burst: 2 }, 100, () => 0);
    expect([limiters.take('a'), limiters.take('a'), limiters.take('a')]).toEqual([0, 0, 2]);
    expect(limiters.take('b')).toBe(0);
  });

  it('never tracks more than maxClients, forgetting the least recently seen', () => {
    const limiters = new RateLimiters({ perSecond: 1, burst: 1 }, 3, () => 0);
    for (let i = 0; i < 1000; i++) limiters.take(`client-${i}`);
    expect(limiters.size).toBe(3);
  });
});
