import { describe, expect, it } from 'vitest';
import { LOREM_COMMON_P, loremParagraphs, loremWords } from './lorem.js';

describe('lorem', () => {
  it('gives the common words deterministically', () => {
    expect(loremWords(3, true)).toBe('lorem ipsum dolor');
    expect(loremWords(19, true).split(' ')).toHaveLength(19);
    expect(loremWords(19, true).endsWith('magna aliqua')).toBe(true);
    expect(loremWords(0, true)).toBe('');
  });
  it('slices a negative count as Python does', () => {
    expect(loremWords(-17, true)).toBe('lorem ipsum');
  });
  it('adds random Latin words past the common ones', () => {
    const words = loremWords(30, true).split(' ');
    expect(words).toHaveLength(30);
    expect(words.slice(0, 2)).toEqual(['lorem', 'ipsum']);
    expect(loremWords(5, false).split(' ')).toHaveLength(5);
  });
  it('starts paragraphs with the common one', () => {
    const paras = loremParagraphs(3, true);
    expect(paras[0]).toBe(LOREM_COMMON_P);
    expect(paras).toHaveLength(3);
    expect(paras[1]).toMatch(/^[A-Z][a-z ,]+[.?]/);
    expect(loremParagraphs(1, false)[0]).not.toBe(LOREM_COMMON_P);
  });
});
