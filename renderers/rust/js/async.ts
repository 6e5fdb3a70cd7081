/**
 * Renders and live documents whose work runs on the addon's worker threads (one per core; the binding's
 * `workers.rs`), so a server with many views uses every core: the JavaScript thread only encodes contexts
 * and decodes patches. A template that calls back into JavaScript (`{% url %}`, library tags and filters,
 * templates named at render time: `needsHost`) or a context holding the application's objects (which
 * the addon asks about through the host) cannot run there: `renderAsync` then renders on this thread,
 * `mountAsync` keeps the document here (its promises settle at once), and a document on a worker that is
 * given such values moves here for good (`RustAsyncDocument`'s `#moveHere`).
 */
import type { Anchor, PatchEntry } from '@tessera/dom-patch';
import type { MountOptions, RustDocument, UpdateStats } from './live.js';
import { rethrow, type AsyncAnswer, type NativeAsyncDocument } from './native.js';
import { encodeSent, nowJson, type RustPrepared, type Sent } from './prepared.js';
import { ObjectRegistry } from './registry.js';
import { namesToSend, pick } from './same-data.js';
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
  return answer.html ?? '';
}

/** A live document on a worker thread (or on this one, see the module's comment): every call is a promise. */
export class RustAsyncDocument {
  #remote: NativeAsyncDocument | null;
  #local: RustDocument | null;
  readonly #prepared: RustPrepared;
  readonly #mountHere: (context: Record<string, unknown>) => RustDocument;
  // What the worker's document was last given, name by name: a move rebuilds the document here from it.
  #context: Record<string, unknown>;
  // The context the worker holds once every call made so far succeeded, which the next change is compared
  // with (same-data.ts); null after a refused change, until a whole update sends everything again.
  #latest: Record<string, unknown> | null;
  // The object the last whole update was given: passed again, it was changed in place.
  #passed: Record<string, unknown> | null = null;
  // Every call to the worker so far, settled or not: a move waits for them (they settle in order).
  #pending: Promise<unknown> = Promise.resolve();
  // A move in progress: the calls made meanwhile go to the document it makes, after it.
  #moving: Promise<unknown> | null = null;
  // The client's DOM shows the worker's page, not the moved document's: its next patches replace the page.
  #replacePage = false;
  #html: string;
  #anchors: readonly Anchor[];
  #stats: UpdateStats;

  private constructor(
    parts: { remote: NativeAsyncDocument | null; local: RustDocument | null },
    prepared: RustPrepared,
    mounted: { context: Record<string, unknown>; mountHere: (context: Record<string, unknown>) => RustDocument },
    first: { html: string; anchors: readonly Anchor[]; modelled: boolean },
  ) {
    this.#remote = parts.remote;
    this.#local = parts.local;
    this.#prepared = prepared;
    this.#context = { ...mounted.context };
    this.#latest = this.#context;
    this.#mountHere = mounted.mountHere;
    this.#html = first.html;
    this.#anchors = first.anchors;
    this.#stats = { parseMicros: 0, renderMicros: 0, diffMicros: 0, decodeMicros: 0, modelled: first.modelled };
  }

  /** Mounts `context` on a worker when the template and context allow it, else on this thread. */
  static async mount(
    prepared: RustPrepared,
    context: Record<string, unknown>,
    options: MountOptions,
    mountHere: (context: Record<string, unknown>) => RustDocument,
  ): Promise<RustAsyncDocument> {
    const sent = workerJson(prepared, context);
    if (sent === null) {
      const local = mountHere(context);
      const first = { html: local.html, anchors: local.anchors, modelled: local.stats.modelled };
      return new RustAsyncDocument({ remote: null, local }, prepared, { context: {}, mountHere }, first);
    }
    const remote = prepared.program.mountAsync(sent.json, sent.columns, nowJson(prepared), options.anchors !== false);
    const snap = await remote.snapshot(nowJson(prepared)).catch(rethrow);
    const first = {
      html: snap.html ?? '',
      anchors: JSON.parse(snap.anchorsJson ?? '[]') as Anchor[],
      modelled: snap.modelled ?? true,
    };
    return new RustAsyncDocument({ remote, local: null }, prepared, { context, mountHere }, first);
  }

