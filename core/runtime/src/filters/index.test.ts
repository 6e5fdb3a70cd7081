import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test/harness.js';
import { markSafe } from '../html/escape.js';
import { SafeString } from '../values/safe.js';
import { applyFilter, builtinFilters } from './index.js';
import type { FilterSpec } from './spec.js';

describe('builtinFilters', () => {
  it('has exactly the filters of Django', () => {
    expect(Object.keys(builtinFilters).sort()).toEqual(Object.keys(fixtures.filters).sort());
    expect(Object.keys(builtinFilters)).toHaveLength(57);
  });
  for (const [name, want] of Object.entries(fixtures.filters)) {
    it(`${name}: arity and flags as Django registers them`, () => {
      const spec = builtinFilters[name];
      expect({
        arg: spec?.arg,
        isSafe: spec?.isSafe ?? false,
        needsAutoescape: spec?.needsAutoescape ?? false,
        expectsLocaltime: spec?.expectsLocaltime ?? false,
      }).toEqual(want);
    });
  }
  it('has no prototype, so internal names are not filters', () => {
    expect(builtinFilters['constructor']).toBeUndefined();
    expect(builtinFilters['toString']).toBeUndefined();
  });
  it('is frozen', () => {
    expect(Object.isFrozen(builtinFilters)).toBe(true);
  });
});

describe('applyFilter', () => {
  const env = { autoescape: true, options: { now: () => new Date(0), timezone: 'UTC' } };
  const upperSafe: FilterSpec = { fn: (v) => String(v).toUpperCase(), arg: 'none', isSafe: true };
  const upperUnsafe: FilterSpec = { fn: (v) => String(v).toUpperCase(), arg: 'none' };
  it('marks the result safe when an is_safe filter gets a SafeString', () => {
    expect(applyFilter(upperSafe, markSafe('<b>'), undefined, env)).toEqual(new SafeString('<B>'));
  });
  it('leaves the result alone for plain input or a filter that is not is_safe', () => {
    expect(applyFilter(upperSafe, '<b>', undefined, env)).toBe('<B>');
    expect(applyFilter(upperUnsafe, markSafe('<b>'), undefined, env)).toBe('<B>');
  });
});
