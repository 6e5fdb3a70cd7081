import { QueryBuilder, type AnyQueryBuilder, type FetchGraphOptions, type Modifier } from 'objection';
import type { TemplateIR } from '@tessera/template';
import { analyzeTemplate, type TemplateUsage } from './analyze.js';
import { COUNT_PREFIX, asList, finishCounts } from './graph.js';
import {
  planQuery,
  selectedColumns,
  type NodePlan,
  type PlanOptions,
  type QueryPlan,
  type RelationPlan,
} from './plan.js';
import type { ModelClass } from './schema.js';
import { emptyUsage } from './usage.js';

/**
 * How relations are loaded:
 * - `joined`: one query, every relation joined (`withGraphJoined`); with `limit`/`offset` and a to-many
 *   relation, the page of roots is chosen in a subquery, so the limit counts roots, not joined rows;
 * - `fetched`: the root query plus one query per relation (`withGraphFetched`);
 * - `auto` (default): to-one chains joined into the root query (a to-one join never multiplies rows, so
 *   `limit` stays right), to-many relations fetched afterwards, one query each.
 */
export type Strategy = 'joined' | 'fetched' | 'auto';

/** Options of `optimize`. */
export interface OptimizeOptions extends PlanOptions {
  /** The context variable the query's result is bound to (`books` in `{% for b in books %}`). */
  readonly variable: string;
  readonly strategy?: Strategy;
  /**
   * Most parent rows per eager-loading query (Objection's `maxBatchSize`; default 30,000, under both
   * SQLite's 32,766 and PostgreSQL's 65,535 bound parameters). Query counts are constant up to this many rows.
   */
  readonly maxBatchSize?: number;
  /** Receives planning warnings (unknown names, undeclared getters); default `process.emitWarning`. */
  readonly onWarning?: (message: string) => void;
}

/** Anything compiled by `@tessera/template`: a `Template`, or just its `ir`. */
export type TemplateLike = { readonly ir: TemplateIR } | TemplateIR;

/** Parent rows per eager query unless `maxBatchSize` says otherwise. */
export const DEFAULT_MAX_BATCH_SIZE = 30_000;

const usageCache = new WeakMap<TemplateIR, TemplateUsage>();

function irOf(template: TemplateLike): TemplateIR {
  return 'ir' in template ? template.ir : template;
}

/** The usage trees of a template, analysed once per IR. */
export function templateUsage(template: TemplateLike): TemplateUsage {
  const ir = irOf(template);
  let usage = usageCache.get(ir);
  if (!usage) {
    usage = analyzeTemplate(ir);
    usageCache.set(ir, usage);
  }
  return usage;
}

/** The plan `optimize` would apply for `variable`, without touching any query. */
export function planFor(
  model: ModelClass,
  template: TemplateLike,
  variable: string,
  options: PlanOptions = {},
): QueryPlan {
  return planQuery(model, templateUsage(template).get(variable) ?? emptyUsage(), options, variable);
}

class GraphBuilder {
  readonly modifiers: Record<string, Modifier<AnyQueryBuilder>> = {};
  constructor(private readonly orderInModifier: boolean) {}

  /** Relation expression object for the relations `include` accepts, registering one modifier per node. */
  expression(plan: NodePlan, include: (rel: RelationPlan) => boolean): Record<string, unknown> {
    const expr: Record<string, unknown> = {};
    for (const [name, rel] of plan.relations) {
      if (!include(rel)) continue;
      const modifier = `tessera${String(Object.keys(this.modifiers).length)}`;
      const ordered = this.orderInModifier && rel.info.cardinality === 'many';
      this.modifiers[modifier] = (b: AnyQueryBuilder) => {
        selectPlan(b, rel.plan, b.tableRefFor(b.modelClass()));
        if (ordered) for (const id of rel.plan.schema.idColumns) b.orderBy(`${b.tableRefFor(b.modelClass())}.${id}`);
      };
      expr[name] = { $modify: [modifier], ...this.expression(rel.plan, include) };
    }
    return expr;
  }
}

