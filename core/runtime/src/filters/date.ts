import { formatDateValue, formatTimeValue, resolveFormat } from '../time/dateformat.js';
import type { RuntimeOptions } from '../options.js';
import { strText } from '../python/conv.js';
import { pyStr } from '../values/repr.js';
import { timesince, timeuntil } from '../time/timesince.js';
import { isTruthy } from '../values/truthy.js';
import { isNone, pyError, pyTypeName } from '../values/model.js';
import type { FilterSpec } from './spec.js';

type Formatter = (value: unknown, format: string, options: RuntimeOptions) => string;

// Django's date/time filters: format with the named (or literal) format; on AttributeError retry with
// the literal argument; on a second failure print nothing.
function formatWith(
  formatter: Formatter,
  fallbackName: string,
  caught: readonly string[],
  value: unknown,
  arg: unknown,
  options: RuntimeOptions,
): string {
  if (isNone(value) || strText(value) === '') return '';
  const attempt = (format: string): string | undefined => {
    try {
      return formatter(value, format, options);
    } catch (e) {
      if (e instanceof Error && caught.includes(e.name)) return undefined;
      throw e;
    }
  };
  const named = isTruthy(arg) ? pyStr(arg) : fallbackName;
  return attempt(resolveFormat(named)) ?? attempt(pyStr(arg ?? null)) ?? '';
}

function asDate(v: unknown): Date {
  if (v instanceof Date) return v;
  throw pyError('AttributeError', `'${pyTypeName(v)}' object has no attribute 'year'`);
}

export const dateFilter: FilterSpec = {
  fn: (v, arg, env) => formatWith(formatDateValue, 'DATE_FORMAT', ['AttributeError'], v, arg, env.options),
  arg: 'optional',
  isSafe: false,
  expectsLocaltime: true,
};

export const timeFilter: FilterSpec = {
  fn: (v, arg, env) => formatWith(formatTimeValue, 'TIME_FORMAT', ['AttributeError', 'TypeError'], v, arg, env.options),
  arg: 'optional',
  isSafe: false,
  expectsLocaltime: true,
};

// `timesince` and `timeuntil`: empty for a falsy value, measured against the argument or now.
function distanceFilter(distance: (value: Date, other: Date) => string): FilterSpec {
  return {
    fn: (v, arg, env) => (isTruthy(v) ? distance(asDate(v), isTruthy(arg) ? asDate(arg) : env.options.now()) : ''),
    arg: 'optional',
    isSafe: false,
  };
}

export const timesinceFilter: FilterSpec = /* @__PURE__ */ distanceFilter(timesince);
export const timeuntilFilter: FilterSpec = /* @__PURE__ */ distanceFilter(timeuntil);

/** Django's built-in date filters; `date` and `time` show Dates in `options.timezone`.
 * Each is also exported on its own, so a bundle keeps only the filters it imports.
 */
export const dateFilters: Readonly<Record<string, FilterSpec>> = {
  date: dateFilter,
  time: timeFilter,
  timesince: timesinceFilter,
  timeuntil: timeuntilFilter,
};
