/**
 * The JS -> Rust boundary: a context becomes one JSON string (the fastest of the alternatives measured
 * in README.md), read by the value mapping of `@tessera/runtime`, so that the addon sees every value as
 * the JavaScript renderers see it. Values JSON cannot carry are tagged: SafeStrings, NaN and infinities,
 * Dates with their wall clock in the template's time zone, `undefined`, and objects that are not plain
 * data (class instances, Sets, Maps with other than string keys, callables, Promises, BigInts beyond
 * 64 bits, containers on a cycle), which cross with what can be read ahead (own data fields, items,
 * the printed text, truthiness, length) and an id by which the addon asks for the rest (getters,
 * methods, calls, lookups through a cycle) when a template needs it (host.ts).
 *
 * `encodeValue` reads one value by those rules: a projection that sends only the paths a template reads
 * can call it for each of them. Lone surrogates cross as stand-ins (surrogates.ts).
 */
import {
  formatDate,
  instanceAttributes,
  isIterator,
  isPlainObject,
  isThenable,
  isTruthy,
  iteratorItems,
  MISSING,
  promiseError,
  pyIter,
  pyLen,
  pyRepr,
  pyTypeName,
  SafeString,
  sequenceKind,
  type RuntimeOptions,
} from '@tessera/runtime';
import type { Columns } from './columns.js';
import { hasKey, projectValue, type Shape } from './projection.js';
import { ObjectRegistry } from './registry.js';
import { toStandIns } from './surrogates.js';

// Keys the Rust value model reads as tags (crates/dtl/src/value/json.rs).
const SAFE_TAG = '\u0000s';
const FLOAT_TAG = '\u0000f';
const DATE_TAG = '\u0000d';
const UNDEFINED_JSON = '{"\\u0000u":0}';
const OBJECT_OPEN = '{"\\u0000o":';

// JSON nesting the addon reads (serde_json stops at 128 levels): a value deeper than this crosses as an
// object the addon asks the application about, level by level.
const MAX_DEPTH = 96;
// Each object adds three levels: its tag, its fields, its attributes or items.
const OBJECT_LEVELS = 3;

// Wall-clock fields, offset, abbreviation and DST of a Date in the template's zone, read through the
// runtime's own formatter so both sides agree on time zones (Rust has no IANA database here).
// Z, T and I print nothing for a wall time that happens twice (Django then shows no zone).
const FIELDS = 'Y|n|j|G|i|s|u|Z|T|I';

/** A Date as the Rust value model reads it: `{"\u0000d": [ms, y, m, d, H, M, S, ms, offset, abbr, dst, known]}`. */
export function dateTag(date: Date, options: RuntimeOptions): Record<string, unknown> {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return { [DATE_TAG]: [null, 1970, 1, 1, 0, 0, 0, 0, 0, '', false, false] };
  const [y = '', mo = '', d = '', h = '', mi = '', s = '', us = '', z = '', abbr = '', dst = ''] = formatDate(
    date,
    FIELDS,
    options,
  ).split('|');
  const local = [
    Number(y),
    Number(mo),
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Math.floor(Number(us) / 1000),
  ] as const;
  const wall = new Date(0);
  wall.setUTCFullYear(local[0], local[1] - 1, local[2]);
  wall.setUTCHours(local[3], local[4], local[5], local[6]);
  const offset = z === '' ? Math.round((wall.getTime() - ms) / 1000) : Number(z);
  return { [DATE_TAG]: [ms, ...local, offset, abbr, dst === '1', z !== ''] };
}

/** What renderer-rust refuses to render rather than render wrongly. */
export function unsupported(message: string): Error {
  return Object.assign(new Error(message), { name: 'UnsupportedError' });
}

