import { describe, expect, it } from 'vitest';
import { fixtureSuite } from '../../test/harness.js';
import { lookup } from '../values/lookup.js';
import { pyStr } from '../values/repr.js';
import { tagSequence } from '../values/model.js';
import { listFilters } from './list.js';

// Expected outputs come from Django 5.2 (scripts/gen_fixtures.py).
fixtureSuite(Object.keys(listFilters));

describe('slice of tuples and dict views', () => {
  // What Django 5.2.19 prints for {{ d.items|slice:":1" }}, {{ d.keys|slice:":1" }}, {{ t|slice:":1" }},
  // {{ d.values|slice:"1" }} with d = {'a': 1, 'b': 2}, t = (1, 2, 3) (autoescape off).
  const d = { a: 1, b: 2 };
  const slice = listFilters.slice!.fn as (value: unknown, arg: unknown) => unknown;
  it('returns a dict view whole, as Python cannot subscript it', () => {
    expect(pyStr(slice(lookup(d, 'items'), ':1'))).toBe("dict_items([('a', 1), ('b', 2)])");
    expect(pyStr(slice(lookup(d, 'keys'), ':1'))).toBe("dict_keys(['a', 'b'])");
    expect(pyStr(slice(lookup(d, 'values'), '1'))).toBe('dict_values([1, 2])');
  });
  it('slices a tuple to a tuple', () => {
    expect(pyStr(slice(tagSequence([1, 2, 3], 'tuple'), ':1'))).toBe('(1,)');
  });
});
