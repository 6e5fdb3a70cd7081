import { SafeString } from './safe.js';

/** Sentinel returned by `lookup` when a segment cannot be resolved (Django's VariableDoesNotExist). */
export const MISSING: unique symbol = Symbol('tessera.missing');

/** Python's None: JS `null`, `undefined` and an unresolved lookup. */
export function isNone(v: unknown): v is null | undefined | typeof MISSING {
  return v === null || v === undefined || v === MISSING;
}

/**
 * Whether a JS number stands for a Python int. JSON cannot tell `1.0` from `1`, so the rule is:
 * a safe integer is an int, every other number (fractions, NaN, infinities, integers beyond 2^53) a float.
 */
export function isPyInt(n: number): boolean {
  return Number.isSafeInteger(n);
}

/** A plain object (`{}` literal, JSON, `Object.create(null)`): a Python dict. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A dict: a plain object or a Map. */
export function isDict(v: unknown): v is Record<string, unknown> | Map<unknown, unknown> {
  return v instanceof Map || isPlainObject(v);
}

/** A dict's entries in insertion order, as Python iterates them. */
export function dictEntries(d: Record<string, unknown> | Map<unknown, unknown>): [unknown, unknown][] {
  return d instanceof Map ? [...d.entries()] : Object.entries(d);
}

/** The name Python would give the value's type, for error messages (`'int' object is not iterable`). */
export function pyTypeName(v: unknown): string {
  if (isNone(v)) return 'NoneType';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return isPyInt(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'str';
    case 'function':
      return 'function';
    default:
      break;
  }
  if (Array.isArray(v)) return dictViewKind(v) ?? (sequenceKinds.get(v) === 'tuple' ? 'tuple' : 'list');
  if (v instanceof Date) return 'datetime.datetime';
  if (v instanceof Set) return 'set';
  if (isDict(v)) return 'dict';
  if (v instanceof SafeString) return 'SafeString';
  return className(v) ?? 'object';
}

/** The name of an object's class (its prototype's own `constructor`), as Python names an instance's type. */
export function className(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const proto: unknown = Object.getPrototypeOf(v);
  if (typeof proto !== 'object' || proto === null) return undefined;
  const ctor: unknown = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
  const name: unknown = typeof ctor === 'function' ? ctor.name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** An Error whose `name` is the Python exception class Django would raise (`TypeError`, `ValueError`). */
export function pyError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/** How a JS array prints when it stands for a Python sequence other than a list. */
export type SequenceKind = 'tuple' | 'dict_items' | 'dict_keys' | 'dict_values';

const sequenceKinds = new WeakMap<readonly unknown[], SequenceKind>();

/**
 * Mark an array as a Python tuple or dict view, so that it prints as `('a', 1)` or `dict_keys(['a'])`.
 * It stays an array for everything else (iteration, length, truthiness, lookup).
 */
export function tagSequence<T extends readonly unknown[]>(items: T, kind: SequenceKind): T {
  sequenceKinds.set(items, kind);
  return items;
}

/** The Python sequence type an array was tagged with, `undefined` for a plain list. */
export function sequenceKind(items: readonly unknown[]): SequenceKind | undefined {
  return sequenceKinds.get(items);
}

/**
 * Whether `v` stands for a dict view (`dict_keys`, `dict_values`, `dict_items`): iterable and sized, but not
 * subscriptable, not JSON serializable, and compared as a set (keys, items) or by identity (values).
 */
export function dictViewKind(v: unknown): 'dict_keys' | 'dict_values' | 'dict_items' | undefined {
  if (!Array.isArray(v)) return undefined;
  const kind = sequenceKinds.get(v);
  return kind === undefined || kind === 'tuple' ? undefined : kind;
}

/** A namedtuple's class name and field names. */
export interface TupleFields {
  readonly name: string;
  readonly fields: readonly string[];
}

const namedTuples = new WeakMap<readonly unknown[], TupleFields>();

/**
 * A Python namedtuple: a tuple (indexable, sized, iterable) whose items are also attributes, printed as
 * `Name(field=value, ...)`. `namedTuple('GroupedResult', ['grouper', 'list'], [key, members])` is the item
 * `{% regroup %}` makes.
 */
export function namedTuple(name: string, fields: readonly string[], values: unknown[]): unknown[] {
  tagSequence(values, 'tuple');
  namedTuples.set(values, { name, fields });
  return values;
}

/** The class and field names of an array made by `namedTuple`, `undefined` for any other array. */
export function tupleFields(items: readonly unknown[]): TupleFields | undefined {
  return namedTuples.get(items);
}
