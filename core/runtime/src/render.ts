import { formatDate } from './time/dateformat.js';
import { localizeFloat } from './python/decimal.js';
import { escapeHtml } from './html/escape.js';
import { defaultRuntimeOptions, type RuntimeOptions } from './options.js';
import { pyStr } from './values/repr.js';
import { SafeString } from './values/safe.js';
import { isPyInt } from './values/model.js';

/** Django `localize` under en-us without thousand separators: how `{{ value }}` prints a scalar. */
export function localize(v: unknown, options: RuntimeOptions = defaultRuntimeOptions): string {
  if (typeof v === 'number' && !isPyInt(v)) return localizeFloat(v);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return formatDate(v, 'N j, Y, P', options);
  return pyStr(v);
}

/**
 * Django `render_value_in_context` for `{{ value }}`: localized (floats without scientific notation,
 * Dates as `DATETIME_FORMAT` in `options.timezone`), then escaped when autoescape is on and the value
 * is not a SafeString.
 */
export function renderValue(v: unknown, autoescape: boolean, options: RuntimeOptions = defaultRuntimeOptions): string {
  if (typeof v === 'string') return autoescape ? escapeHtml(v) : v;
  if (v instanceof SafeString) return v.value;
  const text = localize(v, options);
  return autoescape ? escapeHtml(text) : text;
}
