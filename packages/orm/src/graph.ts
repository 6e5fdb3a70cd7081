import type { NodePlan } from './plan.js';

/** The alias a count subquery's column gets before it is turned back into a list of the right size. */
export const COUNT_PREFIX = 'tessera_count_';

/** A query result as a list: `[]` for nothing, the rows of an array, or the single model of `findById`. */
export function asList(value: unknown): Record<string, unknown>[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
  return typeof value === 'object' ? [value as Record<string, unknown>] : [];
}

/**
 * Replaces each counted relation's count column by a list of that many placeholders, so `|length` and
 * `{% if %}` give the same answers as with the real rows; the placeholders themselves are never read, since a
 * relation is counted only when the template reads nothing from its rows.
 */
export function finishCounts(value: unknown, plan: NodePlan): void {
  for (const model of asList(value)) {
    for (const name of plan.counts.keys()) {
      const alias = COUNT_PREFIX + name;
      const n = Number(model[alias] ?? 0);
      delete model[alias];
      model[name] = new Array<undefined>(n).fill(undefined);
    }
    for (const [name, rel] of plan.relations) finishCounts(model[name], rel.plan);
  }
}
