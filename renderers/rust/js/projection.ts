/**
 * The projection of a context onto what a template reads: the IR records every context path each node
 * reads (`items[].name`, core/template IR.md "Dependencies"), so only those paths need to cross into the
 * addon. A path is either read whole (printed, filtered, compared, tested: the value may be shown in full)
 * or only iterated by an unfiltered `{% for %}` with one target (its items are then projected by the paths read below
 * them, plus `id`, which keys the loop's elements in the addon's diff).
 *
 * The projection keeps the template's output identical: a value is cut only where it is a plain object
 * read key by key or a plain array only iterated; anything else (class instances, Maps, Sets, tuples,
 * values read whole) crosses as `encodeValue` sends it. A template that may read anything (`*`: dynamic
 * and recursive includes, library tags, `{% debug %}`) is not projected at all.
 */
import { isPlainObject, isThenable, sequenceKind } from '@tessera/runtime';
import type { TemplateIR } from '@tessera/template';
import type { Columns } from './columns.js';

/** What of a value crosses: all of it (`true`), or some of its keys and, for an array, its items' shape. */
export type Shape = true | PartShape;

/** A value cut to the keys a template reads; `each`: the shape of an iterated array's items. */
export interface PartShape {
  readonly fields: ReadonlyMap<string, Shape>;
  readonly each: Shape | null;
}

// Dict methods a lookup falls back to when the key is missing: reading one reads the whole dict.
const DICT_METHODS = new Set([
  'items',
  'keys',
  'values',
  'get',
  'copy',
  'pop',
  'popitem',
  'setdefault',
  'update',
  'clear',
  'fromkeys',
]);
// Names Django's context holds below the user's: a context may override them, and the IR records no read.
const BUILTIN_NAMES = ['True', 'False', 'None'];
// Keys are looked up by the addon's diff in every iterated item.
const KEY_FIELD = 'id';
// Beyond this many levels of projection a value is sent whole (each level nests the JSON deeper).
const MAX_LEVELS = 16;

interface Draft {
  whole: boolean;
  fields: Map<string, Draft>;
  each: Draft | null;
}

const draft = (): Draft => ({ whole: false, fields: new Map(), each: null });

// `items[].tags[]` -> ['items', '[]', 'tags', '[]'].
function segments(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split('.')) {
    const name = part.replace(/(\[\])+$/, '');
    out.push(name);
    for (let i = name.length; i < part.length; i += 2) out.push('[]');
  }
  return out;
}

function add(root: Draft, path: string, iterated: boolean): void {
  let node = root;
  const segs = segments(path);
  for (let i = 0; i < segs.length; i++) {
    if (node.whole) return;
    const seg = segs[i] as string;
    if (i >= MAX_LEVELS || (i > 0 && DICT_METHODS.has(seg))) {
      node.whole = true;
      return;
    }
    if (seg === '[]') {
      node.each ??= draft();
      node = node.each;
    } else {
      let next = node.fields.get(seg);
      if (next === undefined) {
        next = draft();
        node.fields.set(seg, next);
      }
      node = next;
    }
  }
  if (!iterated) {
    node.whole = true;
    return;
  }
  node.each ??= draft();
  if (!node.each.fields.has(KEY_FIELD)) node.each.fields.set(KEY_FIELD, { ...draft(), whole: true });
}

function freeze(d: Draft): Shape {
  if (d.whole) return true;
  const fields = new Map<string, Shape>();
  for (const [k, v] of d.fields) fields.set(k, freeze(v));
  return { fields, each: d.each && freeze(d.each) };
}

interface DepNode {
  readonly kind: string;
  readonly deps: readonly string[];
  readonly iterable?: { readonly filters: readonly unknown[] };
  readonly targets?: readonly string[];
}

function isDepNode(v: object): v is DepNode {
  return typeof (v as { kind?: unknown }).kind === 'string' && Array.isArray((v as { deps?: unknown }).deps);
}

/**
 * The shape of the contexts `ir` reads, or `true` when it may read anything. Every node is visited (the
 * page, included bodies, blocks' parents, partials): a path read whole by any node is sent whole.
 */
