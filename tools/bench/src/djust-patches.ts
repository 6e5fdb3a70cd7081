import { VOID } from '@tessera/markup';
import { Window, type Document, type Element, type Node } from 'happy-dom';
import type { Verification } from './verify.js';
import { firstDifference } from './verify.js';

/*
 * djust's patch format, applied to a happy-dom tree the way djust's browser client does it
 * (static/djust/src/12-vdom-patch.js in the djust 1.2.6 wheel), so the bench can check that djust's
 * patches turn the old page into the new one. Only the operations djust's differ emits for the bench
 * pages are implemented; any other type is an error, never skipped.
 *
 * A patch addresses its node by `d` (the `dj-id` attribute of the element) or by `path`: child indices
 * from the `dj-root` element, counting only significant children (elements; text unless it is
 * whitespace-only, except a single space or any text directly inside pre/code/textarea/script/style;
 * djust's `<!--dj-if ...-->` / `<!--/dj-if-->` boundary comments, never other comments).
 */

/** One djust patch (`render_with_diff()`'s JSON list). */
export interface DjustPatch {
  readonly type: string;
  readonly path: readonly number[];
  readonly d?: string | null;
  readonly text?: string;
  readonly key?: string;
  readonly value?: string;
  readonly index?: number;
  readonly from?: number;
  readonly to?: number;
  readonly child_d?: string | null;
  readonly node?: DjustVNode;
}

/** A node of djust's virtual DOM, as InsertChild and Replace carry it. */
export interface DjustVNode {
  readonly tag: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly children?: readonly DjustVNode[];
  readonly text?: string | null;
}

const window = new Window();
const TEXT = 3;
const ELEMENT = 1;
const COMMENT = 8;
const PRESERVING = new Set(['PRE', 'CODE', 'TEXTAREA', 'SCRIPT', 'STYLE']);
const PLACEMENTS = new Set(['InsertChild', 'MoveChild']);

function isDjIfComment(text: string): boolean {
  const t = text.trim();
  return t === 'dj-if' || t === '/dj-if' || t.startsWith('dj-if ') || t.startsWith('dj-if\t');
}

function significant(child: Node, preserve: boolean): boolean {
  if (child.nodeType === ELEMENT) return true;
  if (child.nodeType === TEXT) {
    const text = child.textContent ?? '';
    return preserve || text === ' ' || /[^ \t\n\r\f]/.test(text);
  }
  return child.nodeType === COMMENT && isDjIfComment(child.textContent ?? '');
}

const preserving = (node: Node) => node.nodeType === ELEMENT && PRESERVING.has((node as Element).tagName.toUpperCase());

function significantChildren(node: Node): Node[] {
  const preserve = preserving(node);
  return [...node.childNodes].filter((c) => significant(c, preserve));
}

/**
 * Finds patch targets under the root: significant children per parent and the `dj-id` index, each computed
 * once and dropped when the tree changes shape, so a batch of thousands of patches on a page of thousands
 * of rows stays linear.
 */
class Lookup {
  private readonly children = new Map<Node, Node[]>();
  private ids: Map<string, Element> | null = null;

  constructor(private readonly root: Element) {}

  significant(node: Node): Node[] {
    let list = this.children.get(node);
    if (list === undefined) {
      list = significantChildren(node);
      this.children.set(node, list);
    }
    return list;
  }

  byId(id: string): Element | undefined {
    if (this.ids === null) {
      this.ids = new Map();
      for (const element of [this.root, ...this.root.querySelectorAll('[dj-id]')]) {
        const key = element.getAttribute('dj-id');
        if (key !== null && !this.ids.has(key)) this.ids.set(key, element);
      }
    }
    return this.ids.get(id);
  }

  /** The tree changed shape: forget everything. */
  reshaped(): void {
    this.children.clear();
    this.ids = null;
  }

  target(patch: DjustPatch): Node {
    const found = patch.d ? this.byId(patch.d) : undefined;
    if (found) return found;
    let node: Node = this.root;
    for (const index of patch.path) {
      const next = this.significant(node)[index];
      if (next === undefined) throw new Error(`${patch.type}: no child ${index} on path ${patch.path.join('/')}`);
      node = next;
    }
    return node;
  }

