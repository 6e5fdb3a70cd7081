/**
 * The LiveDocument (the contract in `@tessera/template`) over a document kept in Rust. The context lives on
 * the Rust side, so `set(changes)` sends only the changed names. On the page's slot plan (slots.ts) the addon
 * recomputes the slot values that read what changed and diffs values (crates/dtl/src/live/slots.rs); other
 * pages it parses into a virtual tree and diffs against the last one (crates/dtl/src/vtree). Only the
 * patches cross back (wire.ts).
 */
import type { Anchor, PatchEntry } from '@tessera/dom-patch';
import type { LiveDocument } from '@tessera/template';
import type { HostFn } from './host.js';
import { encodeSent, nowJson, renderHost, type RustPrepared, type Sent } from './prepared.js';
import { RENDER_OWNER, type ObjectRegistry } from './registry.js';
import { namesToSend, pick } from './same-data.js';
import { native, type NativeDocument } from './native.js';
import { decodePatches } from './wire.js';

/** Options of `mount`. */
export interface MountOptions {
  /**
   * Address patches from anchors (default true): the client binds `doc.anchors` once the page is in the
   * DOM (`new AnchorMap(root, doc.anchors)` from @tessera/dom-patch) and passes the map to every
   * `applyPatches`. False: every path starts at the root and the table stays empty.
   */
  readonly anchors?: boolean;
}

/** Timings of the last `update`/`set` that reached the addon (one that found nothing changed does not), measured there. */
export interface UpdateStats {
  /** Microseconds spent parsing the context (or changes) JSON into the addon's values. */
  readonly parseMicros: number;
  /** Microseconds spent rendering. */
  readonly renderMicros: number;
  /**
   * Microseconds spent parsing the new page into a tree, diffing it and writing the patches in the wire form (0 when
   * the page did not change).
   */
  readonly diffMicros: number;
  /** Microseconds spent turning the addon's patch list into JS objects (`decodePatches`), in JS. */
  readonly decodeMicros: number;
  /** Whether the current page is patched node by node (false: changes go as one whole-page `html` patch). */
  readonly modelled: boolean;
}

/**
 * Who holds the objects of each top-level name of a live document: `${name}#${generation}`. A change
 * encodes the new values under the next generation and releases the previous one only once the addon took
 * them, so a failed update leaves the document, and the objects it still reads, as they were.
 */
export class Owners {
  #generation = 0;
  readonly #current = new Map<string, string>();
  readonly #pending = new Map<string, string>();

  /** The owner of `name`'s new value (bound, to be passed as `encodeContext`'s `ownerOf`). */
  readonly next = (name: string): string => {
    const owner = `${name}#${this.#generation + 1}`;
    this.#pending.set(name, owner);
    return owner;
  };

