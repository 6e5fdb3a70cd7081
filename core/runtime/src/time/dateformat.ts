import type { RuntimeOptions } from '../options.js';
import { pyError } from '../values/model.js';
import { type LocalTime, formatOffset, isAmbiguous, isDst, toLocal, zoneAbbreviation } from './zone.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTHS_AP = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Named formats of the en locale that `date`/`time` accept instead of a format string (Django `get_format`). */
const NAMED_FORMATS: Readonly<Record<string, string>> = {
  DATE_FORMAT: 'N j, Y',
  DATETIME_FORMAT: 'N j, Y, P',
  TIME_FORMAT: 'P',
  YEAR_MONTH_FORMAT: 'F Y',
  MONTH_DAY_FORMAT: 'F j',
  SHORT_DATE_FORMAT: 'm/d/Y',
  SHORT_DATETIME_FORMAT: 'm/d/Y P',
  DECIMAL_SEPARATOR: '.',
  THOUSAND_SEPARATOR: ',',
  NUMBER_GROUPING: '3',
  FIRST_DAY_OF_WEEK: '0',
};

/** Django `get_format`: a setting name becomes its en value; anything else is the format itself. */
export function resolveFormat(name: string): string {
  return Object.hasOwn(NAMED_FORMATS, name) ? (NAMED_FORMATS[name] ?? name) : name;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

interface Moment {
  readonly date: Date;
  readonly local: LocalTime;
  /** False in the repeated hour when DST ends: Django then prints no zone information. */
  readonly zoneKnown: boolean;
}

function utcDay(year: number, monthIndex: number, day: number): Date {
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are.
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d;
}

/** 0 = Monday, as Python's `weekday()`. */
function weekday(l: LocalTime): number {
  return (utcDay(l.year, l.month - 1, l.day).getUTCDay() + 6) % 7;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function dayOfYear(l: LocalTime): number {
  const before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][l.month - 1] ?? 0;
  return before + l.day + (l.month > 2 && isLeap(l.year) ? 1 : 0);
}

function isoCalendar(l: LocalTime): { year: number; week: number } {
  const wd = weekday(l) + 1; // 1 = Monday
  const doy = dayOfYear(l);
  const week = Math.floor((doy - wd + 10) / 7);
  if (week < 1) {
    return isoCalendar({ ...l, year: l.year - 1, month: 12, day: 31 });
  }
  const daysInYear = isLeap(l.year) ? 366 : 365;
  if (week === 53 && doy - wd + 4 > daysInYear) return { year: l.year + 1, week: 1 };
  return { year: l.year, week };
}

function hour12(l: LocalTime): number {
  return l.hour % 12 || 12;
}

function timeF(l: LocalTime): string {
  return l.minute ? `${hour12(l)}:${pad2(l.minute)}` : String(hour12(l));
}

function isoFormat(m: Moment): string {
  const l = m.local;
  const micro = l.millisecond ? `.${String(l.millisecond * 1000).padStart(6, '0')}` : '';
  return `${String(l.year).padStart(4, '0')}-${pad2(l.month)}-${pad2(l.day)}T${pad2(l.hour)}:${pad2(l.minute)}:${pad2(l.second)}${micro}${formatOffset(l.offset, ':')}`;
}

function rfc5322(m: Moment): string {
  const l = m.local;
  const wd = WEEKDAYS[weekday(l)]?.slice(0, 3) ?? '';
  const mon = MONTHS[l.month - 1]?.slice(0, 3) ?? '';
  return `${wd}, ${pad2(l.day)} ${mon} ${String(l.year).padStart(4, '0')} ${pad2(l.hour)}:${pad2(l.minute)}:${pad2(l.second)} ${formatOffset(l.offset)}`;
}

const TIME_CHARS: Readonly<Record<string, (m: Moment) => string>> = {
  a: (m) => (m.local.hour > 11 ? 'p.m.' : 'a.m.'),
  A: (m) => (m.local.hour > 11 ? 'PM' : 'AM'),
  e: (m) => (m.zoneKnown ? zoneAbbreviation(m.local) : ''),
  f: (m) => timeF(m.local),
  g: (m) => String(hour12(m.local)),
  G: (m) => String(m.local.hour),
  h: (m) => pad2(hour12(m.local)),
  H: (m) => pad2(m.local.hour),
  i: (m) => pad2(m.local.minute),
  O: (m) => (m.zoneKnown ? formatOffset(m.local.offset) : ''),
  P: (m) => {
    const l = m.local;
    if (l.minute === 0 && l.hour === 0) return 'midnight';
    if (l.minute === 0 && l.hour === 12) return 'noon';
    return `${timeF(l)} ${l.hour > 11 ? 'p.m.' : 'a.m.'}`;
  },
  s: (m) => pad2(m.local.second),
  T: (m) => (m.zoneKnown ? zoneAbbreviation(m.local) : ''),
  u: (m) => String(m.local.millisecond * 1000).padStart(6, '0'),
  Z: (m) => (m.zoneKnown ? String(m.local.offset) : ''),
};

const DATE_CHARS: Readonly<Record<string, (m: Moment) => string>> = {
  ...TIME_CHARS,
  b: (m) => (MONTHS[m.local.month - 1] ?? '').slice(0, 3).toLowerCase(),
  c: isoFormat,
  d: (m) => pad2(m.local.day),
  D: (m) => (WEEKDAYS[weekday(m.local)] ?? '').slice(0, 3),
  E: (m) => MONTHS[m.local.month - 1] ?? '',
  F: (m) => MONTHS[m.local.month - 1] ?? '',
  I: (m) => (m.zoneKnown ? (isDst(m.local) ? '1' : '0') : ''),
  j: (m) => String(m.local.day),
  l: (m) => WEEKDAYS[weekday(m.local)] ?? '',
  L: (m) => (isLeap(m.local.year) ? 'True' : 'False'),
  m: (m) => pad2(m.local.month),
  M: (m) => (MONTHS[m.local.month - 1] ?? '').slice(0, 3),
  n: (m) => String(m.local.month),
  N: (m) => MONTHS_AP[m.local.month - 1] ?? '',
  o: (m) => String(isoCalendar(m.local).year),
  r: rfc5322,
  S: (m) => {
    const d = m.local.day;
    if (d === 11 || d === 12 || d === 13) return 'th';
    return ['th', 'st', 'nd', 'rd'][d % 10] ?? 'th';
  },
  t: (m) => String(utcDay(m.local.year, m.local.month, 0).getUTCDate()),
  U: (m) => String(Math.floor(m.date.getTime() / 1000)),
  w: (m) => String((weekday(m.local) + 1) % 7),
  W: (m) => String(isoCalendar(m.local).week),
  y: (m) => pad2(m.local.year % 100),
  Y: (m) => String(m.local.year).padStart(4, '0'),
  z: (m) => String(dayOfYear(m.local)),
};

// Django's re_formatchars and re_escaped: a format character not preceded by a backslash, and `\x` -> `x`.
const FORMAT_CHARS = /(?<!\\)([aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])/;
const ESCAPED = /\\(.)/g;

// Characters a value without a time zone (anything but a Date) answers with '' instead of failing.
const ZONE_CHARS = new Set(['e', 'T', 'O', 'Z', 'I']);
// Characters that, on a value that is not a datetime, fail in `datetime.combine` (TypeError).
const COMBINE_CHARS = new Set(['r', 'U']);

/** A format split as Django splits it: literal text (escapes resolved) at even indexes, format characters at odd ones. */
type Pieces = readonly string[];

const parsedFormats = new Map<string, Pieces>();
const PARSED_FORMATS_MAX = 256;

// A page uses a handful of formats many times; splitting with the lookbehind regex is most of the cost.
function parseFormat(format: string): Pieces {
  let pieces = parsedFormats.get(format);
  if (!pieces) {
    pieces = format.split(FORMAT_CHARS).map((piece, i) => (i % 2 === 0 ? piece.replace(ESCAPED, '$1') : piece));
    if (parsedFormats.size >= PARSED_FORMATS_MAX) parsedFormats.clear();
    parsedFormats.set(format, pieces);
  }
  return pieces;
}

function run(
  value: unknown,
  format: string,
  chars: Readonly<Record<string, (m: Moment) => string>>,
  options: RuntimeOptions,
): string {
  let moment: Moment | undefined;
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const local = toLocal(value, options.timezone);
    moment = { date: value, local, zoneKnown: !isAmbiguous(value, local) };
  }
  const pieces = parseFormat(format);
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (i % 2 === 0) {
      out += piece;
      continue;
    }
    const fn = Object.hasOwn(chars, piece) ? chars[piece] : undefined;
    if (moment && fn) out += fn(moment);
    else if (!moment && ZONE_CHARS.has(piece) && fn) out += '';
    else if (!moment && COMBINE_CHARS.has(piece) && fn)
      throw pyError('TypeError', `combine() argument 1 must be datetime.date, not ${typeof value}`);
    else throw pyError('AttributeError', `'${typeof value}' object has no attribute for format character '${piece}'`);
  }
  return out;
}

/**
 * Django `dateformat.format` (`{{ d|date:"D, j M Y" }}`): PHP-style format characters, `\` escapes,
 * the Date shown in `options.timezone`. A value that is not a Date throws AttributeError for any
 * character that needs one, as Django does.
 */
export function formatDate(d: Date, format: string, options: RuntimeOptions): string {
  return run(d, format, DATE_CHARS, options);
}

/** Django `dateformat.time_format`: time characters only; a date character throws AttributeError. */
export function formatTime(d: Date, format: string, options: RuntimeOptions): string {
  return run(d, format, TIME_CHARS, options);
}

/** `formatDate` for any template value: the `date` filter passes what it was given. */
export function formatDateValue(value: unknown, format: string, options: RuntimeOptions): string {
  return run(value, format, DATE_CHARS, options);
}

/** `formatTime` for any template value. */
export function formatTimeValue(value: unknown, format: string, options: RuntimeOptions): string {
  return run(value, format, TIME_CHARS, options);
}
