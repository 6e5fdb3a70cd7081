import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test/harness.js';
import { decodeTagged } from './tagged-json.js';
import { pyIter, pyLen } from './iterate.js';
import { renderValue } from '../render.js';

describe('{% for %} iteration against Django', () => {
  for (const c of fixtures.loops) {
    it(JSON.stringify(c.value), () => {
      let got: string;
      try {
        const items = pyIter(decodeTagged(c.value));
        got = items.length ? items.map((x) => renderValue(x, true) + ',').join('') : 'E';
      } catch (e) {
        got = e instanceof Error ? e.name : 'unknown';
      }
      expect(got).toBe(c.result);
    });
  }
});

describe('pyIter and pyLen', () => {
  it('iterates Sets, Maps and JS iterables', () => {
    expect(pyIter(new Set([1, 2]))).toEqual([1, 2]);
    expect(pyIter(new Map([['k', 1]]))).toEqual(['k']);
    expect(
      pyIter(
        (function* () {
          yield 'g';
        })(),
      ),
    ).toEqual(['g']);
  });
  it('copies arrays, so the caller may reverse them', () => {
    const a = [1, 2];
    const it2 = pyIter(a);
    it2.reverse();
    expect(a).toEqual([1, 2]);
  });
  it('names the Python type in the TypeError message', () => {
    expect(() => pyIter(3)).toThrow("'int' object is not iterable");
    expect(() => pyIter(1.5)).toThrow("'float' object is not iterable");
  });
  it('counts code points, keys and members', () => {
    expect(pyLen('😀é')).toBe(2);
    expect(pyLen({ a: 1, b: 2 })).toBe(2);
    expect(pyLen(new Set([1]))).toBe(1);
    expect(pyLen(5)).toBeUndefined();
    expect(pyLen(null)).toBeUndefined();
  });
});