function selectPlan(builder: AnyQueryBuilder, plan: NodePlan, table: string): void {
  builder.select(selectedColumns(plan).map((c) => `${table}.${c}`));
  const model = plan.schema.model;
  for (const name of plan.counts.keys()) {
    builder.select(
      model
        .relatedQuery(name)
        .count('*')
        .as(COUNT_PREFIX + name),
    );
  }
}

function hasToMany(plan: NodePlan): boolean {
  return [...plan.relations.values()].some((r) => r.info.cardinality === 'many' || hasToMany(r.plan));
}

// In a joined query, a relation's columns are aliased `rel:sub:column`; its rows come out in the order
// of the outer ORDER BY, so to-many relations are ordered there, after the roots' own order.
function joinedOrder(plan: NodePlan, prefix: string, out: string[]): string[] {
  for (const [name, rel] of plan.relations) {
    const alias = prefix ? `${prefix}:${name}` : name;
    if (rel.info.cardinality === 'many') for (const id of rel.plan.schema.idColumns) out.push(`${alias}.${id}`);
    joinedOrder(rel.plan, alias, out);
  }
  return out;
}

// Objection builds a joined relation's outer SELECT from the table's own columns, so a count computed in the
// relation's subquery would be dropped: select it under the relation's alias (`publisher:tessera_count_books`).
function joinedCounts(
  query: AnyQueryBuilder,
  plan: NodePlan,
  include: (rel: RelationPlan) => boolean,
  prefix = '',
): void {
  for (const [name, rel] of plan.relations) {
    if (!include(rel)) continue;
    const alias = prefix ? `${prefix}:${name}` : name;
    for (const count of rel.plan.counts.keys()) {
      query.select(`${alias}.${COUNT_PREFIX}${count} as ${alias}:${COUNT_PREFIX}${count}`);
    }
    joinedCounts(query, rel.plan, include, alias);
  }
}

function applyJoined(query: AnyQueryBuilder, root: NodePlan, table: string): void {
  if (hasToMany(root) && query.has('range')) {
    // page()/range() count their total on a clone of the final query, which the rewrite below would corrupt.
    throw new TypeError("page()/range() with strategy 'joined' and a to-many relation: use 'auto' or 'fetched'");
  }
  if (hasToMany(root) && query.has(/^(limit|offset)$/)) {
    // LIMIT on a joined to-many query would count joined rows: pick the page of root ids first.
    const ids = query
      .clone()
      .clearSelect()
      .select(root.schema.idColumns.map((c) => `${table}.${c}`));
    query.clear(/^(limit|offset)$/).whereIn(
      root.schema.idColumns.map((c) => `${table}.${c}`),
      ids,
    );
  }
  const graph = new GraphBuilder(false);
  const expr = graph.expression(root, () => true);
  if (Object.keys(expr).length > 0) query.withGraphJoined(expr).modifiers(graph.modifiers);
  joinedCounts(query, root, () => true);
  for (const column of joinedOrder(root, '', [])) query.orderBy(column);
}

function applyFetched(query: AnyQueryBuilder, root: NodePlan, maxBatchSize: number): void {
  const graph = new GraphBuilder(true);
  const expr = graph.expression(root, () => true);
  if (Object.keys(expr).length > 0) query.withGraphFetched(expr, { maxBatchSize }).modifiers(graph.modifiers);
}

// Where `auto` fetches: each model reached from the root through to-one relations only (joined, so
// already loaded) that has to-many relations, with the to-one path that leads to it.
interface FetchTarget {
  readonly path: readonly string[];
  readonly plan: NodePlan;
}

function fetchTargets(plan: NodePlan, path: readonly string[], out: FetchTarget[]): FetchTarget[] {
  if ([...plan.relations.values()].some((r) => r.info.cardinality === 'many')) out.push({ path, plan });
  for (const [name, rel] of plan.relations) {
    if (rel.info.cardinality === 'one') fetchTargets(rel.plan, [...path, name], out);
  }
  return out;
}

// The distinct models at the end of a to-one path (two books may share one author).
function modelsAt(
  roots: readonly Record<string, unknown>[],
  path: readonly string[],
): readonly Record<string, unknown>[] {
  let level: readonly Record<string, unknown>[] = roots;
  for (const name of path) level = [...new Set(level.flatMap((m) => asList(m[name])))];
  return level;
}

