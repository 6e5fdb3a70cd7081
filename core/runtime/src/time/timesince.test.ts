import { describe, expect, it } from 'vitest';
import { applyFilter, builtinFilters } from '../filters/index.js';
import { timesince, timeuntil } from './timesince.js';

const now = new Date('2024-03-05T14:07:09Z');

describe('timesince', () => {
  it('uses calendar months and adjacent units (Django docs examples)', () => {
    expect(timesince(new Date('2013-02-10T00:00:00Z'), new Date('2014-03-10T00:00:00Z'))).toBe(
      '1\u00a0year, 1\u00a0month',
    );
    expect(timesince(new Date('2024-03-01T10:07:09Z'), now)).toBe('4\u00a0days, 4\u00a0hours');
    expect(timesince(new Date('2024-02-20T14:07:09Z'), now)).toBe('2\u00a0weeks');
  });
  it('is 0 minutes for the future and timeuntil is its mirror', () => {
    expect(timesince(new Date('2025-01-01T00:00:00Z'), now)).toBe('0\u00a0minutes');
    expect(timeuntil(new Date('2024-03-05T15:07:09Z'), now)).toBe('1\u00a0hour');
  });
  it('reads the clock from the runtime options when the filter has no argument', () => {
    const env = { autoescape: true, options: { now: () => now, timezone: 'UTC' } };
    const spec = builtinFilters['timesince'];
    expect(spec).toBeDefined();
    if (spec)
      expect(applyFilter(spec, new Date('2024-03-05T12:00:00Z'), undefined, env)).toBe('2\u00a0hours, 7\u00a0minutes');
  });
});
