import fc from 'fast-check';
import { describe, it } from 'vitest';
import { escapeHtml, markSafe } from './html/escape.js';
import { applyFilter, builtinFilters } from './filters/index.js';
import { lookup } from './values/lookup.js';
import { MISSING } from './values/model.js';
import { pyFloatRepr } from './values/repr.js';
import { renderValue } from './render.js';

// Python exception names a filter may raise, as Django's would; anything else is a bug.
const PYTHON_ERRORS = new Set([
  'TypeError',
  'ValueError',
  'AttributeError',
  'KeyError',
  'IndexError',
  'ZeroDivisionError',
  'OverflowError',
  'SuspiciousOperation',
  'AssertionError',
]);

const json = fc.jsonValue({ maxDepth: 3 });
const value = fc.oneof(
  json,
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      '<',
      '>',
      '&',
      ';',
      '#',
      'a',
      ' ',
      '/',
      '!',
      '-',
      '"',
      "'",
      '=',
      'b',
      'r',
      '\n',
      'p',
      '.',
      ':',
      '@',
    ),
    maxLength: 60,
  }),
  fc.double(),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  fc.string().map(markSafe),
);
const arg = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: -5, max: 30 }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('2g', '-3', ':2', 'Y-m-d', 'yes,no', 'name', '%s', '.2f'),
);

describe('properties', () => {
  it('every filter either returns a printable value or throws a Python-named error', () => {
    const env = {
      autoescape: true,
      options: { now: () => new Date('2024-01-01T00:00:00Z'), timezone: 'Europe/Paris' },
    };
    const names = Object.keys(builtinFilters);
    fc.assert(
      fc.property(fc.constantFrom(...names), value, arg, (name, v, a) => {
        const spec = builtinFilters[name];
        if (!spec) return false;
        try {
          const out = applyFilter(spec, v, spec.arg === 'none' ? undefined : a, env);
          return typeof renderValue(out, true, env.options) === 'string';
        } catch (e) {
          return e instanceof Error && PYTHON_ERRORS.has(e.name);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('escaped text never contains markup characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => !/[<>"']|&(?!amp;|lt;|gt;|quot;|#x27;)/.test(escapeHtml(s))),
    );
  });

  it('float reprs read back as the same number', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (x) => Object.is(Number(pyFloatRepr(x)), x) || (x === 0 && Number(pyFloatRepr(x)) === 0),
      ),
    );
  });

  it('a lookup on data never reaches anything but the data', () => {
    fc.assert(
      fc.property(json, fc.string({ maxLength: 20 }), (data, seg) => {
        const got = lookup(data, seg);
        if (got === MISSING) return true;
        if (typeof data === 'object' && data !== null && !Array.isArray(data))
          return Object.hasOwn(data, seg) || ['items', 'keys', 'values'].includes(seg);
        if (Array.isArray(data)) return /^\d+$/.test(seg);
        return typeof data === 'string' || typeof data === 'number' || typeof data === 'boolean';
      }),
    );
  });
});
