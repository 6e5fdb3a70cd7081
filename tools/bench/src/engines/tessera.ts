import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryLoader, compile } from '@tessera/template';
import { templateDir } from '../paths.js';
import type { AsyncSession } from '../throughput.js';
import type { BoundaryProbe, Comparison, Context, JsEngine, LiveSession, PreparedEngine } from '../types.js';

/** The part of a renderer package the bench uses (the renderer contract), plus the vdom's fallback count. */
interface RendererModule {
  prepare(template: unknown): unknown;
  render(prepared: unknown, context: Context): string;
  mount?(prepared: unknown, context: Context): LiveSession;
  /** A live document whose work runs off the JavaScript thread (renderer-rust). */
  mountAsync?(prepared: unknown, context: Context): Promise<AsyncSession>;
  /** A response-ready path (codegen): the page as UTF-8 bytes into a reused buffer. */
  renderToBuffer?(prepared: unknown, context: Context, output?: unknown): Uint8Array;
}

/** The reusable output a renderer with `renderToBuffer` exports beside it. */
type ResponseBufferClass = new () => unknown;

type FallbackCounter = (prepared: unknown) => unknown;

/** What `@tessera/renderer-rust` adds for timing its boundary: its encoder and the addon's own timers. */
interface NativeModule {
  encodeContext(context: Context, options: unknown): string;
  /** What crosses into the addon for a context: its projected JSON and the column blocks of its loops. */
  encodeSent?(prepared: unknown, context: Context): { json: string; columns: Uint8Array | undefined };
  renderStats(prepared: unknown): { parseMicros: number; renderMicros: number };
}

/** A mounted native document: `stats` times the steps of the last update. */
interface NativeSession extends LiveSession {
  readonly stats: { parseMicros: number; renderMicros: number; diffMicros: number; decodeMicros: number };
}

function isNative(module: Record<string, unknown>): boolean {
  return typeof module['encodeContext'] === 'function' && typeof module['renderStats'] === 'function';
}

/**
 * Times the steps of the native engine's calls: the whole call, the timers the package keeps for what the
 * call did (the addon's parse, render and diff; decoding its patch list in JS), and the context's encoding
 * redone beside it on the same data.
 */
function nativeProbe(native: NativeModule, renderer: RendererModule, prepared: unknown): BoundaryProbe | undefined {
  const mount = renderer.mount;
  if (mount === undefined) return undefined;
  const { options } = prepared as { options: unknown };
  const send = (context: Context) =>
    native.encodeSent?.(prepared, context) ?? { json: native.encodeContext(context, options), columns: undefined };
  const encode = (context: Context): number => {
    const t = performance.now();
    send(context);
    return performance.now() - t;
  };
  return {
    sentBytes: (context) => {
      const sent = send(context);
      return Buffer.byteLength(sent.json) + (sent.columns?.byteLength ?? 0);
    },
    render: (context) => {
      const t = performance.now();
      renderer.render(prepared, context);
      const total = performance.now() - t;
      const stats = native.renderStats(prepared);
      const ms = { parse: stats.parseMicros / 1000, render: stats.renderMicros / 1000 };
      return { total, encode: encode(context), ...ms, diff: null, decode: null };
    },
    mount: (first) => {
      const doc = mount(prepared, first) as NativeSession;
      return {
        update: (context) => {
          const t = performance.now();
          doc.update(context);
          const total = performance.now() - t;
          const { parseMicros, renderMicros, diffMicros, decodeMicros } = doc.stats;
          const ms = { parse: parseMicros / 1000, render: renderMicros / 1000, diff: diffMicros / 1000 };
          return { total, encode: encode(context), ...ms, decode: decodeMicros / 1000 };
        },
      };
    },
  };
}

/** Imports one renderer package; the bench declares each one in its package.json. */
export type RendererImport = () => Promise<object>;

/**
 * `@tessera/renderer-rust` is an optional peer dependency: its native addon may not be built, so it is
 * imported by a name the TypeScript build does not resolve, and reported unavailable when it fails to load.
 */
export const importRust: RendererImport = () => {
  const specifier = '@tessera/renderer-rust';
  // import-check: @tessera/renderer-rust
  return import(specifier) as Promise<object>;
};

function rendererFrom(module: Record<string, unknown>, specifier: string): RendererModule {
  const candidate = (module['renderer'] ?? module['default']) as Partial<RendererModule> | undefined;
  if (typeof candidate?.prepare !== 'function' || typeof candidate.render !== 'function') {
    throw new Error(`${specifier} has no renderer export with prepare() and render()`);
  }
  return candidate as RendererModule;
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function fallbackNote(module: Record<string, unknown>, renderer: RendererModule, prepared: unknown): string | null {
  const counter = (module['fallbackRegions'] ??
    (renderer as unknown as Record<string, unknown>)['fallbackRegions'] ??
    module['usesFallback']) as FallbackCounter | undefined;
  if (typeof counter !== 'function') return null;
  const found = counter(prepared);
  const count = Array.isArray(found) ? found.length : typeof found === 'number' ? found : found === true ? 1 : 0;
  return count === 0 ? null : `${count} render-then-parse fallback region(s)`;
}

/** The Django templates of a scenario as a MemoryLoader source map (the same files real Django reads). */
function djangoTemplates(scenario: string): Record<string, string> {
  const dir = templateDir(scenario, 'django');
  const files = readdirSync(dir).filter((file) => file.endsWith('.html'));
  return Object.fromEntries(files.map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

/**
 * One of our renderers (`@tessera/renderer-<name>`, loaded by `load`), fed the very Django templates real
 * Django renders. `compare` is `dom` for the VDOM renderers, whose serialization may differ from Django's bytes.
 */
export function tesseraEngine(name: string, compare: Comparison, load: RendererImport): JsEngine {
  const specifier = `@tessera/renderer-${name}`;
  let loaded: Promise<{ module: Record<string, unknown>; renderer: RendererModule }> | null = null;
  const loadOnce = () =>
    (loaded ??= (async () => {
      const module = (await load()) as Record<string, unknown>;
      return { module, renderer: rendererFrom(module, specifier) };
    })());
  return {
    kind: 'js',
    name,
    family: 'tessera',
    compare,
    available: async () => {
      try {
        await loadOnce();
        return true;
      } catch (error) {
        return `${specifier} cannot be loaded (not built?): ${reason(error)}`;
      }
    },
    prepare: async (scenario) => {
      const { module, renderer } = await loadOnce();
      const loader = new MemoryLoader(djangoTemplates(scenario.name));
      const prepared = renderer.prepare(compile(`${scenario.entry}.html`, loader));
      const note = fallbackNote(module, renderer, prepared);
      const boundary = isNative(module)
        ? nativeProbe(module as unknown as NativeModule, renderer, prepared)
        : undefined;
      const Output = module['ResponseBuffer'] as ResponseBufferClass | undefined;
      const toBuffer = renderer.renderToBuffer;
      // One buffer per prepared template, reused by every call, as a server reuses one per worker.
      const output = toBuffer !== undefined && typeof Output === 'function' ? new Output() : undefined;
      const engine: PreparedEngine = {
        render: (context) => renderer.render(prepared, context),
        ...(toBuffer && output ? { renderBytes: (context: Context) => toBuffer(prepared, context, output) } : {}),
        ...(renderer.mount ? { mount: (context: Context) => renderer.mount!(prepared, context) } : {}),
        ...(renderer.mountAsync ? { mountAsync: (context: Context) => renderer.mountAsync!(prepared, context) } : {}),
        ...(note ? { note } : {}),
        ...(boundary ? { boundary } : {}),
      };
      return engine;
    },
  };
}