// Whether plain JSON.stringify carries `v` exactly: only plain objects, arrays, strings, booleans, null and
// finite numbers, not too deep (a cycle is too deep). A replacer function doubles the cost of JSON.stringify
// (README.md), and this walk is a fraction of it, so anything else takes the encoder below.
function isPlainJson(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object': {
      if (v === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(v)) {
        for (const item of v) if (!isPlainJson(item, depth + 1)) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in v) if (!isPlainJson((v as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The fields of an object's wire form (crates/dtl/src/value/object.rs `ObjectWire`). */
interface ObjectFields {
  id?: number;
  class: string;
  text: string;
  truthy: boolean;
  len?: number | undefined;
  attrs?: string;
  lazy?: readonly string[] | true;
  items?: string;
  iter?: true;
  indexed?: true;
  call?: true;
  fault?: readonly [string, string];
}

function objectJson(f: ObjectFields): string {
  let out = `${OBJECT_OPEN}{"id":${f.id ?? 0},"class":${JSON.stringify(f.class)},"text":${JSON.stringify(f.text)},"truthy":${f.truthy}`;
  if (f.len !== undefined) out += `,"len":${f.len}`;
  if (f.attrs !== undefined) out += `,"attrs":${f.attrs}`;
  if (f.lazy !== undefined) out += `,"lazy":${JSON.stringify(f.lazy)}`;
  if (f.items !== undefined) out += `,"items":${f.items}`;
  if (f.iter) out += ',"iter":true';
  if (f.indexed) out += ',"indexed":true';
  if (f.call) out += ',"call":true';
  if (f.fault) out += `,"fault":${JSON.stringify(f.fault)}`;
  return `${out}}}`;
}

// The printed form never throws: a value whose printing raises (a getter) prints as its type.
function textOf(v: unknown): string {
  try {
    return pyRepr(v);
  } catch {
    return `<${pyTypeName(v)} object>`;
  }
}

function isIterable(v: object): boolean {
  return typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

function hasFunctionValue(values: Iterable<unknown>): boolean {
  for (const x of values) if (typeof x === 'function') return true;
  return false;
}

interface DoNotCall {
  do_not_call_in_templates?: unknown;
}

/**
 * One encoding of a value. Containers met again below themselves (a cycle) are sent as objects whose
 * text is Python's (`[[...]]`), each occurrence below the first as a reference the addon resolves through
 * the application; when a cycle runs through a plain container not yet sent that way, `cyclic` tells the
 * caller to encode again with it added to `forced`.
 */
class Encoder {
  readonly #onPath = new Set<object>();
  readonly #path: object[] = [];
  cyclic = false;

  constructor(
    readonly options: RuntimeOptions,
    readonly registry: ObjectRegistry,
    readonly forced: Set<object>,
  ) {}

  value(v: unknown, path: string, depth: number): string {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return Number.isFinite(v) ? JSON.stringify(v) : JSON.stringify({ [FLOAT_TAG]: String(v) });
      case 'boolean':
        return v ? 'true' : 'false';
      case 'undefined':
        return UNDEFINED_JSON;
      case 'bigint':
        if (v >= -MAX_SAFE && v <= MAX_SAFE) return String(v);
        return objectJson({ id: this.registry.id(v), class: 'int', text: String(v), truthy: v !== 0n });
      case 'symbol':
        // An unresolved lookup (a host answer) is what `undefined` is: missing.
        if (v === MISSING) return UNDEFINED_JSON;
        return objectJson({ id: this.registry.id(v), class: 'symbol', text: textOf(v), truthy: true });
      case 'function':
        return isThenable(v) ? this.#fault(v, path) : this.#callable(v, path, depth);
      default:
        return v === null ? 'null' : this.#object(v as object, path, depth);
    }
  }

  #object(v: object, path: string, depth: number): string {
    if (v instanceof SafeString) return JSON.stringify({ [SAFE_TAG]: v.value });
    if (v instanceof Date) {
      // An invalid Date has no wall clock to send: the application answers for it, as the JS renderers
      // read it (`NaT`, its fields NaN).
      if (Number.isNaN(v.getTime())) return this.#described(v, { lazy: true });
      return JSON.stringify(dateTag(v, this.options));
    }
    if (isThenable(v)) return this.#fault(v, path);
    const value = isIterator(v) ? iteratorItems(v) : v;
    if (this.#onPath.has(value)) return this.#backReference(value);
    if (depth >= MAX_DEPTH) return this.#reference(value);
    this.#onPath.add(value);
    this.#path.push(value);
    try {
      return this.#container(value, path, depth);
    } finally {
      this.#onPath.delete(value);
      this.#path.pop();
    }
  }

  #container(v: object, path: string, depth: number): string {
    const forced = this.forced.has(v);
    if (Array.isArray(v)) {
      // A tuple or dict view (what `items` answers) keeps its Python type: an object that prints as one.
      const kind = sequenceKind(v);
      if (!forced && kind === undefined)
        return `[${Array.from(v, (x, i) => this.value(x, `${path}.${i}`, depth + 1)).join(',')}]`;
      // A dict view is not subscriptable: `keys.0` is a failed lookup, as in Python.
      return this.#described(v, {
        class: kind ?? 'list',
        items: this.#list(v, path, depth + OBJECT_LEVELS),
        ...(kind === undefined || kind === 'tuple' ? { indexed: true as const } : {}),
      });
    }
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (!forced && !hasFunctionValue(keys.map((k) => v[k]))) return this.#dict(keys, (k) => v[k], path, depth + 1);
      return this.#dictObject(keys, (k) => v[k], v, path, depth);
    }
    if (v instanceof Map) {
      const stringKeys = [...v.keys()].every((k) => typeof k === 'string');
      const keys = [...v.keys()].filter((k): k is string => typeof k === 'string');
      if (!forced && stringKeys && !hasFunctionValue(v.values()))
        return this.#dict(keys, (k) => v.get(k), path, depth + 1);
      return this.#dictObject(keys, (k) => v.get(k), v, path, depth);
    }
    if (v instanceof Set)
      return this.#described(v, { class: 'set', items: this.#list([...v], path, depth + OBJECT_LEVELS) });
    return this.#instance(v, path, depth);
  }

  #dict(keys: readonly string[], get: (k: string) => unknown, path: string, depth: number): string {
    const parts: string[] = [];
    for (const k of keys) parts.push(`${JSON.stringify(k)}:${this.#read(() => get(k), `${path}.${k}`, depth)}`);
    return `{${parts.join(',')}}`;
  }

  // A dict the addon cannot hold as plain data (callables among its values, keys that are not strings, a
  // cycle through it): its string-keyed data read ahead, everything else asked of the application.
  #dictObject(keys: readonly string[], get: (k: string) => unknown, v: object, path: string, depth: number): string {
    const data = keys.filter((k) => typeof get(k) !== 'function');
    return this.#described(v, {
      class: 'dict',
      attrs: this.#dict(data, get, path, depth + OBJECT_LEVELS),
      lazy: true,
      items: this.#list(pyIter(v), path, depth + OBJECT_LEVELS),
    });
  }

  // A class instance (an Objection model, a user class, a typed array, ...): own data fields ahead,
  // getters and methods on demand.
  #instance(v: object, path: string, depth: number): string {
    const { data, computed } = instanceAttributes(v);
    const fields: Partial<ObjectFields> = {
      attrs: this.#dict(data, (k) => (v as Record<string, unknown>)[k], path, depth + OBJECT_LEVELS),
    };
    if (computed.length > 0) fields.lazy = computed;
    if (isIterable(v)) fields.items = this.#list(pyIter(v), path, depth + OBJECT_LEVELS);
    return this.#described(v, fields);
  }

  // A function: called by the application when a template resolves it, unless marked
  // do_not_call_in_templates (then its own fields are its attributes).
  #callable(fn: object, path: string, depth: number): string {
    if (!(fn as DoNotCall).do_not_call_in_templates) return this.#described(fn, { class: 'function', call: true });
    const keys = Object.keys(fn);
    const get = (k: string): unknown => (fn as unknown as Record<string, unknown>)[k];
    const data = keys.filter((k) => typeof get(k) !== 'function');
    const computed = keys.filter((k) => typeof get(k) === 'function');
    return this.#described(fn, {
      class: 'function',
      attrs: this.#dict(data, get, path, depth + OBJECT_LEVELS),
      ...(computed.length > 0 ? { lazy: computed } : {}),
    });
  }

  // A Promise: refused where a template resolves it, printed inside a container.
  #fault(v: object, path: string): string {
    return objectJson({
      id: this.registry.id(v),
      class: pyTypeName(v),
      text: textOf(v),
      truthy: true,
      fault: ['TypeError', promiseError(path).message],
    });
  }

  // A container met again below itself: every container on the cycle is sent as an object (with
  // Python's text for it), and this occurrence as a reference the addon asks the application about.
  #backReference(v: object): string {
    for (let i = this.#path.lastIndexOf(v); i < this.#path.length; i++) {
      const on = this.#path[i] as object;
      if (!this.forced.has(on) && (Array.isArray(on) || isPlainObject(on) || on instanceof Map)) {
        this.forced.add(on);
        this.cyclic = true;
      }
    }
    return this.#reference(v);
  }

  #reference(v: object): string {
    return this.#described(v, {
      class: pyTypeName(v),
      lazy: true,
      ...(isIterable(v) || isPlainObject(v) ? { iter: true as const } : {}),
    });
  }

  #described(v: object, fields: Partial<ObjectFields>): string {
    const len = pyLen(v);
    return objectJson({
      id: this.registry.id(v),
      class: pyTypeName(v),
      text: textOf(v),
      truthy: isTruthy(v),
      ...(len === undefined ? {} : { len }),
      ...fields,
    });
  }

  #list(items: readonly unknown[], path: string, depth: number): string {
    // Array.from, not map: a hole of a sparse array is an item like `undefined`, not nothing.
    return `[${Array.from(items, (x, i) => this.value(x, `${path}.${i}`, depth + 1)).join(',')}]`;
  }

  // A value read from a container: a getter that throws becomes an error the addon raises where a
  // template resolves it, as the JavaScript renderers raise it there.
  #read(get: () => unknown, path: string, depth: number): string {
    let v: unknown;
    try {
      v = get();
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      return objectJson({ class: 'Error', text: '', truthy: true, fault: [e.name, e.message] });
    }
    return this.value(v, path, depth);
  }
}