  /**
   * The addon took the new values of `names` (null: a whole new context): their previous owners let go.
   */
  commit(registry: ObjectRegistry, names: readonly string[] | null): void {
    this.#generation++;
    const released = names ?? [...this.#current.keys()];
    for (const name of released) {
      const owner = this.#current.get(name);
      if (owner !== undefined) registry.release(owner);
      this.#current.delete(name);
    }
    for (const [name, owner] of this.#pending) this.#current.set(name, owner);
    this.#pending.clear();
  }

  /** The addon refused the new values: they let go, the previous ones stay. */
  abort(registry: ObjectRegistry): void {
    for (const owner of this.#pending.values()) registry.release(owner);
    this.#pending.clear();
  }
}

/** A page mounted in the addon. */
export class RustDocument implements LiveDocument {
  readonly #doc: NativeDocument;
  readonly #prepared: RustPrepared;
  // The context's objects the addon holds: each top-level name owns those of its value.
  readonly #registry: ObjectRegistry;
  readonly #owners: Owners;
  // The context the addon holds, as the application passed it: what the next one is compared with.
  #context: Record<string, unknown>;
  // The page is fetched from the addon only when asked for: updates send patches, not pages.
  #html: string | null = null;
  #anchors: readonly Anchor[] | null = null;
  #decodeMicros = 0;

  constructor(
    doc: NativeDocument,
    prepared: RustPrepared,
    context: Record<string, unknown>,
    registry: ObjectRegistry,
    owners: Owners,
  ) {
    this.#doc = doc;
    this.#context = context;
    this.#prepared = prepared;
    this.#registry = registry;
    this.#owners = owners;
    owners.commit(registry, null);
    registry.release(RENDER_OWNER);
  }

  /** What `render()` returns for the current context. */
  get html(): string {
    const p = this.#prepared;
    this.#html ??= native(() => this.#doc.page(nowJson(p), renderHost(p, this.#registry)));
    return this.#html;
  }

  /** The anchor table of the current page (empty when mounted with `anchors: false`). */
  get anchors(): readonly Anchor[] {
    this.#anchors ??= JSON.parse(this.#doc.anchorsJson) as Anchor[];
    return this.#anchors;
  }

  /**
   * Whether the document runs on its slot plan (js/slots.ts): slot values diffed in the addon, no page parsed.
   * Otherwise it parses each new page and diffs trees.
   */
  get slotted(): boolean {
    return this.#doc.slotted;
  }

  /** Parse, render, diff and decode time of the last update, and whether the page is modelled node by node. */
  get stats(): UpdateStats {
    const doc = this.#doc;
    return {
      parseMicros: doc.parseMicros,
      renderMicros: doc.renderMicros,
      diffMicros: doc.diffMicros,
      decodeMicros: this.#decodeMicros,
      modelled: doc.modelled,
    };
  }

  /**
   * Moves to a full new context; returns the patches from the old DOM to the new. Only the top-level names
   * whose data changed cross into the addon (same-data.ts): a list fetched again with equal values is not
   * sent. Every name goes when the template reads the clock, may read anything, or a name it reads is gone.
   */
  update(context: Record<string, unknown>): PatchEntry[] {
    const names = namesToSend(this.#prepared, context === this.#context ? null : this.#context, context);
    if (names === null) {
      return this.#change(context, context, true, (sent, now, host) =>
        this.#doc.update(sent.json, sent.columns, now, host),
      );
    }
    return this.#set(context, names);
  }

  /** `update` with only the changed top-level names: `set({ count: 3 })`. */
  set(changes: Record<string, unknown>): PatchEntry[] {
    const context = { ...this.#context, ...changes };
    return this.#set(context, namesToSend(this.#prepared, this.#context, context) ?? Object.keys(changes));
  }

  // Sends the values of `names` in `context`, the rest staying as the addon holds them.
  #set(context: Record<string, unknown>, names: readonly string[]): PatchEntry[] {
    if (names.length === 0 && !this.#prepared.readsClock) {
      this.#context = context;
      this.#decodeMicros = 0;
      return [];
    }
    return this.#change(pick(context, names), context, false, (sent, now, host) =>
      this.#doc.set(sent.json, sent.columns, now, host),
    );
  }

  // `values` cross (all of the context when `whole`, else the changed names); `context` is then current.
  #change(
    values: Record<string, unknown>,
    context: Record<string, unknown>,
    whole: boolean,
    send: (sent: Sent, now: string | undefined, host: HostFn | undefined) => string | string[] | null,
  ): PatchEntry[] {
    const registry = this.#registry;
    const owners = this.#owners;
    try {
      const sent = encodeSent(this.#prepared, values, registry, owners.next);
      const wire = native(() => send(sent, nowJson(this.#prepared), renderHost(this.#prepared, registry)));
      owners.commit(registry, whole ? null : Object.keys(values));
      this.#context = context;
      return this.#commit(wire);
    } catch (err) {
      owners.abort(registry);
      throw err;
    } finally {
      registry.release(RENDER_OWNER);
    }
  }

  // The addon answers null when the page did not change, else the patches in its wire form (wire.ts).
  #commit(wire: string | readonly string[] | null): PatchEntry[] {
    if (wire === null) {
      this.#decodeMicros = 0;
      return [];
    }
    this.#html = null;
    this.#anchors = null;
    const start = performance.now();
    const patches = decodePatches(wire);
    this.#decodeMicros = (performance.now() - start) * 1000;
    return patches;
  }
}
