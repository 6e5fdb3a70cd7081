import { lookup, MISSING, pyStr } from '@tessera/runtime';
import { decodeHTML } from 'entities';
import {
  autoescapeScope,
  blockScope,
  condTrue,
  forScope,
  includeBody,
  includeScope,
  renderBlock,
  renderNode,
  renderOutput,
  withScope,
  type Context,
} from '@tessera/interpreter';
import {
  asciiLower,
  readStartTag,
  MARKUP_IN_HAPPY_DOM,
  TRAILING_TAG,
  isBoundary,
  Quirk,
  quirkFloor,
  textQuirk,
  tokenizeHtml,
  type Part,
} from '@tessera/markup';
import { parseHtml } from './html/parse.js';
import { commentValue, keyOf } from './prepare/build.js';
import type { TElement, TNode, VarPath } from './prepare/tnodes.js';
import { append, holdsAnchors, regionOutput, type VElement, type VNode } from './vtree.js';

/** Counters of one render or update: regions evaluated, and regions reused because their paths did not change. */
export interface RenderStats {
  evaluated: number;
  reused: number;
}

/**
 * Memo entries of the regions rendered under one scope, keyed by template node. An update reads the
 * previous table and writes a new one, so entries of regions that disappeared are dropped.
 */
export type MemoTable = Map<TNode, Entry>;

interface ElementEntry {
  readonly vals: readonly unknown[];
  readonly vnode: VElement;
  /** Entries of the regions inside; null when the content makes none. */
  readonly kids: MemoTable | null;
}
interface RegionEntry {
  readonly vals: readonly unknown[];
  readonly out: readonly VNode[];
  readonly kids: MemoTable;
  /** `{% if %}`: the branch taken. */
  readonly branch: number;
  /** `{% for %}`: iterations by loop item, to reuse those whose paths are unchanged. */
  readonly iterations: Iterations;
}
/**
 * The last iteration built for each loop item: by the item's `id` when it has one (a list fetched again
 * gives new objects with the same ids), else by the item itself. An iteration is reused only when the
 * paths it reads resolve to the same values, and its output is a function of those values and of the id
 * (its keys), so any iteration found this way whose paths match is right, whichever object it came from.
 */
type Iterations = Map<unknown, Iteration>;
interface Iteration {
  readonly vals: readonly unknown[];
  readonly kids: MemoTable | null;
  readonly out: readonly VNode[];
}
interface ScopeEntry {
  readonly kids: MemoTable;
}
type Entry = ElementEntry | RegionEntry | ScopeEntry;

// Most text holds no character reference: skip the decoder's scan for it.
const decode = (raw: string): string => (raw.includes('&') ? decodeHTML(raw) : raw);

const NONE: unknown[] = [];

function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * Builds the virtual tree of a prepared template; without a `next` memo table (a one-off render) no
 * memo entries are made. With `memo`, a region (element, `if`, `for`, loop
 * iteration) whose free paths resolve to the same values (Object.is) as in the previous render is not
 * evaluated again: its previous virtual nodes are reused as they are, so the diff skips them by identity.
 */
export class Instantiator {
  // Loop iterations entered: an element rendered inside one occurs once per item, so it is no anchor.
  private loopDepth = 0;

  constructor(
    private readonly memo: boolean,
    readonly stats: RenderStats,
  ) {}