/**
 * The context as JSON for the addon; Dates are shown in `options.timezone`. Objects that are not plain
 * data are held in `registry` for the addon's questions; a live document passes its own, with `ownerOf`
 * naming who holds the objects of each top-level name (released when the name is replaced). With a
 * `shape` (projection.ts), only what the template reads is sent; with `columns`, loops over plain rows go
 * there (columns.ts) instead of into the JSON.
 */
export function encodeContext(
  context: Record<string, unknown>,
  options: RuntimeOptions,
  registry: ObjectRegistry = new ObjectRegistry(),
  ownerOf?: (name: string) => string,
  shape: Shape = true,
  columns?: Columns,
): string {
  if (shape === true && isPlainJson(context, 0)) return toStandIns(JSON.stringify(context));
  const whole = (v: unknown, path: string) => encodeValue(v, options, registry, path);
  const parts: string[] = [];
  const keys = shape === true ? Object.keys(context) : [...shape.fields.keys()].filter((k) => hasKey(context, k));
  for (const key of keys) {
    const one = () =>
      shape === true
        ? whole(context[key], key)
        : projectValue(context[key], shape.fields.get(key) ?? true, key, whole, columns);
    parts.push(`${JSON.stringify(key)}:${ownerOf ? registry.ownedBy(ownerOf(key), one) : one()}`);
  }
  return toStandIns(`{${parts.join(',')}}`);
}

/**
 * Any value as the addon reads it; `path` names it in errors (`user.profile`). The text still holds lone
 * surrogates as JSON escapes: whatever embeds it passes the whole text through `toStandIns` once.
 */
export function encodeValue(
  value: unknown,
  options: RuntimeOptions,
  registry: ObjectRegistry = new ObjectRegistry(),
  path = 'value',
): string {
  if (isPlainJson(value, 0)) return JSON.stringify(value) ?? 'null';
  return encodeRead(value, options, registry, path);
}

/**
 * `encodeValue` without the plain-JSON shortcut, for what the runtime computed (a host answer), which
 * may be a tuple or dict view: arrays the runtime tagged with their Python type.
 */
export function encodeRead(value: unknown, options: RuntimeOptions, registry: ObjectRegistry, path = 'value'): string {
  const forced = new Set<object>();
  for (;;) {
    const encoder = new Encoder(options, registry, forced);
    const json = encoder.value(value, path, 0);
    if (!encoder.cyclic) return json;
  }
}
