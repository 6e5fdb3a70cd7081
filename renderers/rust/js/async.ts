/**
 * Renders and live documents whose work runs on the addon's worker threads (one per core; the binding's
 * `workers.rs`), so a server with many views uses every core: the JavaScript thread only encodes contexts
 * and decodes patches. A template that calls back into JavaScript (`{% url %}`, library tags and filters,
 * templates named at render time: `needsHost`) or a context holding the application's objects (which
 * the addon asks about through the host) cannot run there: `renderAsync` then renders on this thread,
 * `mountAsync` keeps the document here (its promises settle at once), and `set`/`update` of a document on
 * a worker refuse such values with `UnsupportedError`.
 */
import type { Anchor, PatchEntry } from '@tessera/dom-patch';
import { unsupported } from './encode.js';
import type { MountOptions, RustDocument, UpdateStats } from './live.js';
import { rethrow, type AsyncAnswer, type NativeAsyncDocument } from './native.js';
import { encodeSent, nowJson, type RustPrepared, type Sent } from './prepared.js';
import { ObjectRegistry } from './registry.js';
import { fromStandIns } from './surrogates.js';
import { decodePatches } from './wire.js';

// The context as a worker can take it, or null when it holds objects the addon would ask JavaScript about.
function workerJson(prepared: RustPrepared, context: Record<string, unknown>): Sent | null {
  if (prepared.program.needsHost) return null;
  const registry = new ObjectRegistry();
  const sent = encodeSent(prepared, context, registry);
  return registry.size === 0 ? sent : null;
}

/** Renders on a worker thread; on this one when the template or the context needs JavaScript. */
export async function renderAsync(
  prepared: RustPrepared,
  context: Record<string, unknown>,
  renderHere: () => string,
): Promise<string> {
  const sent = workerJson(prepared, context);
  if (sent === null) return renderHere();
  const answer = await prepared.program.renderAsync(sent.json, sent.columns, nowJson(prepared)).catch(rethrow);
  return fromStandIns(answer.html ?? '');
}

/** A live document on a worker thread (or on this one, see the module's comment): every call is a promise. */
export class RustAsyncDocument {
  readonly #remote: NativeAsyncDocument | null;
  readonly #local: RustDocument | null;
  readonly #prepared: RustPrepared;
  #html: string;
  #anchors: readonly Anchor[];
  #stats: UpdateStats;

  private constructor(
    parts: { remote: NativeAsyncDocument | null; local: RustDocument | null },
    prepared: RustPrepared,
    first: { html: string; anchors: readonly Anchor[]; modelled: boolean },
  ) {
    this.#remote = parts.remote;
    this.#local = parts.local;
    this.#prepared = prepared;
    this.#html = first.html;
    this.#anchors = first.anchors;
    this.#stats = { parseMicros: 0, renderMicros: 0, diffMicros: 0, decodeMicros: 0, modelled: first.modelled };
  }

  /** Mounts `context` on a worker when the template and context allow it, else on this thread. */
  static async mount(
    prepared: RustPrepared,
    context: Record<string, unknown>,
    options: MountOptions,
    mountHere: () => RustDocument,
  ): Promise<RustAsyncDocument> {
    const sent = workerJson(prepared, context);
    if (sent === null) {
      const local = mountHere();
      const first = { html: local.html, anchors: local.anchors, modelled: local.stats.modelled };
      return new RustAsyncDocument({ remote: null, local }, prepared, first);
    }
    const remote = prepared.program.mountAsync(sent.json, sent.columns, nowJson(prepared), options.anchors !== false);
    const snap = await remote.snapshot().catch(rethrow);
    const first = {
      html: fromStandIns(snap.html ?? ''),
      anchors: JSON.parse(snap.anchorsJson ?? '[]') as Anchor[],
      modelled: snap.modelled ?? true,
    };
    return new RustAsyncDocument({ remote, local: null }, prepared, first);
  }

  /** Whether the document's work runs on a worker thread (false: on this one, see the module's comment). */
  get offThread(): boolean {
    return this.#remote !== null;
  }

  /** The page as mounted (later pages are reached through the patches). */
  get html(): string {
    return this.#local?.html ?? this.#html;
  }

  /** The anchor table the patches are addressed from, as of the last update. */
  get anchors(): readonly Anchor[] {
    return this.#local?.anchors ?? this.#anchors;
  }

  /** Timings of the last update to settle. */
  get stats(): UpdateStats {
    return this.#local?.stats ?? this.#stats;
  }

  /** The page once every call made before this one ran (on a worker: asked of it). */
  async currentHtml(): Promise<string> {
    if (this.#remote === null) return this.html;
    const snap = await this.#remote.snapshot().catch(rethrow);
    return fromStandIns(snap.html ?? '');
  }

  /** `RustDocument.update`, off this thread. */
  update(context: Record<string, unknown>): Promise<PatchEntry[]> {
    return this.#change(context, true);
  }

  /** `RustDocument.set`, off this thread. */
  set(changes: Record<string, unknown>): Promise<PatchEntry[]> {
    return this.#change(changes, false);
  }

  async #change(values: Record<string, unknown>, whole: boolean): Promise<PatchEntry[]> {
    const local = this.#local;
    if (local !== null) return whole ? local.update(values) : local.set(values);
    const remote = this.#remote as NativeAsyncDocument;
    const sent = workerJson(this.#prepared, values);
    if (sent === null)
      throw unsupported('a document on a worker thread cannot hold objects JavaScript must answer for');
    const now = nowJson(this.#prepared);
    const call = whole ? remote.update(sent.json, sent.columns, now) : remote.set(sent.json, sent.columns, now);
    const answer = await call.catch(rethrow);
    return this.#commit(answer);
  }

  #commit(answer: AsyncAnswer): PatchEntry[] {
    const start = performance.now();
    const patches = answer.wire == null ? [] : decodePatches(answer.wire);
    for (const p of patches) if ('op' in p && p.op === 'anchors') this.#anchors = p.anchors;
    this.#stats = {
      parseMicros: answer.parseMicros ?? 0,
      renderMicros: answer.renderMicros ?? 0,
      diffMicros: answer.diffMicros ?? 0,
      decodeMicros: (performance.now() - start) * 1000,
      modelled: answer.modelled ?? true,
    };
    return patches;
  }
}
