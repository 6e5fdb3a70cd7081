import { describe, expect, it } from 'vitest';
import { fixtureSuite } from '../../test/harness.js';
import { defaultRuntimeOptions } from '../options.js';
import { SafeString } from '../values/safe.js';
import { numberFilters } from './number.js';
import { applyFilter } from './spec.js';

// Expected outputs come from Django 5.2 (scripts/gen_fixtures.py).
fixtureSuite(Object.keys(numberFilters));

describe('floatformat with an int literal argument', () => {
  const env = { autoescape: true, options: defaultRuntimeOptions };
  const floatformat = (v: unknown, arg: unknown): unknown => {
    const spec = numberFilters['floatformat'];
    if (spec === undefined) throw new Error('no floatformat');
    return applyFilter(spec, v, arg, env);
  };
  const text = (v: unknown): string => (v instanceof SafeString ? v.value : String(v));

  it('pads without rounding where nothing needs rounding, as the Decimal path (a string argument) does', () => {
    const values = [
      663.75,
      851.6,
      268,
      0,
      -0,
      -0.5,
      0.0001,
      0.00012,
      1e-5,
      123456789012345.6,
      2 ** 53,
      2 ** 53 + 2,
      1e16,
      1e21,
      0.1 + 0.2,
      2.675,
      1.005,
      -1234.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.MIN_VALUE,
    ];
    for (const v of values) {
      for (const p of [1, 2, 3, 5, 17, 30, 0, -2]) {
        expect(text(floatformat(v, p)), `${v}|floatformat:${p}`).toBe(text(floatformat(v, new SafeString(String(p)))));
      }
    }
  });

  it('marks the result safe, as Django does', () => {
    expect(floatformat(663.75, 2)).toEqual(new SafeString('663.75'));
    expect(floatformat(268, 2)).toEqual(new SafeString('268.00'));
    expect(floatformat(2.675, 2)).toEqual(new SafeString('2.68'));
  });
});
