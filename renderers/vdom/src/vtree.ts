import type { Attr } from './html/attrs.js';

/** A text node: `raw` is the HTML source it serializes to, `value` the DOM's data. */
export interface VText {
  readonly k: 'text';
  readonly raw: string;
  readonly value: string;
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
  /** The serialized element, filled on first use (a field, not a WeakMap: cheaper for the collector). */
  outer?: string;
}

/** A node of the virtual tree: the DOM an HTML parser builds from the rendered text, node for node. */
export type VNode = VText | VComment | VElement;

/** The HTML text of a node, exactly as rendered. Cached per element, as memoized subtrees are shared. */
export function serializeNode(node: VNode): string {
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
  if (last !== undefined && last.k === 'text') out[out.length - 1] = { k: 'text', raw: last.raw + node.raw, value: last.value + node.value };
  else out.push(node);
}

/**
 * Whether the parser makes a DOM node of `node`. A text whose value is empty holds only source the
 * parser drops (a doctype, `<html>`/`<head>`/`<body>` tags): it serializes but has no DOM node.
 */
export const inDom = (node: VNode): boolean => node.k !== 'text' || node.value !== '';