  child(parent: Node, childD: string | null | undefined, index: number | undefined): Node | undefined {
    const found = childD ? this.byId(childD) : undefined;
    if (found?.parentNode === parent) return found;
    return index === undefined ? undefined : this.significant(parent)[index];
  }
}

function create(document: Document, vnode: DjustVNode): Node {
  if (vnode.tag === '#text') return document.createTextNode(vnode.text ?? '');
  if (vnode.tag === '#comment') return document.createComment(vnode.text ?? '');
  const element = document.createElement(vnode.tag);
  for (const [key, value] of Object.entries(vnode.attrs ?? {})) element.setAttribute(key, value);
  for (const child of vnode.children ?? []) element.appendChild(create(document, child));
  return element;
}

function asElement(node: Node, patch: DjustPatch): Element {
  if (node.nodeType !== ELEMENT) throw new Error(`${patch.type} on a node that is not an element`);
  return node as Element;
}

/**
 * Applies one batch of djust patches to the tree under `root` (the `dj-root` element), in the client's
 * order: removals and moved children resolved against the tree before the batch, removals, then each
 * parent's insertions and moves by ascending final index, then every other patch in emitted order.
 */
export function applyDjustPatches(root: Element, patches: readonly DjustPatch[]): void {
  const document = root.ownerDocument;
  const lookup = new Lookup(root);
  const removals: [Node, Node][] = [];
  const moved = new Map<DjustPatch, Node>();
  const placements = new Map<Node, DjustPatch[]>();
  const rest: DjustPatch[] = [];
  for (const patch of patches) {
    if (patch.type === 'RemoveChild') {
      const parent = lookup.target(patch);
      const child = lookup.child(parent, patch.child_d, patch.index);
      if (child) removals.push([parent, child]);
    } else if (PLACEMENTS.has(patch.type)) {
      const parent = lookup.target(patch);
      if (patch.type === 'MoveChild') {
        const child = lookup.child(parent, patch.child_d, patch.from);
        if (!child) throw new Error(`MoveChild: no child ${patch.from} on path ${patch.path.join('/')}`);
        moved.set(patch, child);
      }
      placements.set(parent, [...(placements.get(parent) ?? []), patch]);
    } else rest.push(patch);
  }
  for (const [parent, child] of removals) if (child.parentNode === parent) parent.removeChild(child);
  for (const [parent, ops] of placements) {
    for (const op of ops) {
      const child = moved.get(op);
      if (child?.parentNode === parent) parent.removeChild(child);
    }
    // Each op carries its final index; what stays is already in final relative order, so placing by
    // ascending index puts each node after exactly its final predecessors.
    const preserve = preserving(parent);
    const sig = significantChildren(parent);
    const at = (op: DjustPatch) => (op.type === 'MoveChild' ? op.to : op.index) ?? 0;
    for (const op of [...ops].sort((x, y) => at(x) - at(y))) {
      const node = op.type === 'MoveChild' ? moved.get(op) : op.node && create(document, op.node);
      if (!node) throw new Error(`${op.type} without a node`);
      const index = Math.min(at(op), sig.length);
      parent.insertBefore(node, sig[index] ?? null);
      if (significant(node, preserve)) sig.splice(index, 0, node);
    }
  }
  if (removals.length > 0 || placements.size > 0) lookup.reshaped();
  for (const patch of rest) {
    const node = lookup.target(patch);
    switch (patch.type) {
      case 'SetText':
        // On an element, the text replaces its children.
        if (node.nodeType === ELEMENT) lookup.reshaped();
        node.textContent = patch.text ?? '';
        break;
      case 'SetAttr':
        asElement(node, patch).setAttribute(patch.key ?? '', patch.value ?? '');
        break;
      case 'RemoveAttr':
        asElement(node, patch).removeAttribute(patch.key ?? '');
        break;
      case 'Replace':
        if (!patch.node || !node.parentNode) throw new Error('Replace without a node or a parent');
        node.parentNode.replaceChild(create(document, patch.node), node);
        lookup.reshaped();
        break;
      default:
        throw new Error(`djust patch type ${patch.type} is not supported by the bench's applier`);
    }
  }
}

