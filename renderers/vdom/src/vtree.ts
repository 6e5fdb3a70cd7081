import type { Attr } from '@tessera/markup';

/** A text node: `raw` is the HTML source it serializes to, `value` the DOM's data. */
export interface VText {
  readonly k: 'text';
  readonly raw: string;
  readonly value: string;
  /** Set on the template's static text: merging two of them gives the same node every render (`joins`). */
  readonly fixed?: true;
  joins?: Map<VText, VText>;
}

/** A comment: `raw` is the whole `<!--...-->` source. */
export interface VComment {
  readonly k: 'comment';
  readonly raw: string;
  readonly value: string;
}

/**
 * An element. `open` and `close` are its tags as written (so serialization keeps attribute order,
 * quoting and entity spelling); `attrs` is what the DOM holds. `html` is set instead of `children`
 * when the content is a fallback region kept as HTML text.
 */
export interface VElement {
  readonly k: 'el';
  /** Compile-time id of the template element this came from (reported in patches). */
  readonly id: number;
  readonly name: string;
  readonly open: string;
  readonly close: string;
  readonly attrs: readonly Attr[];
  readonly children: readonly VNode[] | null;
  readonly html: string | null;
  /** Diff key: `data-key`/`key` attribute, else the loop item's `id`. */
  readonly key: string | null;
  /** A dynamic template element rendered outside every loop: patches may address it by `id` (see anchors.ts). */
  readonly anchor: boolean;
  /** This element or one below it is an anchor. */
  readonly hasAnchors: boolean;
  /** The serialized element, filled on first use (a field, not a WeakMap: cheaper for the collector). */
  outer?: string;
}

/**
 * The middle of a region's output (a loop's iterations, an `if` branch), held as one child so that a
 * region reused on update is one entry of its parent's child list: the diff skips it by identity in O(1)
 * instead of comparing each of its nodes. It starts and ends with a node that is not text, so it never
 * merges with its neighbours; the region's leading and trailing text stay outside (see `regionOutput`).
 * It makes no DOM node of its own: `size` is the number of DOM nodes it stands for.
 */
export interface VFragment {
  readonly k: 'frag';
  readonly nodes: readonly VNode[];
  readonly size: number;
  readonly hasAnchors: boolean;
  outer?: string;
}

/** A node of the virtual tree: the DOM an HTML parser builds from the rendered text, node for node (fragments aside). */
export type VNode = VText | VComment | VElement | VFragment;

/** The HTML text of a node, exactly as rendered. Cached per element and fragment, as memoized subtrees are shared. */
export function serializeNode(node: VNode): string {
  if (node.k === 'frag') {
    node.outer ??= serialize(node.nodes);
    return node.outer;
  }
  if (node.k !== 'el') return node.raw;
  if (node.outer === undefined) node.outer = node.open + innerHtml(node) + node.close;
  return node.outer;
}

/** The HTML text of an element's content. */
export function innerHtml(node: VElement): string {
  return node.html ?? serialize(node.children ?? []);
}

/** The HTML text of a node list. */
export function serialize(nodes: readonly VNode[]): string {
  let out = '';
  for (const node of nodes) out += serializeNode(node);
  return out;
}

/**
 * Appends `node` to `out` the way the parser builds text: adjacent text merges into one node and
 * empty text makes none, so the list matches the DOM's childNodes index for index (see `inDom`).
 */
export function append(out: VNode[], node: VNode): void {
  if (node.k !== 'text') {
    out.push(node);
    return;
  }
  if (node.raw === '') return;
  const last = out[out.length - 1];
  if (last !== undefined && last.k === 'text') out[out.length - 1] = joinText(last, node);
  else out.push(node);
}

// Static text met static text (a loop body's end and start, between every two iterations): the join is
// made once and shared.
function joinText(a: VText, b: VText): VText {
  if (a.fixed !== true || b.fixed !== true) return { k: 'text', raw: a.raw + b.raw, value: a.value + b.value };
  a.joins ??= new Map();
  let joined = a.joins.get(b);
  if (joined === undefined) {
    joined = { k: 'text', raw: a.raw + b.raw, value: a.value + b.value, fixed: true };
    a.joins.set(b, joined);
  }
  return joined;
}

/**
 * Whether the parser makes a DOM node of `node`. A text whose value is empty holds only source the
 * parser drops (a doctype, `<html>`/`<head>`/`<body>` tags): it serializes but has no DOM node.
 */
export const inDom = (node: VNode): boolean => node.k !== 'text' || node.value !== '';

/** Whether an anchor is `node` or lies below it. */
export const holdsAnchors = (node: VNode): boolean => (node.k === 'el' || node.k === 'frag') && node.hasAnchors;

/** How many DOM nodes `node` makes. */
export const domSize = (node: VNode): number => (node.k === 'frag' ? node.size : inDom(node) ? 1 : 0);

/** The DOM nodes of a child list, fragments expanded: what the parser's childNodes hold, index for index. */
export function domNodes(nodes: readonly VNode[]): readonly VNode[] {
  if (nodes.every((n) => n.k !== 'frag' && inDom(n))) return nodes;
  const out: VNode[] = [];
  const walk = (list: readonly VNode[]): void => {
    for (const n of list) {
      if (n.k === 'frag') walk(n.nodes);
      else if (inDom(n)) out.push(n);
    }
  };
  walk(nodes);
  return out;
}

/**
 * A region's output as at most three entries for its parent's child list: leading text, the middle
 * (one node, or a fragment of several), trailing text. The texts stay separate so that `append` merges
 * them with the parent's neighbouring text exactly as the parser does. `body` (built with `append`, so
 * it has at most one text at each end) is taken over: it becomes the fragment's list.
 */
export function regionOutput(body: VNode[]): VNode[] {
  const out: VNode[] = [];
  if (body.length > 0 && body[0]!.k === 'text') out.push(body.shift()!);
  const trail = body.length > 0 && body[body.length - 1]!.k === 'text' ? body.pop()! : null;
  if (body.length === 1) out.push(body[0]!);
  else if (body.length > 1) {
    let size = 0;
    let hasAnchors = false;
    for (const v of body) {
      size += domSize(v);
      hasAnchors ||= holdsAnchors(v);
    }
    out.push({ k: 'frag', nodes: body, size, hasAnchors });
  }
  if (trail !== null) out.push(trail);
  return out;
}
