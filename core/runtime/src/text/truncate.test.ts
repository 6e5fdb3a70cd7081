import { describe, expect, it } from 'vitest';
import { truncateChars } from './truncate.js';

describe('truncateChars', () => {
  it('counts ASCII text unit by unit, the ellipsis taking the last place', () => {
    const text = 'Ken Hamilton';
    expect([1, 2, 5, 11, 12, 13].map((n) => truncateChars(text, n))).toEqual([
      '…',
      'K…',
      'Ken …',
      'Ken Hamilt…',
      'Ken Hamilton',
      'Ken Hamilton',
    ]);
    expect(truncateChars('', 3)).toBe('');
    expect(truncateChars('abc', 0)).toBe('');
    expect(truncateChars('ab…', 2)).toBe('a…');
  });

  it('gives ASCII text what the character-by-character path gives text that needs it', () => {
    // The same texts with a combining mark after their first letter, a `q` (no precomposed form, so NFC
    // keeps the mark apart): the mark is not counted, so the cut falls at the same place.
    for (const text of ['quick brown fox', 'q b c d e f g', 'q']) {
      for (let n = 1; n <= text.length + 2; n++) {
        const ascii = truncateChars(text, n);
        const expected = ascii === '…' ? ascii : `q\u0301${ascii.slice(1)}`;
        expect(truncateChars(`q\u0301${text.slice(1)}`, n), `${text} ${n}`).toBe(expected);
      }
    }
  });
});