function applyAuto(query: AnyQueryBuilder, root: NodePlan, maxBatchSize: number): void {
  const joined = new GraphBuilder(false);
  // Only the unbroken to-one chains from the root: a to-one relation under a to-many one is fetched with it.
  const toOne = (rel: RelationPlan): boolean => rel.info.cardinality === 'one';
  const joinExpr = joined.expression(root, toOne);
  if (Object.keys(joinExpr).length > 0) query.withGraphJoined(joinExpr).modifiers(joined.modifiers);
  joinedCounts(query, root, toOne);
  const targets = fetchTargets(root, [], []);
  if (targets.length === 0) return;
  query.runAfter(async (result: unknown, builder: AnyQueryBuilder) => {
    const roots = asList(result);
    for (const target of targets) {
      const models = modelsAt(roots, target.path);
      const first = models[0];
      if (first === undefined) continue;
      // The to-many relations of this model, and everything below them, fetched: one query per relation.
      const fetched = new GraphBuilder(true);
      const toMany = new Map([...target.plan.relations].filter(([, rel]) => rel.info.cardinality === 'many'));
      const expr = fetched.expression({ ...target.plan, relations: toMany }, () => true);
      await (first.constructor as ModelClass)
        .fetchGraph(models, expr, { transaction: builder.knex(), maxBatchSize } as FetchGraphOptions)
        .modifiers(fetched.modifiers);
    }
    return result;
  });
}

/**
 * Makes `query` load exactly what `template` reads from `variable`: the used columns plus the keys joins
 * need, relations eagerly (see `Strategy`), and to-many relations whose size alone is read as counts.
 * Returns the same builder, modified. The query must be a find (`Model.query()`, `.findById()`, `.where()`...);
 * filter with table-qualified columns (`books.year`), since the `joined` strategies join other tables.
 *
 * ```ts
 * const tpl = compile('books.html', loader);  // {% for b in books %}{{ b.title }} by {{ b.author.name }}{% endfor %}
 * const books = await optimize(Book.query().orderBy('books.id').limit(20), tpl, { variable: 'books' });
 * // one query: select books.id, books.title, books.author_id, author.id, author.name ... left join authors
 * ```
 */
export function optimize<Q extends AnyQueryBuilder>(query: Q, template: TemplateLike, options: OptimizeOptions): Q {
  if (!(query instanceof QueryBuilder) || !query.isFind()) {
    throw new TypeError('optimize() needs an Objection find query (Model.query(), findById, where, ...)');
  }
  const model = query.modelClass() as ModelClass;
  const { root, warnings } = planFor(model, template, options.variable, options);
  const warn = options.onWarning ?? ((m: string) => process.emitWarning(m, 'TesseraOrmWarning'));
  for (const w of warnings) warn(w);
  const table = query.tableRefFor(model);
  query.clearSelect();
  selectPlan(query, root, table);
  switch (options.strategy ?? 'auto') {
    case 'joined':
      applyJoined(query, root, table);
      break;
    case 'fetched':
      applyFetched(query, root, options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE);
      break;
    case 'auto':
      applyAuto(query, root, options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE);
      break;
  }
  query.runAfter((result: unknown) => {
    finishCounts(result, root);
    return result;
  });
  return query;
}

/**
 * Loads a whole render context: each value that is an Objection query is optimized for the variable it is
 * bound to and run; other values pass through unchanged.
 *
 * ```ts
 * const ctx = await loadContext(tpl, { books: Book.query().orderBy('books.id').limit(20), title: 'Books' });
 * renderer.render(renderer.prepare(tpl), ctx);
 * ```
 */
export async function loadContext(
  template: TemplateLike,
  sources: Readonly<Record<string, unknown>>,
  options: Omit<OptimizeOptions, 'variable'> = {},
): Promise<Record<string, unknown>> {
  const context: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(sources)) {
    context[name] =
      value instanceof QueryBuilder ? await optimize(value, template, { ...options, variable: name }) : value;
  }
  return context;
}
