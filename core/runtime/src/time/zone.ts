import { ZONE_ABBREVIATIONS } from './zone-names.js';

/** A moment as seen on a wall clock of one time zone. */
export interface LocalTime {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** Offset from UTC in seconds, east positive. */
  readonly offset: number;
  readonly zone: string;
}

const fieldFormats = new Map<string, Intl.DateTimeFormat>();

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function fieldFormat(zone: string): Intl.DateTimeFormat {
  let f = fieldFormats.get(zone);
  if (!f) {
    if (!isKnownZone(zone))
      throw new RangeError(`Unknown time zone '${zone}' (RuntimeOptions.timezone must be an IANA name)`);
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    fieldFormats.set(zone, f);
  }
  return f;
}

// Offset in seconds of `zone` at `ms`, from Intl's wall-clock fields.
function intlOffset(ms: number, zone: string): number {
  const f: Record<string, string> = {};
  for (const p of fieldFormat(zone).formatToParts(new Date(ms))) f[p.type] = p.value;
  const rawYear = Number(f['year']);
  const wall = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 and BC years as they are.
  wall.setUTCFullYear(f['era'] === 'BC' ? 1 - rawYear : rawYear, Number(f['month']) - 1, Number(f['day']));
  wall.setUTCHours(Number(f['hour']), Number(f['minute']), Number(f['second']), ((ms % 1000) + 1000) % 1000);
  return Math.round((wall.getTime() - ms) / 1000);
}

const WEEK = 7 * 86_400_000;
const SPANS_PER_ZONE = 64;

interface Span {
  readonly start: number;
  readonly end: number;
  readonly offset: number;
}

const spans = new Map<string, Span[]>();

/**
 * Offset in seconds of `zone` at `ms`. Intl is slow (microseconds per call), so when the offset is the
 * same a week before and after, the whole two weeks are remembered as one span: the dates of one page
 * then cost one Intl call per fortnight they cover. Zones never change offset twice within a week.
 */
function offsetAt(ms: number, zone: string): number {
  let list = spans.get(zone);
  if (!list) {
    list = [];
    spans.set(zone, list);
  }
  for (const s of list) if (ms >= s.start && ms < s.end) return s.offset;
  const offset = intlOffset(ms, zone);
  if (intlOffset(ms - WEEK, zone) === offset && intlOffset(ms + WEEK, zone) === offset) {
    if (list.length >= SPANS_PER_ZONE) list.shift();
    list.push({ start: ms - WEEK, end: ms + WEEK, offset });
  }
  return offset;
}

/** The wall-clock fields of `d` in IANA zone `zone` (RangeError for an unknown zone, from Intl). */
export function toLocal(d: Date, zone: string): LocalTime {
  const offset = zone === 'UTC' ? 0 : offsetAt(d.getTime(), zone);
  const wall = new Date(d.getTime() + offset * 1000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    offset,
    zone,
  };
}

/** `+0530`-style offset; `minutesSep` gives `+05:30`. */
export function formatOffset(offset: number, minutesSep = ''): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${String(Math.floor(a / 3600)).padStart(2, '0')}${minutesSep}${String(Math.floor(a / 60) % 60).padStart(2, '0')}`;
}

let abbreviations: Map<string, Map<number, string>> | undefined;

function abbreviationTable(): Map<string, Map<number, string>> {
  if (!abbreviations) {
    abbreviations = new Map();
    for (const [names, zones] of ZONE_ABBREVIATIONS) {
      const byOffset = new Map(
        names.split(',').map((kv) => [Number(kv.split('=')[0]), kv.split('=')[1] ?? ''] as const),
      );
      for (const zone of zones.split(' ')) abbreviations.set(zone, byOffset);
    }
  }
  return abbreviations;
}

/**
 * The zone's abbreviation (`UTC`, `CEST`, `EDT`), as Python's zoneinfo `tzname()` gives it from tzdata:
 * the alphabetic names from a table generated from tzdata, else tzdata's numeric form (`+11`, `+0530`).
 */
export function zoneAbbreviation(local: LocalTime): string {
  const known = abbreviationTable().get(local.zone)?.get(local.offset);
  if (known) return known;
  const full = formatOffset(local.offset);
  return full.endsWith('00') ? full.slice(0, 3) : full;
}

/** Whether the wall-clock time of `local` happens twice in its zone (the hour repeated when DST ends). */
export function isAmbiguous(d: Date, local: LocalTime): boolean {
  if (local.zone === 'UTC') return false;
  for (const dayShift of [-1, 1]) {
    const other = toLocal(new Date(d.getTime() + dayShift * 86_400_000), local.zone).offset;
    if (other === local.offset) continue;
    const twin = toLocal(new Date(d.getTime() + (local.offset - other) * 1000), local.zone);
    if (twin.offset === other && twin.hour === local.hour && twin.minute === local.minute && twin.day === local.day)
      return true;
  }
  return false;
}

/** Whether daylight saving time is in effect: the offset exceeds the smaller of January's and July's. */
export function isDst(local: LocalTime): boolean {
  const jan = toLocal(new Date(Date.UTC(local.year, 0, 1)), local.zone).offset;
  const jul = toLocal(new Date(Date.UTC(local.year, 6, 1)), local.zone).offset;
  return local.offset > Math.min(jan, jul);
}
