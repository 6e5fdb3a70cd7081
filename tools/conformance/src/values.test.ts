import { describe, it, expect } from 'vitest';
import { isSafe } from '@tessera/runtime';
import { decodeContext } from './values.js';

describe('decodeContext', () => {
  it('turns $date into Date and $safe into SafeString, recursively', () => {
    const ctx = decodeContext({
      d: { $date: '2024-01-02T03:04:05Z' },
      l: [{ $safe: '<b>' }],
      o: { x: { $date: '2000-01-01T00:00:00+02:00' } },
    });
    expect(ctx['d']).toBeInstanceOf(Date);
    expect((ctx['d'] as Date).toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(isSafe((ctx['l'] as unknown[])[0])).toBe(true);
    expect(((ctx['o'] as Record<string, Record<string, Date>>)['x'] as unknown as Date).toISOString()).toBe(
      '1999-12-31T22:00:00.000Z',
    );
  });

  it('leaves ordinary values and multi-key objects alone', () => {
    expect(decodeContext({ a: 1, b: null, c: { $date: 'x', other: 1 } })).toEqual({
      a: 1,
      b: null,
      c: { $date: 'x', other: 1 },
    });
  });

  it('rejects malformed tags clearly', () => {
    expect(() => decodeContext({ d: { $date: 'not a date' } })).toThrow(/ISO 8601/);
    expect(() => decodeContext({ s: { $safe: 3 } })).toThrow(/needs a string/);
  });
});
