import { describe, expect, it } from 'vitest';
import { formatDate, formatTime } from './dateformat.js';

const paris = { now: () => new Date(0), timezone: 'Europe/Paris' };
const d = new Date('2024-07-14T20:05:09.5Z');

// The date and time filters are checked against Django in filters/date.test.ts; these pin the API itself.
describe('formatDate / formatTime', () => {
  it('formats in the options time zone, with backslash escapes', () => {
    expect(formatDate(d, 'l jS \\o\\f F Y, H:i:s.u T', paris)).toBe('Sunday 14th of July 2024, 22:05:09.500000 CEST');
    expect(formatDate(d, '\\\\Y', paris)).toBe('\\Y');
  });
  it('rejects date characters in a time format with AttributeError, as Django', () => {
    expect(formatTime(d, 'H:i', paris)).toBe('22:05');
    expect(() => formatTime(d, 'Y', paris)).toThrow(expect.objectContaining({ name: 'AttributeError' }));
  });
  it('names an unknown time zone clearly', () => {
    expect(() => formatDate(d, 'Y', { ...paris, timezone: 'Mars/Olympus' })).toThrow(
      "Unknown time zone 'Mars/Olympus'",
    );
  });
  // Expected values printed by Django's dateformat for the same datetimes.
  it('handles years before 100 and leap days', () => {
    expect(formatDate(new Date('0050-02-28T12:00:00Z'), 'Y-m-d D L', { ...paris, timezone: 'UTC' })).toBe(
      '0050-02-28 Mon False',
    );
    expect(formatDate(new Date('2024-02-29T12:00:00Z'), 'L t z W', { ...paris, timezone: 'UTC' })).toBe('True 29 60 9');
  });
});
