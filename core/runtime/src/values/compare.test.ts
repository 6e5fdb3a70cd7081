import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test/harness.js';
import { decodeTagged } from './tagged-json.js';
import { pyCompare, pyEquals, pyIn, pyIs, pyNotIn } from './compare.js';
import { isTruthy } from './truthy.js';

function evaluate(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=':
      return !pyEquals(a, b);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return pyCompare(op, a, b);
    case 'in':
      return pyIn(a, b);
    case 'not in':
      return pyNotIn(a, b);
    case 'is':
      return pyIs(a, b);
    case 'is not':
      return !pyIs(a, b);
    default:
      throw new Error(`unknown op ${op}`);
  }
}

describe('{% if %} semantics against Django', () => {
  const { values, truthy, ops } = fixtures.conditions;
  const decoded = values.map(decodeTagged);
  it('covers every operator', () => {
    expect(Object.keys(ops).sort()).toEqual(['!=', '<', '<=', '==', '>', '>=', 'in', 'is', 'is not', 'not in']);
  });
  it('truthiness of every value', () => {
    expect(decoded.map((v) => (isTruthy(v) ? 'T' : 'F')).join('')).toBe(truthy);
  });
  for (const [op, want] of Object.entries(ops)) {
    it(`a ${op} b over ${decoded.length}x${decoded.length} pairs`, () => {
      const wrong: string[] = [];
      values.forEach((a, i) => {
        values.forEach((b, j) => {
          // Each operand decoded on its own, as the Django run did: `[] is []` compares two lists.
          const got = evaluate(op, decodeTagged(a), decodeTagged(b)) ? 'T' : 'F';
          const expected = want[i * decoded.length + j];
          if (got !== expected)
            wrong.push(`${JSON.stringify(values[i])} ${op} ${JSON.stringify(values[j])}: ${expected}`);
        });
      });
      expect(wrong).toEqual([]);
    });
  }
});

describe('comparisons by hand', () => {
  it('treats int and float as numbers, bool as int, never str as number', () => {
    expect(pyEquals(1, 1.0)).toBe(true);
    expect(pyEquals(true, 1)).toBe(true);
    expect(pyEquals('1', 1)).toBe(false);
    expect(pyCompare('<', 1, 'a')).toBe(false);
    expect(pyCompare('>=', 'b', 'a')).toBe(true);
  });
  it('compares strings by code point, not UTF-16 unit', () => {
    // U+FF61 sorts before U+1F600 by code point, after it by UTF-16 unit.
    expect(pyCompare('<', '\uff61', '😀')).toBe(true);
  });
  it('compares lists lexicographically and dicts deeply', () => {
    expect(pyCompare('<', [1, 2], [1, 3])).toBe(true);
    expect(pyCompare('<', [1], [1, 0])).toBe(true);
    expect(pyEquals({ a: [1, { b: null }] }, new Map([['a', [1, { b: undefined }]]]))).toBe(true);
  });
  it('survives self-referencing structures', () => {
    const a: unknown[] = [];
    a.push(a);
    const b: unknown[] = [];
    b.push(b);
    expect(() => pyEquals(a, b)).not.toThrow();
  });
  it('is false both ways for an invalid membership test', () => {
    expect(pyIn(1, 'abc')).toBe(false);
    expect(pyNotIn(1, 'abc')).toBe(false);
    expect(pyNotIn('z', 'abc')).toBe(true);
    expect(pyNotIn([1], { a: 1 })).toBe(false);
  });
  it('treats null, undefined as the same None', () => {
    expect(pyIs(null, undefined)).toBe(true);
    expect(pyIs(0, null)).toBe(false);
  });
});
