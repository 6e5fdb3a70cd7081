/**
 * The application's side of a render: the addon calls back here for `{% url %}`, library tags and library
 * filters, which are JavaScript functions, for templates named at render time (dynamic `{% include %}`
 * and `{% extends %}`), which the frontend compiles to IR (crates/dtl/src/engine/host.rs), and for what
 * the context's objects compute on demand (getters, methods, callables, lookups through a cycle: the
 * runtime's own `lookup` answers, on the object the registry holds under the id the addon sends).
 * Requests and answers are JSON with the context's value tags; errors travel as
 * `{"error": {name, message}}` so nothing throws across N-API.
 */
import {
  applyFilter,
  lookup,
  lookupPath,
  markSafe,
  pyIter,
  SafeString,
  tagSequence,
  type RuntimeOptions,
  type SequenceKind,
} from '@tessera/runtime';
import type { Template } from '@tessera/template';
import { encodeRead, unsupported } from './encode.js';
import { fromStandIns, toStandIns } from './surrogates.js';
import type { ObjectRegistry } from './registry.js';

/** The callback the addon receives: `(kind, payload) => answer`. */
export type HostFn = (kind: string, payload: string) => string;

// The inverse of the context tags (encode.ts): SafeString, special floats, Dates, `undefined`, and the
// application's objects, which come back as their ids; and tuples, dict views and order-keeping dicts,
// which only the addon writes (crates/dtl/src/value/json.rs `write_json`).
// A reviver returning `undefined` deletes the key (a hole in an array): `undefined` comes back as this
// mark, which the container holding it (revived after its members) turns into a member set to `undefined`.
const UNDEFINED_MARK = Symbol('undefined');

function unmark(container: Record<string, unknown> | unknown[]): void {
  for (const key of Object.keys(container)) {
    if ((container as Record<string, unknown>)[key] === UNDEFINED_MARK)
      (container as Record<string, unknown>)[key] = undefined;
  }
}

// `marks`: the payload holds an `undefined`, so containers look for the mark.
function reviver(registry: ObjectRegistry, marks: boolean): (key: string, value: unknown) => unknown {
  return (_key, value) => {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      if (marks) unmark(value);
      return value;
    }
    const o = value as Record<string, unknown>;
    if (typeof o['\u0000s'] === 'string') return markSafe(o['\u0000s']);
    if (typeof o['\u0000f'] === 'string') return Number(o['\u0000f']);
    if ('\u0000u' in o) return UNDEFINED_MARK;
    const ref = o['\u0000r'];
    if (typeof ref === 'number') return registry.get(ref);
    const date = o['\u0000d'];
    if (Array.isArray(date)) return new Date(typeof date[0] === 'number' ? date[0] : Number.NaN);
    // A tuple or dict view keeps its Python type; a dict whose keys JavaScript would reorder is a Map.
    const seq = o['\u0000q'];
    if (Array.isArray(seq) && Array.isArray(seq[1])) return tagSequence(seq[1], seq[0] as SequenceKind);
    const entries = o['\u0000m'];
    if (Array.isArray(entries)) return new Map(entries as [unknown, unknown][]);
    if (marks) unmark(o);
    return value;
  };
}

interface Call {
  readonly view?: string;
  readonly library?: string;
  readonly tag?: string;
  readonly name?: string;
  readonly args?: unknown[];
  readonly kwargs?: Record<string, unknown>;
  readonly autoescape?: boolean;
  readonly value?: unknown;
  readonly arg?: unknown;
  readonly page?: string;
  readonly parent?: string;
  readonly id?: number;
  readonly path?: string;
}

/** Values handed to the url hook: SafeString literals become plain strings, as in the string renderer. */
function plain(v: unknown): unknown {
  return v instanceof SafeString ? v.value : v;
}

// The object behind an id the addon holds.
function held(registry: ObjectRegistry, call: Call): unknown {
  const obj = registry.get(call.id ?? 0);
  if (obj === undefined) throw new Error(`renderer-rust asked for object ${String(call.id)}, which is no longer held`);
  return obj;
}

function answer(
  template: Template,
  kind: string,
  call: Call,
  options: RuntimeOptions,
  registry: ObjectRegistry,
): unknown {
  switch (kind) {
    case 'lookup':
      return lookup(held(registry, call), call.name ?? '', call.path);
    case 'resolve': {
      const path = (call.path ?? '').split('.');
      return lookupPath(held(registry, call), path, path.length);
    }
    case 'iter':
      return pyIter(held(registry, call));
    case 'url': {
      const hook = template.options.url;
      if (!hook) {
        throw Object.assign(
          new Error(`Reverse for '${call.view ?? ''}' not found: no url hook was given to compile()`),
          { name: 'NoReverseMatch' },
        );
      }
      const kwargs = Object.fromEntries(Object.entries(call.kwargs ?? {}).map(([k, v]) => [k, plain(v)]));
      return hook(call.view ?? '', (call.args ?? []).map(plain), kwargs);
    }
    case 'tag': {
      const tag = template.tag(call.library ?? '', call.tag ?? '');
      const lookup = (name: string): never => {
        throw unsupported(
          `library tag '${call.tag ?? ''}' looked up '${name}': renderer-rust does not expose its context to tags`,
        );
      };
      return tag.fn(call.args ?? [], call.kwargs ?? {}, { lookup, autoescape: call.autoescape ?? true });
    }
    case 'filter': {
      const spec = template.filter(call.name ?? '', call.library);
      return applyFilter(spec, call.value, 'arg' in call ? call.arg : undefined, {
        autoescape: call.autoescape ?? true,
        options,
      });
    }
    case 'load':
      return JSON.stringify(template.load(call.name ?? '').ir);
    case 'extend':
      return JSON.stringify(template.load(call.page ?? '').extend(call.parent ?? '').ir);
    default:
      throw new Error(`unknown host request '${kind}'`);
  }
}

/** The host of renders of `template`, answering for the objects of `registry`. */
export function hostFor(template: Template, registry: ObjectRegistry): HostFn {
  const options = template.options.runtime;
  const revive = reviver(registry, false);
  const reviveMarks = reviver(registry, true);
  return (kind, payload) => {
    try {
      // The undefined tag, `{"\u0000u":0}`, as JSON text.
      const marks = payload.includes('"\\u0000u"');
      const call = JSON.parse(fromStandIns(payload), marks ? reviveMarks : revive) as Call;
      const value = answer(template, kind, call, options, registry);
      // A template's IR is JSON text the addon parses in turn: its lone surrogates go as stand-ins too.
      if (kind === 'load' || kind === 'extend') return JSON.stringify({ ok: toStandIns(value as string) });
      return toStandIns(`{"ok":${encodeRead(value, options, registry)}}`);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      return JSON.stringify({ error: { name: e.name, message: e.message } });
    }
  };
}
