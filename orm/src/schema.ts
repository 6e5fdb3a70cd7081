import { Model, type Relation } from 'objection';

/** A model class as the optimizer sees it: any Objection model, optionally with the two Tessera statics. */
export type ModelClass = typeof Model & {
  /** Columns a template may never load, even when it names them (`password_hash`). */
  readonly privateColumns?: readonly string[];
  /** Getters and methods, each with the paths it reads (`{ byline: ['title', 'author.name'] }`). */
  readonly templateFields?: Readonly<Record<string, readonly string[]>>;
};

/** How a relation is loaded: to-one relations can be joined without multiplying rows, to-many cannot. */
export type Cardinality = 'one' | 'many';

/** A relation of a model, with the key columns each side must select for the relation to be loaded. */
export interface RelationInfo {
  readonly name: string;
  readonly cardinality: Cardinality;
  readonly related: ModelClass;
  /** Columns of the owner that the relation reads (`books.author_id` for `book.author`). */
  readonly ownerKeys: readonly string[];
  /** Columns of the related table that the relation matches (`authors.id`). */
  readonly relatedKeys: readonly string[];
}

/** What a template may read from a model, all taken from the model's own declarations. */
export interface ModelSchema {
  readonly model: ModelClass;
  readonly table: string;
  readonly idColumns: readonly string[];
  /** Every column, from `jsonSchema.properties`, in declaration order. */
  readonly columns: readonly string[];
  /** Columns minus `privateColumns`: what "the full row" means for a template. */
  readonly publicColumns: readonly string[];
  readonly privateColumns: ReadonlySet<string>;
  readonly relations: ReadonlyMap<string, RelationInfo>;
  readonly declared: ReadonlyMap<string, readonly string[]>;
  /** Getters and methods of the model's own classes (not Objection's `Model`), declared or not. */
  readonly members: ReadonlySet<string>;
}

const cache = new WeakMap<ModelClass, ModelSchema>();

function ownMembers(model: ModelClass): Set<string> {
  const names = new Set<string>();
  for (
    let p: object | null = model.prototype;
    p !== null && p !== Model.prototype;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(p)) if (name !== 'constructor') names.add(name);
  }
  return names;
}

// Objection's relations answer `isOneToOne()` at runtime; its typings leave the method out.
type TypedRelation = Relation & { isOneToOne(): boolean };

function relationInfo(relation: TypedRelation): RelationInfo {
  return {
    name: relation.name,
    cardinality: relation.isOneToOne() ? 'one' : 'many',
    related: relation.relatedModelClass as ModelClass,
    ownerKeys: relation.ownerProp.cols,
    relatedKeys: relation.relatedProp.cols,
  };
}

/**
 * The schema of `model`. Columns come from `jsonSchema.properties`, which therefore must list every column
 * (the optimizer never asks the database, so planning runs no query).
 */
export function modelSchema(model: ModelClass): ModelSchema {
  const hit = cache.get(model);
  if (hit) return hit;
  const properties = model.jsonSchema?.properties;
  if (!properties) throw new TypeError(`${model.name}: the optimizer needs jsonSchema.properties listing its columns`);
  const columns = Object.keys(properties);
  const privateColumns = new Set(model.privateColumns ?? []);
  const idColumn = model.idColumn;
  const schema: ModelSchema = {
    model,
    table: model.tableName,
    idColumns: Array.isArray(idColumn) ? idColumn : [idColumn as string],
    columns,
    publicColumns: columns.filter((c) => !privateColumns.has(c)),
    privateColumns,
    relations: new Map(
      Object.values(model.getRelations() as Record<string, TypedRelation>).map((r) => [r.name, relationInfo(r)]),
    ),
    declared: new Map(Object.entries(model.templateFields ?? {})),
    members: ownMembers(model),
  };
  cache.set(model, schema);
  return schema;
}
