const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute'] as const;
const CHUNKS = [7 * 86400, 86400, 3600, 60];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Django's avoid_wrapping: "2\u00a0days".
function unit(count: number, name: string): string {
  return `${count}\u00a0${name}${count === 1 ? '' : 's'}`;
}

// Time of day in milliseconds, for Django's `d.time() > now.time()` (microseconds count there).
function timeOfDay(d: Date): number {
  return d.getTime() - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/**
 * Django `timesince(d, now, reversed, depth=2)` on aware datetimes (UTC fields, as Django compares them
 * in `d`'s zone): "1\u00a0year, 3\u00a0months". Calendar-aware years and months, then weeks, days, hours,
 * minutes; at most two adjacent units; "0\u00a0minutes" when `d` is not before `now`.
 */
function between(d: Date, now: Date): string {
  // Whole seconds, sub-second part dropped as Django drops microseconds.
  if (Math.floor((now.getTime() - d.getTime()) / 1000) <= 0) return unit(0, 'minute');
  let totalMonths = (now.getUTCFullYear() - d.getUTCFullYear()) * 12 + (now.getUTCMonth() - d.getUTCMonth());
  if (d.getUTCDate() > now.getUTCDate() || (d.getUTCDate() === now.getUTCDate() && timeOfDay(d) > timeOfDay(now)))
    totalMonths -= 1;
  const years = Math.floor(totalMonths / 12);
  const months = totalMonths - years * 12;
  let pivot = d.getTime();
  if (years || months) {
    let pivotYear = d.getUTCFullYear() + years;
    let pivotMonth = d.getUTCMonth() + 1 + months;
    if (pivotMonth > 12) {
      pivotMonth -= 12;
      pivotYear += 1;
    }
    const p = new Date(0);
    p.setUTCFullYear(pivotYear, pivotMonth - 1, Math.min(MONTH_DAYS[pivotMonth - 1] ?? 31, d.getUTCDate()));
    p.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0);
    pivot = p.getTime();
  }
  let remaining = (now.getTime() - pivot) / 1000;
  const partials = [years, months];
  for (const chunk of CHUNKS) {
    const count = Math.floor(remaining / chunk);
    partials.push(count);
    remaining -= chunk * count;
  }
  const first = partials.findIndex((v) => v !== 0);
  if (first < 0) return unit(0, 'minute');
  const result: string[] = [];
  for (let i = first; i < UNITS.length && result.length < 2; i++) {
    const value = partials[i] ?? 0;
    if (value === 0) break;
    result.push(unit(value, UNITS[i] ?? ''));
  }
  return result.join(', ');
}

/** Django `timesince`: time from `d` to `now` (default: the real clock), e.g. "4\u00a0days, 6\u00a0hours". */
export function timesince(d: Date, now: Date = new Date()): string {
  return between(d, now);
}

/** Django `timeuntil`: time from `now` (default: the real clock) to `d`. */
export function timeuntil(d: Date, now: Date = new Date()): string {
  return between(now, d);
}
