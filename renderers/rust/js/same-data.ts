/**
 * Which top-level names of a new context would cross into the addon as something other than what it
 * already holds. An update that re-fetches its data (new objects, equal values) then sends only the names
 * whose data changed, and the addon recomputes only what reads them, instead of encoding, parsing and
 * comparing every row again (the addon would find them equal, after paying for both sides of the
 * boundary).
 *
 * The comparison follows what crosses: the template's shape (projection.ts) where the value is cut, its
 * whole data where it is sent whole. Contexts are treated as immutable (the `LiveDocument` contract), so
 * the same object is the same data. Beyond plain data (class instances, Maps, Sets, callables, tuples and
 * dict views, values on a cycle) only the same object counts as unchanged: such values cross with an id by
 * which the addon asks about them later, and an equal copy is not the same object to ask.
 */
import { isPlainObject, isThenable, SafeString, sequenceKind } from '@tessera/runtime';
import { hasKey, isPlainRow, type Shape } from './projection.js';
import { type Read, reader } from './read-key.js';

// Nesting compared before a value counts as changed (the encoder sends deeper values as objects).
const MAX_DEPTH = 64;

/**
 * The names of `next` to send so that the addon, holding `previous`, holds `next`: those `shape` reads
 * whose data differs. Null when only a whole update can say it: a name the template reads is gone, or the
 * template may read anything (`shape` is `true`).
 */
export function changedNames(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
  shape: Shape,
): string[] | null {
  if (shape === true) return null;
  const changed: string[] = [];
  for (const [name, part] of shape.fields) {
    const had = hasKey(previous, name);
    const has = hasKey(next, name);
    if (had && !has) return null;
    if (has && (!had || !sameAt(previous, next, name, part))) changed.push(name);
  }
  return changed;
}

/**
 * The names of `next` an update of a document holding `previous` sends, or null when it sends all of them:
 * the template reads the clock (every render may differ), or what the addon holds is not known (`previous`
 * null: a refused call, or the same context object passed again, changed in place), or `changedNames` says.
 */
export function namesToSend(
  template: { readonly readsClock: boolean; readonly shape: Shape },
  previous: Record<string, unknown> | null,
  next: Record<string, unknown>,
): string[] | null {
  if (previous === null || template.readsClock) return null;
  return changedNames(previous, next, template.shape);
}

/** The entries of `names` in `context`: what a narrowed update sends. */
export function pick(context: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) out[name] = context[name];
  return out;
}

// A getter that throws is the encoder's to report (or to read as Django reads a failing attribute).
function sameAt(a: Record<string, unknown>, b: Record<string, unknown>, name: string, shape: Shape): boolean {
  try {
    return sameData(a[name], b[name], shape, []);
  } catch {
    return false;
  }
}

/** Whether `a` and `b` cross as the same data along `shape`; `open` holds the containers being compared. */
export function sameData(a: unknown, b: unknown, shape: Shape, open: object[]): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  if (open.length >= MAX_DEPTH || open.includes(a)) return false;
  if (Array.isArray(a)) return Array.isArray(b) && sameItems(a, b, shape, open);
  if (isPlainObject(a)) return isPlainObject(b) && !isThenable(a) && !isThenable(b) && sameFields(a, b, shape, open);
  const proto: unknown = Object.getPrototypeOf(a);
  if (proto !== Object.getPrototypeOf(b)) return false;
  if (proto === Date.prototype) return Object.is((a as Date).getTime(), (b as Date).getTime());
  if (proto === SafeString.prototype) return (a as SafeString).value === (b as SafeString).value;
  return false;
}

function sameItems(a: readonly unknown[], b: readonly unknown[], shape: Shape, open: object[]): boolean {
  if (a.length !== b.length || sequenceKind(a) !== undefined || sequenceKind(b) !== undefined) return false;
  if (Object.getPrototypeOf(a) !== Array.prototype || Object.getPrototypeOf(b) !== Array.prototype) return false;
  // Items are cut only when the array is iterated and nothing else is read of it (projection.ts).
  const each = shape !== true && shape.each !== null && shape.fields.size === 0 ? shape.each : true;
  const reads = rowReaders(each);
  open.push(a);
  try {
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      if (reads !== null && sameScalarRow(x, y, reads)) continue;
      if (!sameData(x, y, each, open)) return false;
    }
    return true;
  } finally {
    open.pop();
  }
}

// The readers of a row shape whose every key is read whole (the loop over rows of plain data), or null.
const rowReadersOf = new WeakMap<object, readonly Read[] | null>();
function rowReaders(each: Shape): readonly Read[] | null {
  if (each === true) return null;
  let reads = rowReadersOf.get(each);
  if (reads === undefined) {
    const whole = each.each === null && [...each.fields.values()].every((s) => s === true);
    reads = whole ? [...each.fields.keys()].map(reader) : null;
    rowReadersOf.set(each, reads);
  }
  return reads;
}

/**
 * The common case of a re-fetched row, answered without the general comparison: both plain rows, every
 * read key holding the same primitive in both (present, since a primitive other than undefined is read).
 * Anything else (objects, functions, undefined, another prototype) is left to `sameData`.
 */
function sameScalarRow(x: unknown, y: unknown, reads: readonly Read[]): boolean {
  if (!isPlainRow(x) || !isPlainRow(y)) return false;
  for (const read of reads) {
    const u = read(x);
    if (u === undefined || (typeof u === 'object' && u !== null) || typeof u === 'function') return false;
    if (!Object.is(u, read(y))) return false;
  }
  return true;
}

// The fields of a shape as an array, read once per shape: comparisons run once per row.
const entries = new WeakMap<object, readonly (readonly [string, Shape])[]>();
function entriesOf(shape: Exclude<Shape, true>): readonly (readonly [string, Shape])[] {
  let list = entries.get(shape);
  if (list === undefined) {
    list = [...shape.fields];
    entries.set(shape, list);
  }
  return list;
}

function sameFields(a: Record<string, unknown>, b: Record<string, unknown>, shape: Shape, open: object[]): boolean {
  open.push(a);
  try {
    // A plain object read key by key crosses with only those keys.
    if (shape !== true && shape.each === null) {
      for (const [key, part] of entriesOf(shape)) {
        const x = a[key];
        const y = b[key];
        // Where a missing key reads as something (undefined, what Object.prototype holds), equal reads
        // can still differ in the key's presence.
        const inherited = x === undefined || typeof x === 'function' || key === '__proto__';
        if (inherited && hasKey(a, key) !== hasKey(b, key)) return false;
        if (!Object.is(x, y) && !sameData(x, y, part, open)) return false;
      }
      return true;
    }
    // A dict sent whole keeps its order (it prints and iterates in it).
    const keys = Object.keys(a);
    const others = Object.keys(b);
    if (keys.length !== others.length) return false;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (others[i] !== key) return false;
      const x = a[key];
      // A dict holding a callable crosses as an object the addon asks about (encode.ts).
      if (typeof x === 'function' || !sameData(x, b[key], true, open)) return false;
    }
    return true;
  } finally {
    open.pop();
  }
}
