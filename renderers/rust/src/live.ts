/**
 * The LiveDocument of DESIGN.md 3.2 over a document kept in Rust. The context lives on the Rust side,
 * so `set(changes)` sends only the changed names; the patch is the whole page as one `html` patch
 * when it changed (see README.md: the addon does not build a virtual tree yet).
 */
import type { Patch } from '@tessera/dom-patch';
import { encodeContext } from './encode.js';
import { nowJson, type RustPrepared } from './prepared.js';
import { native, type NativeDocument } from './native.js';

/** DESIGN.md 3.2's LiveDocument. */
export interface LiveDocument {
  readonly html: string;
  update(context: Record<string, unknown>): Patch[];
}

/** A page mounted in the addon. */
export class RustDocument implements LiveDocument {
  readonly #doc: NativeDocument;
  readonly #prepared: RustPrepared;
  #html: string;

  constructor(doc: NativeDocument, prepared: RustPrepared) {
    this.#doc = doc;
    this.#prepared = prepared;
    this.#html = doc.html;
  }

  /** What `render()` returns for the current context. */
  get html(): string {
    return this.#html;
  }

  /** Re-renders for a full new context; returns the patches from the old DOM to the new. */
  update(context: Record<string, unknown>): Patch[] {
    const json = encodeContext(context, this.#prepared.options);
    const now = nowJson(this.#prepared);
    return this.#commit(native(() => this.#doc.update(json, now, this.#prepared.host)));
  }

  /** `update` with only the changed top-level names: `set({ count: 3 })`. */
  set(changes: Record<string, unknown>): Patch[] {
    const json = encodeContext(changes, this.#prepared.options);
    const now = nowJson(this.#prepared);
    return this.#commit(native(() => this.#doc.set(json, now, this.#prepared.host)));
  }

  // The addon answers null when the page did not change, so an unchanged page never crosses back.
  #commit(html: string | null): Patch[] {
    if (html === null) return [];
    this.#html = html;
    return [{ op: 'html', path: [], html }];
  }
}
