import { FieldRefusedError } from './errors.js';
import { modelSchema, type ModelClass, type ModelSchema, type RelationInfo } from './schema.js';
import { addUse, emptyUsage, mergeUsage, type Usage } from './usage.js';

/** What to load for one model in the result graph (the root, or a relation reached from it). */
export interface NodePlan {
  readonly schema: ModelSchema;
  /** Where it sits in the template: `books`, `books.author`. */
  readonly path: string;
  /** Columns the template reads. */
  readonly used: Set<string>;
  /** Columns loaded only so the graph can be put together: ids and the keys joins match on. */
  readonly keys: Set<string>;
  /** Relations to load as rows. */
  readonly relations: Map<string, RelationPlan>;
  /** To-many relations whose size alone is read (`|length`, `{% if %}`): loaded as a count. */
  readonly counts: Map<string, RelationInfo>;
}

/** A relation to load, and the plan of the rows it brings. */
export interface RelationPlan {
  readonly info: RelationInfo;
  readonly plan: NodePlan;
}

/** Options of `planQuery`. */
export interface PlanOptions {
  /** Throw `FieldRefusedError` for names the model does not know, instead of a warning (default false). */
  readonly strict?: boolean;
  /** Most relation hops a path may take from the root (default 6): hostile deep paths are refused. */
  readonly maxDepth?: number;
}

/** A plan for one context variable, with everything planning had to say about the template. */
export interface QueryPlan {
  readonly root: NodePlan;
  readonly warnings: readonly string[];
}

const DEFAULT_MAX_DEPTH = 6;

// A to-many relation whose rows are never read: only its size (`|length`), truthiness, or Django's `.count`.
function isCountOnly(usage: Usage): boolean {
  if (usage.whole || usage.loaded) return false;
  const count = usage.children.get('count');
  return usage.children.size === (count ? 1 : 0) && (!count || count.children.size === 0);
}

class Planner {
  readonly warnings: string[] = [];
  constructor(private readonly options: PlanOptions) {}

  node(schema: ModelSchema, usage: Usage, path: string, depth: number): NodePlan {
    const plan: NodePlan = {
      schema,
      path,
      used: new Set(),
      keys: new Set(schema.idColumns),
      relations: new Map(),
      counts: new Map(),
    };
    const expanded = this.expandDeclared(schema, usage, path);
    if (expanded.whole) this.fullRow(plan);
    const columns = new Set(schema.columns);
    for (const [name, child] of expanded.children) {
      const where = `${path}.${name}`;
      const relation = schema.relations.get(name);
      if (relation) {
        if (depth >= (this.options.maxDepth ?? DEFAULT_MAX_DEPTH)) {
          throw new FieldRefusedError(
            where,
            `deeper than ${String(this.options.maxDepth ?? DEFAULT_MAX_DEPTH)} relations`,
          );
        }
        for (const k of relation.ownerKeys) plan.keys.add(k);
        if (relation.cardinality === 'many' && isCountOnly(child)) {
          if (child.children.has('count')) {
            this.warnings.push(
              `${where}.count: Objection loads relations as arrays, which have no 'count' (it renders empty, as ` +
                `without the optimizer); counted in SQL, no rows loaded. Use ${where}|length for the number`,
            );
          }
          plan.counts.set(name, relation);
        } else {
          const sub = this.node(modelSchema(relation.related), child, where, depth + 1);
          for (const k of relation.relatedKeys) sub.keys.add(k);
          plan.relations.set(name, { info: relation, plan: sub });
        }
      } else if (columns.has(name)) {
        if (schema.privateColumns.has(name)) throw new FieldRefusedError(where, `private column of ${schema.table}`);
        plan.used.add(name);
      } else if (schema.members.has(name)) {
        this.warnings.push(
          `${where}: ${schema.model.name}.${name} is a getter or method without declared dependencies ` +
            `(templateFields); loading full rows of ${schema.table}`,
        );
        this.fullRow(plan);
      } else if (this.options.strict) {
        throw new FieldRefusedError(where, `no column, relation or declared field of ${schema.model.name}`);
      } else {
        this.warnings.push(
          `${where}: no column, relation or declared field of ${schema.model.name}; not loaded (renders empty)`,
        );
      }
    }
    return plan;
  }

  fullRow(plan: NodePlan): void {
    for (const c of plan.schema.publicColumns) plan.used.add(c);
  }

  // A declared field stands for the paths it reads: `book.byline` is `book.title` and `book.author.name`.
  expandDeclared(schema: ModelSchema, usage: Usage, path: string): Usage {
    if (![...usage.children.keys()].some((name) => schema.declared.has(name))) return usage;
    const out = emptyUsage();
    mergeUsage(out, usage);
    const seen = new Set<string>();
    const pending = [...usage.children.keys()];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      const deps = schema.declared.get(name);
      if (!deps || seen.has(name)) continue;
      seen.add(name);
      out.children.delete(name);
      for (const dep of deps) {
        const segments = dep.split('.');
        if (segments.length === 0 || segments.some((s) => s === '')) {
          throw new FieldRefusedError(`${path}.${name}`, `declared dependency '${dep}' is not a dotted path`);
        }
        addUse(out, segments, 'whole');
        if (segments[0] !== undefined) pending.push(segments[0]);
      }
    }
    return out;
  }
}

/**
 * Plans the loading of `model` rows for the usage tree of one context variable. Every name is looked up in
 * the model's declarations (columns, relations, `templateFields`, class members); nothing from the template
 * reaches SQL except names found there. Planning runs no query. `label` names the root in messages (the
 * context variable).
 *
 * Worked example, `{% for b in books %}{{ b.title }} {{ b.author.name }} {{ b.reviews|length }}{% endfor %}`:
 *
 *   books    used {title}  keys {id, author_id}   counts {reviews}     (author_id: the join to authors)
 *   .author  used {name}   keys {id}                                    (id: what author_id matches)
 */
export function planQuery(
  model: ModelClass,
  usage: Usage,
  options: PlanOptions = {},
  label: string = model.tableName,
): QueryPlan {
  const planner = new Planner(options);
  const root = planner.node(modelSchema(model), usage, label, 0);
  return { root, warnings: planner.warnings };
}

/** Columns selected by a plan, in table order: used columns plus keys. */
export function selectedColumns(plan: NodePlan): string[] {
  return plan.schema.columns.filter((c) => plan.used.has(c) || plan.keys.has(c));
}

/** Totals over a plan's nodes: the columns the template reads, the keys added, and both together. */
export interface PlanStats {
  readonly columnsUsed: number;
  readonly keyColumns: number;
  readonly columnsSelected: number;
  readonly relationsLoaded: number;
  readonly relationsCounted: number;
}

/** Counts columns and relations over the whole plan (`columnsSelected == columnsUsed + keyColumns`). */
export function planStats(plan: NodePlan): PlanStats {
  const selected = selectedColumns(plan).length;
  const used = plan.used.size;
  let stats: PlanStats = {
    columnsUsed: used,
    keyColumns: selected - used,
    columnsSelected: selected,
    relationsLoaded: plan.relations.size,
    relationsCounted: plan.counts.size,
  };
  for (const { plan: sub } of plan.relations.values()) {
    const s = planStats(sub);
    stats = {
      columnsUsed: stats.columnsUsed + s.columnsUsed,
      keyColumns: stats.keyColumns + s.keyColumns,
      columnsSelected: stats.columnsSelected + s.columnsSelected,
      relationsLoaded: stats.relationsLoaded + s.relationsLoaded,
      relationsCounted: stats.relationsCounted + s.relationsCounted,
    };
  }
  return stats;
}
