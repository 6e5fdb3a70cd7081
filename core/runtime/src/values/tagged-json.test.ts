import { describe, expect, it } from 'vitest';
import { isSafe } from './safe.js';
import { decodeTagged, decodeTaggedContext } from './tagged-json.js';

describe('decodeTagged', () => {
  it('turns $date into a Date, $safe into a SafeString and $float into a non-finite number, at any depth', () => {
    const v = decodeTagged({
      d: { $date: '2024-01-02T03:04:05Z' },
      l: [{ $safe: '<b>' }, { $float: 'nan' }, { $float: 'inf' }, { $float: '-inf' }],
      o: { x: { $date: '2000-01-01T00:00:00.250+02:00' } },
    }) as { d: Date; l: unknown[]; o: { x: Date } };
    expect(v.d).toBeInstanceOf(Date);
    expect(v.d.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(isSafe(v.l[0])).toBe(true);
    expect(String(v.l[0])).toBe('<b>');
    expect(v.l.slice(1)).toEqual([Number.NaN, Infinity, -Infinity]);
    expect(v.o.x.toISOString()).toBe('1999-12-31T22:00:00.250Z');
  });

  it('leaves scalars, multi-key objects and other $-keys as plain JSON', () => {
    expect(decodeTagged({ a: 1, b: null, c: { $date: 'x', other: 1 }, e: { $other: 1 }, f: 1.5 })).toEqual({
      a: 1,
      b: null,
      c: { $date: 'x', other: 1 },
      e: { $other: 1 },
      f: 1.5,
    });
    expect(decodeTagged('s')).toBe('s');
  });

  it('keeps a __proto__ key as data', () => {
    const v = decodeTagged(JSON.parse('{"__proto__": {"polluted": 1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses malformed payloads, naming the tag', () => {
    expect(() => decodeTagged({ $date: 'not a date' })).toThrow('{"$date": ...} needs an ISO 8601 date and time');
    expect(() => decodeTagged({ $date: '2024-01-02T03:04:05' })).toThrow(/with an offset/);
    expect(() => decodeTagged({ $date: '2024-13-45T03:04:05Z' })).toThrow(TypeError);
    expect(() => decodeTagged({ $date: 1 })).toThrow(TypeError);
    expect(() => decodeTagged({ $safe: 3 })).toThrow('{"$safe": ...} needs a string, got 3');
    // Finite floats are plain JSON numbers; only Python's reprs of the non-finite ones are tags.
    expect(() => decodeTagged({ $float: '1.5' })).toThrow('{"$float": ...} needs "nan", "inf" or "-inf", got "1.5"');
    expect(() => decodeTagged({ $float: 'Infinity' })).toThrow(TypeError);
  });
});

describe('decodeTaggedContext', () => {
  it('decodes each value of a context, never the context itself', () => {
    const ctx = decodeTaggedContext({ $safe: '<i>', when: { $date: '2024-01-02T03:04:05Z' } });
    expect(ctx['$safe']).toBe('<i>');
    expect(ctx['when']).toBeInstanceOf(Date);
  });
});
