import type { Anchor, Patch } from '@tessera/dom-patch';
import type { LiveDocument } from '@tessera/template';
import { anchorTable, sameTable } from './anchors.js';
import { Differ } from './diff/diff.js';
import type { MemoTable, RenderStats } from './instantiate.js';
import { buildTree, type RootTree, type VdomPrepared } from './tree.js';
import { serialize } from './vtree.js';

/** Options of `mount`. */
export interface MountOptions {
  /**
   * Address patches from anchors (default true): the client binds `doc.anchors` once the page is in
   * the DOM (`new AnchorMap(root, doc.anchors)` from @tessera/dom-patch) and passes the map to every
   * `applyPatches`. With false, every path starts at the root and no state is needed on the client.
   */
  readonly anchors?: boolean;
}

function htmlOf(root: RootTree): string {
  return root.nodes === null ? root.html : serialize(root.nodes);
}

/** Counters of the last mount or update: regions evaluated and reused, child-list entries the diff compared. */
export interface LiveStats extends RenderStats {
  compared: number;
}

/** The result of diffing two page trees. */
export interface RootDiff {
  readonly patches: Patch[];
  /** Child-list entries the diff looked at. */
  readonly compared: number;
  /** Whether nodes were created, removed or moved (the client's anchors must be rebound). */
  readonly structural: boolean;
}

/**
 * The patches turning the DOM of one page tree into the other's. `bound`: anchor ids the client holds,
 * from which patches below them are addressed (none: every path from the root).
 */
export function diffRoots(a: RootTree, b: RootTree, bound: ReadonlySet<number> = new Set()): RootDiff {
  if (a.nodes === null || b.nodes === null) {
    const html = htmlOf(b);
    const same = html === htmlOf(a);
    return { patches: same ? [] : [{ op: 'html', path: [], html }], compared: 1, structural: !same };
  }
  const differ = new Differ(bound);
  differ.children(a.nodes, b.nodes, []);
  return { patches: differ.patches, compared: differ.compared, structural: differ.structural };
}

const tableOf = (root: RootTree): Anchor[] => (root.nodes === null ? [] : anchorTable(root.nodes));

/**
 * A mounted page. `update(context)` rebuilds only the regions whose paths changed (each region's free
 * paths are resolved in the new context and compared with Object.is to the values it was built from),
 * then diffs the new tree against the old one; reused regions are the same objects and are skipped in
 * O(1). Contexts are treated as immutable: pass unchanged sub-objects by reference, replace changed ones.
 * Patches are addressed from anchors (`anchors`): when an update creates, removes or moves nodes, its
 * list ends with an `anchors` patch carrying the new table.
 */
export class VdomDocument implements LiveDocument {
  #root: RootTree;
  #memo: MemoTable;
  #context: Record<string, unknown>;
  #stats: LiveStats;
  #anchors: Anchor[];

  constructor(
    private readonly prepared: VdomPrepared,
    context: Record<string, unknown>,
    private readonly options: MountOptions = {},
  ) {
    const built = buildTree(prepared, context, true);
    this.#root = built.root;
    this.#anchors = options.anchors === false ? [] : tableOf(built.root);
    this.#memo = built.memo;
    this.#context = context;
    this.#stats = { ...built.stats, compared: 0 };
  }

  /** What `render()` returns for the current context. */
  get html(): string {
    return htmlOf(this.#root);
  }

  /** The anchor table of the page as it is now: `[id, path from the root]` (empty with `anchors: false`). */
  get anchors(): readonly Anchor[] {
    return this.#anchors;
  }

  /** Counters of the last mount or update: regions evaluated and reused, entries the diff compared. */
  get stats(): Readonly<LiveStats> {
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
    const { patches, compared, structural } = diffRoots(
      this.#root,
      built.root,
      new Set(this.#anchors.map(([id]) => id)),
    );
    if (this.options.anchors !== false) {
      const table = tableOf(built.root);
      if (structural || !sameTable(table, this.#anchors)) patches.push({ op: 'anchors', anchors: table });
      this.#anchors = table;
    }
    this.#root = built.root;
    this.#memo = built.memo;
    this.#context = context;
    this.#stats = { ...built.stats, compared };
    return patches;
  }

  /** `update` with only the changed top-level names: `set({ count: 3 })`. */
  set(changes: Record<string, unknown>): Patch[] {
    return this.update({ ...this.#context, ...changes });
  }
}
