import type { FilterSpec } from './spec.js';
import { stringFilters } from './string.js';
import { htmlFilters } from './html.js';
import { numberFilters } from './number.js';
import { listFilters } from './list.js';
import { dateFilters } from './date.js';
import { logicFilters } from './logic.js';

export { applyFilter } from './spec.js';
export type { FilterEnv, FilterSpec } from './spec.js';

/**
 * Every built-in filter of Django 5.2, by name, with Django's argument arity and flags.
 * A null-prototype object, so `builtinFilters['constructor']` is undefined like any unknown name.
 */
export const builtinFilters: Readonly<Record<string, FilterSpec>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, FilterSpec>, {
    ...stringFilters,
    ...htmlFilters,
    ...numberFilters,
    ...listFilters,
    ...dateFilters,
    ...logicFilters,
  }),
);
