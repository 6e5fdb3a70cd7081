import type { AnyQueryBuilder, Model } from 'objection';
import { asList } from './graph.js';
import { planFor, type TemplateLike } from './optimize.js';
import type { NodePlan } from './plan.js';
import type { ModelClass, RelationInfo } from './schema.js';

async function loadRelation(model: Model, info: RelationInfo, plan: NodePlan | null): Promise<void> {
  const query = model.$relatedQuery(info.name);
  if (info.cardinality === 'many') {
    const table = info.related.tableName;
    for (const id of plan?.schema.idColumns ?? [info.related.idColumn as string]) query.orderBy(`${table}.${id}`);
  }
  const related: unknown = await query;
  (model as unknown as Record<string, unknown>)[info.name] = related ?? null;
  if (plan) await loadPerRow(asList(related), plan);
}

async function loadPerRow(models: readonly Record<string, unknown>[], plan: NodePlan): Promise<void> {
  for (const model of models) {
    for (const rel of plan.relations.values()) await loadRelation(model as unknown as Model, rel.info, rel.plan);
    for (const info of plan.counts.values()) await loadRelation(model as unknown as Model, info, null);
  }
}

/**
 * What a hand-written page does without the optimizer, for comparison: runs `query` as it is (full rows),
 * then loads every relation the template uses row by row with `$relatedQuery` (1 + N queries per relation,
 * full rows, counted relations loaded whole). To-many relations come in primary-key order, as with `optimize`.
 */
export async function naiveLoad(query: AnyQueryBuilder, template: TemplateLike, variable: string): Promise<unknown> {
  const { root } = planFor(query.modelClass() as ModelClass, template, variable);
  const result: unknown = await query;
  await loadPerRow(asList(result), root);
  return result;
}
