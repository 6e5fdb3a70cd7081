import { formatDate } from './time/dateformat.js';
import { localizeFloat } from './python/decimal.js';
import { escapeHtml } from './html/escape.js';
import { defaultRuntimeOptions, type RuntimeOptions } from './options.js';
import { pyStr } from './values/repr.js';
import { SafeString } from './values/safe.js';
import { isPyInt } from './values/model.js';

/** How `{{ value }}` prints a valid Date (Django's `DATETIME_FORMAT` in `options.timezone`). */
export type DateLocalizer = (date: Date, options: RuntimeOptions) => string;

const localizeDate: DateLocalizer = (date, options) => formatDate(date, 'N j, Y, P', options);

/** Django `localize` under en-us without thousand separators: how `{{ value }}` prints a scalar. */
export function localize(v: unknown, options: RuntimeOptions = defaultRuntimeOptions): string {
  return localized(v, options, localizeDate);
}

// Without defaults, so a bundle that never formats a Date does not reach the date formatter.
function localized(v: unknown, options: RuntimeOptions, dates: DateLocalizer): string {
  if (typeof v === 'number' && !isPyInt(v)) return localizeFloat(v);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return dates(v, options);
  return pyStr(v);
}

/**
 * Django `render_value_in_context` for `{{ value }}`: localized (floats without scientific notation,
 * Dates as `DATETIME_FORMAT` in `options.timezone`), then escaped when autoescape is on and the value
 * is not a SafeString.
 */
export function renderValue(v: unknown, autoescape: boolean, options: RuntimeOptions = defaultRuntimeOptions): string {
  return renderValueWith(v, autoescape, options, localizeDate);
}

/**
 * `renderValue` with Dates printed by `dates`: code that never meets a Date (values decoded from JSON)
 * passes one that refuses them, and a bundle of it leaves out the date formatter and its zone tables.
 */
export function renderValueWith(
  v: unknown,
  autoescape: boolean,
  options: RuntimeOptions,
  dates: DateLocalizer,
): string {
  if (typeof v === 'string') return autoescape ? escapeHtml(v) : v;
  if (v instanceof SafeString) return v.value;
  const text = localized(v, options, dates);
  return autoescape ? escapeHtml(text) : text;
}
