import { AnchorMap, applyPatches, type Anchor, type Patch } from '@tessera/dom-patch';
import { compile, MemoryLoader } from '@tessera/template';
import { Window } from 'happy-dom';
import renderer from '../src/index.js';
import type { VdomPrepared } from '../src/tree.js';

const document = new Window().document;

/** Prepares `main.html` from a set of template sources. */
export function prepare(templates: Record<string, string>, entry = 'main.html'): VdomPrepared {
  return renderer.prepare(compile(entry, new MemoryLoader(templates)));
}

/** A `<div>` holding `html`, as the browser would parse it. */
export function holder(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div as unknown as Element;
}

/** Whether `root` holds the same DOM as `html` parses to (text runs merged), with its HTML. */
function compare(root: Element, html: string): { equal: boolean; got: string } {
  root.normalize();
  const expected = holder(html);
  expected.normalize();
  return { equal: root.isEqualNode(expected), got: root.innerHTML };
}

/**
 * Applies `patches` to a DOM holding `before` whose anchors `table` (the document's `anchors` before
 * the update) are bound; returns whether it then equals a DOM holding `after`.
 */
export function patchesTurn(
  before: string,
  patches: readonly Patch[],
  after: string,
  table: readonly Anchor[],
): { equal: boolean; got: string } {
  const root = holder(before);
  applyPatches(root, patches, new AnchorMap(root, table));
  return compare(root, after);
}

/** The browser's side of a mounted document: its page in a DOM, anchors bound, updated patch list by patch list. */
export class LiveDom {
  readonly root: Element;
  readonly anchors: AnchorMap;

  constructor(doc: { readonly html: string; readonly anchors: readonly Anchor[] }) {
    this.root = holder(doc.html);
    this.anchors = new AnchorMap(this.root, doc.anchors);
  }

  apply(patches: readonly Patch[]): void {
    applyPatches(this.root, patches, this.anchors);
  }

  holds(html: string): { equal: boolean; got: string } {
    return compare(this.root.cloneNode(true) as Element, html);
  }
}
