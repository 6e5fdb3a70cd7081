import type { NodePlan } from './plan.js';

/** The alias a count subquery's column gets before it is turned back into a list of the right size. */
export const COUNT_PREFIX = 'tessera_count_';

/**
 * A query result as a list of models: the rows of an array, the single model of `findById`/`first`, the
 * `results` of `page()`/`range()`, or nothing.
 */
export function asList(value: unknown): Record<string, unknown>[] {
  if (value === null || value === undefined || typeof value !== 'object') return [];
  if (Array.isArray(value))
    return value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
  const record = value as Record<string, unknown>;
  if (Array.isArray(record['results']) && typeof record['total'] === 'number') return asList(record['results']);
  return [record];
}

/**
 * Replaces each counted relation's count column by a list of that many placeholders, so `|length` and
 * `{% if %}` give the same answers as with the real rows; the placeholders themselves are never read, since a
 * relation is counted only when the template reads nothing from its rows. Eager loading shares one model
 * between parents (two books, one publisher), so each model is finished once.
 */
export function finishCounts(value: unknown, plan: NodePlan, done: WeakSet<object> = new WeakSet()): void {
  for (const model of asList(value)) {
    if (done.has(model)) continue;
    done.add(model);
    for (const name of plan.counts.keys()) {
      const alias = COUNT_PREFIX + name;
      const n = Number(model[alias] ?? 0);
      delete model[alias];
      model[name] = new Array<undefined>(n).fill(undefined);
    }
    for (const [name, rel] of plan.relations) finishCounts(model[name], rel.plan, done);
  }
}
