import { ZONE_ABBREVIATIONS } from './zonenames.js';

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

function fieldFormat(zone: string): Intl.DateTimeFormat {
  let f = fieldFormats.get(zone);
  if (!f) {
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

/** The wall-clock fields of `d` in IANA zone `zone` (RangeError for an unknown zone, from Intl). */
export function toLocal(d: Date, zone: string): LocalTime {
  const ms = d.getTime();
  const millisecond = ((ms % 1000) + 1000) % 1000;
  if (zone === 'UTC') {
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond,
      offset: 0,
      zone,
    };
  }
  const f: Record<string, string> = {};
  for (const p of fieldFormat(zone).formatToParts(d)) f[p.type] = p.value;
  const rawYear = Number(f['year']);
  const year = f['era'] === 'BC' ? 1 - rawYear : rawYear;
  const month = Number(f['month']);
  const day = Number(f['day']);
  const hour = Number(f['hour']);
  const minute = Number(f['minute']);
  const second = Number(f['second']);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
  const wall = new Date(asUtc);
  wall.setUTCFullYear(year);
  return { year, month, day, hour, minute, second, millisecond, offset: Math.round((wall.getTime() - ms) / 1000), zone };
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
      const byOffset = new Map(names.split(',').map((kv) => [Number(kv.split('=')[0]), kv.split('=')[1] ?? ''] as const));
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
    if (twin.offset === other && twin.hour === local.hour && twin.minute === local.minute && twin.day === local.day) return true;
  }
  return false;
}

/** Whether daylight saving time is in effect: the offset exceeds the smaller of January's and July's. */
export function isDst(local: LocalTime): boolean {
  const jan = toLocal(new Date(Date.UTC(local.year, 0, 1)), local.zone).offset;
  const jul = toLocal(new Date(Date.UTC(local.year, 6, 1)), local.zone).offset;
  return local.offset > Math.min(jan, jul);
}
