import { describe, expect, it } from 'vitest';
import { markSafe } from '../html/escape.js';
import { isTruthy } from './truthy.js';
import { MISSING } from './model.js';

describe('isTruthy', () => {
  it('is false for Python falsy values', () => {
    for (const v of [
      null,
      undefined,
      MISSING,
      false,
      0,
      -0,
      '',
      [],
      {},
      new Map(),
      new Set(),
      markSafe(''),
      Object.create(null) as object,
    ]) {
      expect([v, isTruthy(v)]).toEqual([v, false]);
    }
  });
  it('is true for the rest, NaN and class instances included', () => {
    for (const v of [
      true,
      1,
      -1,
      Number.NaN,
      'a',
      ' ',
      [0],
      { a: 0 },
      new Map([[0, 0]]),
      markSafe('x'),
      new Date(0),
      () => 0,
      new (class {})(),
    ]) {
      expect([v, isTruthy(v)]).toEqual([v, true]);
    }
  });
});
