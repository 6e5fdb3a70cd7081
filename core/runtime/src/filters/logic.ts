import { isTruthy } from '../values/truthy.js';
import { pyLen } from '../values/iterate.js';
import { pformat } from '../python/pprint.js';
import { catching, pyFloat, strText } from '../python/conv.js';
import { pyStr } from '../values/repr.js';
import { isNone } from '../values/model.js';
import type { FilterSpec } from './spec.js';

function pluralize(value: unknown, arg: unknown): string {
  const a = arg === undefined ? 's' : pyStr(arg);
  const bits = (a.includes(',') ? a : ',' + a).split(',');
  if (bits.length > 2) return '';
  const [singular = '', plural = ''] = bits;
  if (typeof value === 'number' || typeof value === 'boolean' || strText(value) !== undefined) {
    // Django: a string that is not a number gets no suffix.
    return catching(
      ['ValueError'],
      () => (pyFloat(value) === 1 ? singular : plural),
      () => '',
    );
  }
  const n = pyLen(value);
  return n === undefined ? '' : n === 1 ? singular : plural;
}

function yesno(value: unknown, arg: unknown): unknown {
  const bits = (arg === undefined || arg === null ? 'yes,no,maybe' : pyStr(arg)).split(',');
  if (bits.length < 2) return value;
  const [yes = '', no = '', maybe = no] = bits.length === 3 ? bits : [bits[0], bits[1], bits[1]];
  if (isNone(value)) return maybe;
  return isTruthy(value) ? yes : no;
}

export const defaultFilter: FilterSpec = { fn: (v, arg) => (isTruthy(v) ? v : arg), arg: 'required', isSafe: false };

export const defaultIfNoneFilter: FilterSpec = {
  fn: (v, arg) => (v === null || v === undefined ? arg : v),
  arg: 'required',
  isSafe: false,
};

export const pluralizeFilter: FilterSpec = { fn: pluralize, arg: 'optional', isSafe: false };

export const yesnoFilter: FilterSpec = { fn: yesno, arg: 'optional', isSafe: false };

export const pprintFilter: FilterSpec = { fn: (v) => pformat(v), arg: 'none', isSafe: true };

/** Django's built-in logic filters.
 * Each is also exported on its own, so a bundle keeps only the filters it imports.
 */
export const logicFilters: Readonly<Record<string, FilterSpec>> = {
  default: defaultFilter,
  default_if_none: defaultIfNoneFilter,
  pluralize: pluralizeFilter,
  yesno: yesnoFilter,
  pprint: pprintFilter,
};
