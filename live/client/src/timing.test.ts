import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from './timing.js';

describe('Pacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('debounce sends only the last call, once the calls stop', () => {
    const pacer = new Pacer();
    const sent: string[] = [];
    for (const v of ['a', 'ab', 'abc']) {
      pacer.schedule('search', { debounce: 500 }, () => sent.push(v));
      vi.advanceTimersByTime(200);
    }
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(sent).toEqual(['abc']);
  });

  it('throttle sends the first call at once and the last of each window at its end', () => {
    const pacer = new Pacer(() => Date.now());
    const sent: number[] = [];
    for (let i = 1; i <= 5; i++) {
      pacer.schedule('move', { throttle: 100 }, () => sent.push(i));
      vi.advanceTimersByTime(30);
    }
    vi.advanceTimersByTime(200);
    expect(sent).toEqual([1, 4, 5]);
  });

  it('sends unpaced calls at once and cancel drops waiting ones', () => {
    const pacer = new Pacer();
    const sent: string[] = [];
    pacer.schedule('click', undefined, () => sent.push('now'));
    pacer.schedule('search', { debounce: 50 }, () => sent.push('later'));
    pacer.cancel();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual(['now']);
  });
});
