import { describe, expect, it } from 'vitest';
import { PY_REPR, pyFloatRepr, pyRepr, pyStr } from './repr.js';
import { markSafe } from '../html/escape.js';
import { MISSING, tagSequence } from './model.js';

// Expected strings are CPython 3.11's repr()/str() of the same values.
describe('pyStr', () => {
  it('prints None, bools and numbers as Python', () => {
    expect([null, true, false, 0, -0, 7, 1.5, -2.25].map(pyStr)).toEqual([
      'None',
      'True',
      'False',
      '0',
      '0',
      '7',
      '1.5',
      '-2.25',
    ]);
  });
  it('prints an unresolved lookup and undefined as the empty string_if_invalid', () => {
    expect(pyStr(MISSING)).toBe('');
    expect(pyStr(undefined)).toBe('');
    expect(pyStr([undefined, null])).toBe('[None, None]');
  });
  it('prints containers with the repr of their items', () => {
    expect(pyStr(['a', 1, null, [true], markSafe('<s>')])).toBe("['a', 1, None, [True], '<s>']");
    expect(pyStr({ a: 1, b: { c: 'd' } })).toBe("{'a': 1, 'b': {'c': 'd'}}");
    expect(pyStr(new Map<unknown, unknown>([[1, 'x']]))).toBe("{1: 'x'}");
    expect(pyStr(new Set([1, 2]))).toBe('{1, 2}');
    expect(pyStr(new Set())).toBe('set()');
    expect(pyStr(tagSequence(['a'], 'tuple'))).toBe("('a',)");
  });
  it('prints Dates as aware UTC datetimes', () => {
    expect(pyStr(new Date('2024-01-02T03:04:05.250Z'))).toBe('2024-01-02 03:04:05.250000+00:00');
    expect(pyStr(new Date('2024-01-02T03:04:05Z'))).toBe('2024-01-02 03:04:05+00:00');
    expect(pyRepr(new Date('2024-01-02T03:04:00Z'))).toBe(
      'datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)',
    );
  });
  it('prints objects through their PY_REPR hook', () => {
    const grouped = {
      grouper: 'Oslo',
      list: [{ name: 'Ann' }],
      [PY_REPR]: () => "GroupedResult(grouper='Oslo', list=[{'name': 'Ann'}])",
    };
    expect(pyStr([grouped])).toBe("[GroupedResult(grouper='Oslo', list=[{'name': 'Ann'}])]");
    expect(pyStr(grouped)).toBe("GroupedResult(grouper='Oslo', list=[{'name': 'Ann'}])");
  });
  it('prints self-containing lists as Python does', () => {
    const a: unknown[] = [1];
    a.push(a);
    expect(pyStr(a)).toBe('[1, [...]]');
  });
});

describe('pyFloatRepr', () => {
  const cases: [number, string][] = [
    [1e16, '1e+16'],
    [1e-5, '1e-05'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-0, '-0.0'],
    [123456789012345.6, '123456789012345.6'],
    [1e22, '1e+22'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0.0001, '0.0001'],
    [2, '2.0'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [Number.NaN, 'nan'],
  ];
  for (const [n, want] of cases) it(`${n} -> ${want}`, () => expect(pyFloatRepr(n)).toBe(want));
  it('makes integers beyond 2^53 floats, under the value model', () => {
    expect(pyStr(2 ** 53 - 1)).toBe('9007199254740991');
    expect(pyStr(2 ** 60)).toBe('1.152921504606847e+18');
  });
});

describe('pyRepr of strings', () => {
  it('chooses quotes as Python does', () => {
    expect(pyRepr("it's")).toBe('"it\'s"');
    expect(pyRepr('say "hi"')).toBe('\'say "hi"\'');
    expect(pyRepr('both \' "')).toBe("'both \\' \"'");
  });
  it('escapes what Python does not print', () => {
    expect(pyRepr('\x00\x7f\u00a0\u2028😀\t\\')).toBe("'\\x00\\x7f\\xa0\\u2028😀\\t\\\\'");
  });
});
