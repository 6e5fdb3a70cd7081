import type { FilterSpec } from './spec.js';
import { stringFilters } from './string.js';
import { htmlFilters } from './html.js';
import { numberFilters } from './number.js';
import { listFilters } from './list.js';
import { dateFilters } from './date.js';
import { logicFilters } from './logic.js';

export { applyFilter } from './spec.js';
// The groups one by one, so code that knows which filters it uses (a generated module) imports only those.
export { stringFilters, htmlFilters, numberFilters, listFilters, dateFilters, logicFilters };
export type { FilterEnv, FilterSpec } from './spec.js';

/**
 * Every built-in filter of Django 5.2, by name, with Django's argument arity and flags.
 * A null-prototype object, so `builtinFilters['constructor']` is undefined like any unknown name.
 */
export const builtinFilters: Readonly<Record<string, FilterSpec>> = /* @__PURE__ */ filterTable(
  stringFilters,
  htmlFilters,
  numberFilters,
  listFilters,
  dateFilters,
  logicFilters,
);

// A call marked pure with plain names as arguments, so a bundler drops the table (and every filter)
// from a bundle that never reads it.
function filterTable(...groups: Record<string, FilterSpec>[]): Readonly<Record<string, FilterSpec>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, FilterSpec>, ...groups));
}