/** The `dj-root` element of a djust live page (`render_with_diff()`'s html), in a fresh document. */
export function djustRoot(html: string): Element {
  const document = new window.DOMParser().parseFromString(html, 'text/html');
  const root = document.querySelector('[dj-root]');
  if (!root) throw new Error('no dj-root element in the djust page');
  return root;
}

/**
 * The normalization djust's live HTML is compared with Django's under: the `dj-root` element's children
 * (for Django's page, `<body>`'s children, or the whole fragment), with every comment removed (djust drops
 * HTML comments and adds `dj-if` markers), every whitespace-only text node removed (djust drops the
 * whitespace between tags), the `dj-id` and `dj-root` attributes removed, and adjacent text merged; the
 * result serialized as HTML.
 */
export function djustNormalize(html: string): string {
  const known = normalized.get(html);
  if (known !== undefined) return known;
  const document = new window.DOMParser().parseFromString(html, 'text/html');
  const result = normalizeTree(document.querySelector('[dj-root]') ?? document.body);
  // Django's pages are checked several times each (a: mount and pipeline; a1: update-one, refetch, value).
  if (normalized.size >= 8) normalized.delete(normalized.keys().next().value as string);
  normalized.set(html, result);
  return result;
}

const normalized = new Map<string, string>();

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The children of `root` serialized under the djust normalization, without touching the tree: comments
 * skipped, the text on either side of them merged, whitespace-only text dropped, `dj-id` and `dj-root` left
 * out. (Editing a copy instead costs a removal per whitespace node, each linear in happy-dom: quadratic on a
 * page of thousands of rows.)
 */
function normalizeTree(root: Element): string {
  const out: string[] = [];
  const children = (node: Node) => {
    let text = '';
    const flush = () => {
      if (/[^ \t\n\r\f]/.test(text)) out.push(escapeText(text));
      text = '';
    };
    for (const child of node.childNodes) {
      if (child.nodeType === TEXT) text += child.textContent ?? '';
      else if (child.nodeType === ELEMENT) {
        flush();
        element(child as Element);
      }
    }
    flush();
  };
  const element = (el: Element) => {
    const tag = el.tagName.toLowerCase();
    out.push(`<${tag}`);
    for (const attr of el.attributes) {
      if (attr.name !== 'dj-id' && attr.name !== 'dj-root') out.push(` ${attr.name}="${escapeAttr(attr.value ?? '')}"`);
    }
    out.push('>');
    if (VOID.has(tag)) return;
    children(el);
    out.push(`</${tag}>`);
  };
  children(root);
  return out.join('');
}

/** djust's live HTML against Django's page, under {@link djustNormalize}. */
export function verifyDjustHtml(live: string, django: string | null): Verification {
  if (django === null) return { verified: false, how: 'no-reference', note: 'not verified: no Django output' };
  const got = djustNormalize(live);
  const expected = djustNormalize(django);
  return got === expected
    ? { verified: true, how: 'dom', note: DJUST_NOTE }
    : { verified: false, how: 'mismatch', note: `MISMATCH (normalized): ${firstDifference(got, expected)}` };
}

/** Said on every verified djust live row. */
export const DJUST_NOTE = 'equal to Django under the djust normalization';

/**
 * Applies each batch in turn to djust's page `before` and checks the page after each against the
 * matching Django page under {@link djustNormalize}.
 */
export function verifyDjustPatches(
  before: string,
  batches: readonly (readonly DjustPatch[])[],
  djangoAfter: readonly (string | null)[],
): Verification {
  const root = djustRoot(before);
  for (const [i, batch] of batches.entries()) {
    const expected = djangoAfter[i] ?? null;
    if (expected === null) return { verified: false, how: 'no-reference', note: 'not verified: no Django output' };
    try {
      applyDjustPatches(root, batch);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { verified: false, how: 'mismatch', note: `MISMATCH: patches do not apply: ${message}` };
    }
    const got = normalizeTree(root);
    const want = djustNormalize(expected);
    if (got !== want) {
      return {
        verified: false,
        how: 'mismatch',
        note: `MISMATCH: patched page (batch ${i + 1}) ${firstDifference(got, want)}`,
      };
    }
  }
  return { verified: true, how: 'dom', note: "patches applied give Django's page under the djust normalization" };
}
