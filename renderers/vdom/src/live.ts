import type { Patch } from '@tessera/dom-patch';
import { Differ } from './diff/diff.js';
import type { MemoTable, RenderStats } from './instantiate.js';
import { buildTree, type RootTree, type VdomPrepared } from './tree.js';
import { serialize } from './vtree.js';

/** DESIGN.md 3.2's LiveDocument. */
export interface LiveDocument {
  readonly html: string;
  update(context: Record<string, unknown>): Patch[];
}

function htmlOf(root: RootTree): string {
  return root.nodes === null ? root.html : serialize(root.nodes);
}

/** The patches turning the DOM of one page tree into the other's. */
export function diffRoots(a: RootTree, b: RootTree): Patch[] {
  if (a.nodes === null || b.nodes === null) {
    const html = htmlOf(b);
    return html === htmlOf(a) ? [] : [{ op: 'html', path: [], html }];
  }
  const differ = new Differ();
  differ.children(a.nodes, b.nodes, []);
  return differ.patches;
}

/**
 * A mounted page. `update(context)` rebuilds only the regions whose paths changed (each region's free
 * paths are resolved in the new context and compared with Object.is to the values it was built from),
 * then diffs the new tree against the old one; reused regions are the same objects and are skipped in
 * O(1). Contexts are treated as immutable: pass unchanged sub-objects by reference, replace changed ones.
 */
export class VdomDocument implements LiveDocument {
  #root: RootTree;
  #memo: MemoTable;
  #context: Record<string, unknown>;
  #stats: RenderStats;

  constructor(
    private readonly prepared: VdomPrepared,
    context: Record<string, unknown>,
  ) {
    const built = buildTree(prepared, context, true);
    this.#root = built.root;
    this.#memo = built.memo;
    this.#context = context;
    this.#stats = built.stats;
  }

  /** What `render()` returns for the current context. */
  get html(): string {
    return htmlOf(this.#root);
  }

  /** Counters of the last mount or update: regions evaluated and regions reused. */
  get stats(): Readonly<RenderStats> {
    return this.#stats;
  }

  /** Re-renders for a full new context; returns the patches from the old DOM to the new. */
  update(context: Record<string, unknown>): Patch[] {
    // The same object again means it was edited in place: nothing can be trusted to be unchanged.
    const previous = context === this.#context ? undefined : this.#memo;
    let built;
    try {
      built = buildTree(this.prepared, context, true, previous);
    } catch (error) {
      // A failed render may have consumed memo entries: start the next update from scratch.
      this.#memo = new Map();
      throw error;
    }
    const patches = diffRoots(this.#root, built.root);
    this.#root = built.root;
    this.#memo = built.memo;
    this.#context = context;
    this.#stats = built.stats;
    return patches;
  }

  /** `update` with only the changed top-level names: `set({ count: 3 })`. */
  set(changes: Record<string, unknown>): Patch[] {
    return this.update({ ...this.#context, ...changes });
  }
}