export function shapeOf(ir: TemplateIR): Shape {
  const root = draft();
  let anything = false;
  const visit = (v: unknown): void => {
    if (anything || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (isDepNode(v) && v !== (ir as object)) {
      if (v.kind === 'debug' || v.deps.includes('*')) anything = true;
      // Unpacking (`{% for k, v in pairs %}`) iterates each item too: items are then read whole.
      const iterated = v.kind === 'for' && v.iterable?.filters.length === 0 && v.targets?.length === 1;
      for (const dep of v.deps) add(root, dep, iterated);
    }
    for (const x of Object.values(v)) visit(x);
  };
  visit(ir.body);
  visit(ir.partials);
  if (anything) return true;
  for (const name of BUILTIN_NAMES) if (!root.fields.has(name)) root.fields.set(name, { ...draft(), whole: true });
  return freeze(root);
}

/**
 * Writes `value` cut to `shape` as the addon's JSON: `whole` encodes what is sent whole (encode.ts
 * `encodeValue`); plain objects and iterated plain arrays are cut here.
 */
export function projectValue(value: unknown, shape: Shape, path: string, whole: Whole, columns?: Columns): string {
  if (shape === true || typeof value !== 'object' || value === null) return whole(value, path);
  if (Array.isArray(value)) {
    if (shape.each === null || shape.fields.size > 0 || sequenceKind(value) !== undefined) return whole(value, path);
    return projectItems(value, shape.each, path, whole, columns);
  }
  // A thenable goes whole, so that reading through it raises the Promise TypeError naming this path.
  if (shape.each !== null || !isPlainObject(value) || isThenable(value)) return whole(value, path);
  return projectFields(value, shape.fields, path, whole, columns);
}

/** Encodes a value sent whole; `path` names it in errors (`user.profile`). */
export type Whole = (value: unknown, path: string) => string;

/** Whether `key` is one of `value`'s own enumerable keys (what `Object.keys` and JSON.stringify see). */
export function hasKey(value: object, key: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(value, key);
}

function projectFields(
  value: Record<string, unknown>,
  fields: ReadonlyMap<string, Shape>,
  path: string,
  whole: Whole,
  columns: Columns | undefined,
): string {
  let out = '{';
  for (const [key, shape] of fields) {
    if (!hasKey(value, key)) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${projectValue(value[key], shape, `${path}.${key}`, whole, columns)}`;
  }
  return `${out}}`;
}

// Items cut to `each`. When every item is a plain object whose kept values are JSON scalars (the common
// loop over rows), they go as a column block (columns.ts), or JSON.stringify with the kept keys as its
// allow-list writes the whole array natively.
function projectItems(
  items: readonly unknown[],
  each: Shape,
  path: string,
  whole: Whole,
  columns: Columns | undefined,
): string {
  if (each !== true && each.each === null && [...each.fields.values()].every((s) => s === true)) {
    const keys = [...each.fields.keys()];
    // The block checks its rows as it reads them, so the common case reads each value once.
    const block = columns?.add(items, keys);
    if (block != null) return block;
    if (scalarRows(items, keys)) return JSON.stringify(items, keys);
  }
  return `[${items.map((item, i) => projectValue(item, each, `${path}.${i}`, whole, columns)).join(',')}]`;
}

/** Whether `item` is a plain object, not a thenable: a row whose values a block or JSON.stringify may read. */
export function isPlainRow(item: unknown): item is Record<string, unknown> {
  return (
    typeof item === 'object' && item !== null && Object.getPrototypeOf(item) === Object.prototype && !isThenable(item)
  );
}

function scalarRows(items: readonly unknown[], keys: readonly string[]): boolean {
  for (const item of items) {
    if (!isPlainRow(item)) return false;
    for (const key of keys) {
      const v = item[key];
      const t = typeof v;
      if (!(t === 'string' || t === 'boolean' || v === null || (t === 'number' && Number.isFinite(v)))) {
        if (v !== undefined || hasKey(item, key)) return false;
      }
    }
  }
  return true;
}