  private resolveAll(paths: readonly VarPath[], ctx: Context): unknown[] {
    if (!this.memo) return NONE;
    const vals = new Array<unknown>(paths.length);
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      // `block.super` renders the parent block (its cycles advance, its errors raise): never read as a memo
      // key. A fresh object equals nothing, so a region reading it is evaluated every time.
      vals[i] = path[0] === 'block' ? {} : ctx.resolve(path);
    }
    return vals;
  }

  private renderParts(parts: readonly Part[], ctx: Context): string {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : renderNode(p, ctx);
    return out;
  }

  /** Appends the virtual nodes of `tnodes` to `out`; `open` are the names of the enclosing elements. */
  nodes(
    tnodes: readonly TNode[],
    ctx: Context,
    open: string[],
    out: VNode[],
    old: MemoTable | undefined,
    next: MemoTable | null,
  ): void {
    for (const t of tnodes) this.node(t, ctx, open, out, old, next);
  }

  private markup(html: string, open: readonly string[], out: VNode[]): void {
    if (!html.includes('<')) {
      const q = textQuirk(html, open);
      if (q !== null) throw new Quirk(q, 'text inside a table');
      append(out, { k: 'text', raw: html, value: decode(html) });
      return;
    }
    for (const v of parseHtml(html, open)) append(out, v);
  }

  private node(
    t: TNode,
    ctx: Context,
    open: string[],
    out: VNode[],
    old: MemoTable | undefined,
    next: MemoTable | null,
  ): void {
    switch (t.t) {
      case 'text':
        append(out, t.v);
        return;
      case 'comment': {
        const raw = this.renderParts(t.parts, ctx);
        out.push({ k: 'comment', raw, value: commentValue(raw) });
        return;
      }
      case 'dropped':
        append(out, { k: 'text', raw: this.renderParts(t.parts, ctx), value: '' });
        return;
      case 'rawtext': {
        const raw = this.renderParts(t.parts, ctx);
        const name = open[open.length - 1] ?? '';
        if (asciiLower(raw).includes('</' + name)) throw new Quirk(open.length - 1, `rendered text closes <${name}>`);
        if (raw.includes('<') && MARKUP_IN_HAPPY_DOM.has(name))
          throw new Quirk(open.length - 1, `"<" inside <${name}>`);
        if (TRAILING_TAG.test(raw)) throw new Quirk(-1, `<${name}> text ends like a tag`);
        append(out, { k: 'text', raw, value: t.rcdata ? decode(raw) : raw });
        return;
      }
      case 'el':
        out.push(this.element(t, ctx, open, old, next));
        return;
      case 'out':
        this.stats.evaluated++;
        this.markup(renderOutput(t.node, ctx), open, out);
        return;
      case 'html':
        this.stats.evaluated++;
        this.markup(renderNode(t.node, ctx), open, out);
        return;
      case 'if':
        this.ifRegion(t, ctx, open, out, old, next);
        return;
      case 'for':
        this.forRegion(t, ctx, open, out, old, next);
        return;
      case 'with':
        withScope(t.node, ctx, () => this.scoped(t, t.body, ctx, open, out, old, next));
        return;
      case 'autoescape':
        autoescapeScope(t.node.on, ctx, () => this.scoped(t, t.body, ctx, open, out, old, next));
        return;
      case 'block':
        blockScope(t.node, ctx, renderBlock, () => this.scoped(t, t.body, ctx, open, out, old, next));
        return;
      case 'include': {
        const { template } = includeBody(t.node, ctx);
        includeScope(t.node, ctx, template, (inner) => this.scoped(t, t.body, inner, open, out, old, next));
        return;
      }
    }
  }

  private scoped(
    t: TNode,
    body: readonly TNode[],
    ctx: Context,
    open: string[],
    out: VNode[],
    old: MemoTable | undefined,
    next: MemoTable | null,
  ): void {
    const kids = next === null ? null : new Map<TNode, Entry>();
    this.nodes(body, ctx, open, out, (old?.get(t) as ScopeEntry | undefined)?.kids, kids);
    if (kids !== null) next?.set(t, { kids });
  }

  private element(
    t: TElement,
    ctx: Context,
    open: string[],
    old: MemoTable | undefined,
    next: MemoTable | null,
  ): VElement {
    if (t.constant !== null) return t.constant;
    const prev = t.ownMemo ? (old?.get(t) as ElementEntry | undefined) : undefined;
    const vals = t.ownMemo ? this.resolveAll(t.free ?? [], ctx) : NONE;
    if (this.memo && prev !== undefined && same(prev.vals, vals)) {
      this.stats.reused++;
      next?.set(t, prev);
      return prev.vnode;
    }
    this.stats.evaluated++;
    const raw = t.staticOpen !== null ? t.staticOpen.raw : this.renderParts(t.open, ctx);
    const attrs = t.attrs ?? readStartTag(raw);
    if (attrs === null) throw new Quirk(open.length, `rendered start tag ${raw} is not one tag`);
    const depth = open.length;
    const kids = next === null || !t.memoKids ? null : new Map<TNode, Entry>();
    let children: VNode[] | null = [];
    let html: string | null = null;
    open.push(t.name);
    try {
      if (t.fallback !== null) {
        const text = this.renderParts(t.inner, ctx);
        try {
          children = parseHtml(text, open);
        } catch (error) {
          if (!(error instanceof Quirk) || error.depth <= depth) throw error;
          children = null;
          html = holdable(text, open, depth, error.why);
        }
      } else this.nodes(t.children, ctx, open, children, prev?.kids ?? undefined, kids);
    } catch (error) {
      // The content cannot be modelled this time: keep it as HTML text if this element may hold it.
      // Rendering it again would advance render-wide state (cycles) twice: such pages restart whole.
      if (!(error instanceof Quirk) || error.depth <= depth || !isBoundary(t.name) || !this.memo || html !== null)
        throw error;
      open.length = depth + 1;
      children = null;
      html = holdable(this.renderParts(t.inner, ctx), open, depth, error.why);
    } finally {
      open.length = depth;
    }
    const anchor = this.loopDepth === 0;
    const hasAnchors = anchor || (children?.some(holdsAnchors) ?? false);
    const key = t.staticOpen !== null ? t.staticOpen.key : keyOf(attrs);
    const vnode: VElement = {
      k: 'el',
      id: t.id,
      name: t.name,
      open: raw,
      close: t.close,
      attrs,
      children,
      html,
      key,
      anchor,
      hasAnchors,
    };
    if (t.ownMemo) next?.set(t, { vals, vnode, kids });
    return vnode;
  }

  /** Appends a region's previous nodes when its free paths resolve as before; otherwise counts an evaluation. */
  private reuseRegion(
    t: TNode,
    prev: RegionEntry | undefined,
    vals: unknown[],
    out: VNode[],
    next: MemoTable | null,
  ): boolean {
    if (this.memo && prev !== undefined && same(prev.vals, vals)) {
      this.stats.reused++;
      next?.set(t, prev);
      for (const v of prev.out) append(out, v);
      return true;
    }
    this.stats.evaluated++;
    return false;
  }

  private ifRegion(
    t: TNode & { t: 'if' },
    ctx: Context,
    open: string[],
    out: VNode[],
    old: MemoTable | undefined,
    next: MemoTable | null,
  ): void {
    const prev = old?.get(t) as RegionEntry | undefined;
    const vals = this.resolveAll(t.free, ctx);
    if (this.reuseRegion(t, prev, vals, out, next)) return;
    const branch = t.node.branches.findIndex((b) => b.cond === null || condTrue(b.cond, ctx));
    const kids = next === null ? null : new Map<TNode, Entry>();
    const body: VNode[] = [];
    const chosen = t.branches[branch];
    if (chosen !== undefined)
      this.nodes(chosen, ctx, open, body, prev?.branch === branch ? prev.kids : undefined, kids);
    const output = regionOutput(body);
    if (kids !== null) next?.set(t, { vals, out: output, kids, branch, iterations: new Map() });
    for (const v of output) append(out, v);
  }

  private forRegion(
    t: TNode & { t: 'for' },
    ctx: Context,
    open: string[],
    out: VNode[],
    old: MemoTable | undefined,
    next: MemoTable | null,
  ): void {
    const prev = old?.get(t) as RegionEntry | undefined;
    const vals = this.resolveAll(t.free, ctx);
    if (this.reuseRegion(t, prev, vals, out, next)) return;
    const body: VNode[] = [];
    const iterations: Iterations = new Map();
    const kids = next === null ? null : new Map<TNode, Entry>();
    const iteration = (item: unknown): void => {
      const iterVals = this.resolveAll(t.iterFree, ctx);
      const id = itemId(item);
      // An item without an id is a primitive or an object keyed by itself: ids and items rarely meet in
      // one list, and when they do the paths check still decides.
      const memoKey = id === MISSING || id === null || id === undefined ? item : id;
      const candidate = prev?.iterations.get(memoKey);
      let result: Iteration;
      if (this.memo && candidate !== undefined && same(candidate.vals, iterVals)) {
        this.stats.reused++;
        result = candidate;
      } else {
        const iterKids = next === null || !t.memoBody ? null : new Map<TNode, Entry>();
        const iterOut: VNode[] = [];
        this.loopDepth++;
        try {
          this.nodes(t.body, ctx, open, iterOut, candidate?.kids ?? undefined, iterKids);
        } finally {
          this.loopDepth--;
        }
        keyByItemId(iterOut, id);
        result = { vals: iterVals, kids: iterKids, out: iterOut };
      }
      if (next !== null) iterations.set(memoKey, result);
      for (const v of result.out) append(body, v);
    };
    const empty = (): void => {
      if (t.empty !== null) this.nodes(t.empty, ctx, open, body, prev?.kids, kids);
    };
    forScope(t.node, ctx, iteration, empty);
    const output = regionOutput(body);
    if (kids !== null) next?.set(t, { vals, out: output, kids, branch: -1, iterations });
    for (const v of output) append(out, v);
  }
}