  /**
   * Whether the document's work runs on a worker thread (false: on this one, see the module's comment;
   * it turns false when the document is given values only this thread can read).
   */
  get offThread(): boolean {
    return this.#remote !== null;
  }

  /** The page as mounted (later pages are reached through the patches; on this thread: the current one). */
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
    while (this.#moving !== null) await this.#moving;
    const remote = this.#remote;
    if (remote === null) return this.html;
    const snap = await remote.snapshot(nowJson(this.#prepared)).catch(rethrow);
    return snap.html ?? '';
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
    while (this.#moving !== null) await this.#moving;
    if (this.#local !== null) return this.#here(values, whole);
    const remote = this.#remote as NativeAsyncDocument;
    // As on this thread (RustDocument.update), only the names whose data changed cross.
    const latest = this.#latest;
    const context = whole ? values : { ...(latest ?? this.#context), ...values };
    const names = namesToSend(this.#prepared, whole && values === this.#passed ? null : latest, context);
    if (whole) this.#passed = values;
    if (names !== null && names.length === 0) {
      this.#latest = context;
      return [];
    }
    const narrowed = names === null ? null : pick(context, names);
    const sent = workerJson(this.#prepared, narrowed ?? values);
    if (sent === null) {
      const moved = this.#moveHere().then(() => this.#here(values, whole));
      this.#moving = moved.then(
        () => (this.#moving = null),
        () => (this.#moving = null),
      );
      return moved;
    }
    const now = nowJson(this.#prepared);
    const call =
      whole && narrowed === null
        ? remote.update(sent.json, sent.columns, now)
        : remote.set(sent.json, sent.columns, now);
    // After a refused change only a whole update says again what the worker holds.
    if (whole || latest !== null) this.#latest = context;
    const taken = call.then(
      (answer) => {
        // The worker took the values (a refused change leaves its document as it was).
        this.#context = whole ? { ...values } : { ...this.#context, ...values };
        return answer;
      },
      (err: unknown) => {
        this.#latest = null;
        throw err;
      },
    );
    this.#pending = taken.catch(() => undefined);
    return this.#commit(await taken.catch(rethrow));
  }

  // A change on this thread; right after a move whose page differs from the worker's, as the whole page.
  #here(values: Record<string, unknown>, whole: boolean): PatchEntry[] {
    const local = this.#local as RustDocument;
    const patches = whole ? local.update(values) : local.set(values);
    if (!this.#replacePage) return patches;
    this.#replacePage = false;
    return [
      { op: 'html', html: local.html },
      { op: 'anchors', anchors: local.anchors },
    ];
  }

  /**
   * Brings the document to this thread, where the host can answer for the application's objects: mounted
   * here from what the worker was given, once the worker's calls settled. The page is a function of the
   * context (anchors are the template's ids where they occur once), so when the new page equals the
   * worker's, the patches this document sends next apply to the client's DOM as the worker's would have;
   * when it does not (the values were mutated since they were sent, the clock moved), the next change is
   * sent as the whole page and a new anchor table.
   */
  async #moveHere(): Promise<void> {
    await this.#pending;
    const remote = this.#remote as NativeAsyncDocument;
    const snap = await remote.snapshot(nowJson(this.#prepared)).catch(rethrow);
    const local = this.#mountHere(this.#context);
    const anchors = JSON.parse(snap.anchorsJson ?? '[]') as Anchor[];
    this.#replacePage = local.html !== (snap.html ?? '') || JSON.stringify(local.anchors) !== JSON.stringify(anchors);
    this.#local = local;
    this.#remote = null;
    this.#context = {};
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
