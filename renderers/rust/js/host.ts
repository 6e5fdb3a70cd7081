/**
 * The application's side of a render: the addon calls back here for `{% url %}`, library tags and library
 * filters, which are JavaScript functions, and for templates named at render time (dynamic `{% include %}`
 * and `{% extends %}`), which the frontend compiles to IR (crates/dtl/src/engine/host.rs). Requests and
 * answers are JSON with the context's value tags; errors travel as `{"error": {name, message}}` so nothing
 * throws across N-API.
 */
import { applyFilter, markSafe, SafeString, type RuntimeOptions } from '@tessera/runtime';
import type { Template } from '@tessera/template';
import { encodeValue, unsupported } from './encode.js';
import { fromStandIns, toStandIns } from './surrogates.js';

/** The callback the addon receives: `(kind, payload) => answer`. */
export type HostFn = (kind: string, payload: string) => string;

// The inverse of the context tags (encode.ts): SafeString, special floats, Dates.
function revive(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  if (typeof o['\u0000s'] === 'string') return markSafe(o['\u0000s']);
  if (typeof o['\u0000f'] === 'string') return Number(o['\u0000f']);
  const date = o['\u0000d'];
  if (Array.isArray(date)) return new Date(typeof date[0] === 'number' ? date[0] : Number.NaN);
  return value;
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
}

/** Values handed to the url hook: SafeString literals become plain strings, as in the string renderer. */
function plain(v: unknown): unknown {
  return v instanceof SafeString ? v.value : v;
}

function answer(template: Template, kind: string, call: Call, options: RuntimeOptions): unknown {
  switch (kind) {
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

/** The host of renders of `template`. */
export function hostFor(template: Template): HostFn {
  const options = template.options.runtime;
  return (kind, payload) => {
    try {
      const call = JSON.parse(fromStandIns(payload), revive) as Call;
      const value = answer(template, kind, call, options);
      // A template's IR is JSON text the addon parses in turn: its lone surrogates go as stand-ins too.
      if (kind === 'load' || kind === 'extend') return JSON.stringify({ ok: toStandIns(value as string) });
      return `{"ok":${encodeValue(value, options)}}`;
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      return JSON.stringify({ error: { name: e.name, message: e.message } });
    }
  };
}