// `html` as the content of the element at `depth`, unless some part of it restructures that element or
// its ancestors (then the quirk goes up).
function holdable(html: string, open: readonly string[], depth: number, why: string): string {
  const floor = quirkFloor(tokenizeHtml(html).tokens, open.slice(0, depth + 1));
  if (floor <= depth) throw new Quirk(floor, why);
  return html;
}

// Elements of one iteration without a key attribute take the loop item's `id`, if it has one; those of
// regions inside the iteration (fragments) too, as if the region's nodes were the iteration's own.
// Copies, not edits: an element or fragment may be shared by every iteration or by the memo.
function keyByItemId(nodes: VNode[], id: unknown): void {
  if (id === MISSING || id === null || id === undefined) return;
  const prefix = `id:${pyStr(id)}#`;
  let n = 0;
  // The list with its elements keyed; the same array when none needed a key.
  const keyed = (list: readonly VNode[]): readonly VNode[] => {
    let out: VNode[] | null = null;
    for (let i = 0; i < list.length; i++) {
      const v = list[i]!;
      let w: VNode = v;
      if (v.k === 'frag') {
        const inner = keyed(v.nodes);
        if (inner !== v.nodes) w = { ...v, nodes: inner };
      } else if (v.k === 'el' && v.key === null) w = { ...v, key: prefix + n++ };
      if (w !== v) {
        out ??= list.slice();
        out[i] = w;
      }
    }
    return out ?? list;
  };
  const result = keyed(nodes);
  if (result !== nodes) for (let i = 0; i < result.length; i++) nodes[i] = result[i]!;
}

// The loop item's `id` as Django reads `item.id`; MISSING for an item that is no object.
function itemId(item: unknown): unknown {
  return typeof item === 'object' && item !== null ? lookup(item, 'id') : MISSING;
}
