/**
 * The browser's side of a live document in happy-dom, for renderers' tests: the page in a DOM with its
 * anchors bound, patched list by list, compared with a fresh parse of what `render` gives.
 */
import { AnchorMap, applyPatches, type Anchor, type PatchEntry } from '@tessera/dom-patch';
import { Window } from 'happy-dom';

const document = new Window().document;

/** A `<div>` holding `html`, as the browser would parse it. */
export function holder(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div as unknown as Element;
}

/** Whether `root` holds the same DOM as `html` parses to (text runs merged), with its HTML. */
export function sameDom(root: Element, html: string): { equal: boolean; got: string } {
  const got = root.cloneNode(true) as Element;
  got.normalize();
  const expected = holder(html);
  expected.normalize();
  return { equal: got.isEqualNode(expected), got: got.innerHTML };
}

/** A mounted document's page in a DOM, anchors bound, updated patch list by patch list. */
export class LiveDom {
  readonly root: Element;
  readonly anchors: AnchorMap;

  constructor(doc: { readonly html: string; readonly anchors: readonly Anchor[] }) {
    this.root = holder(doc.html);
    this.anchors = new AnchorMap(this.root, doc.anchors);
  }

  apply(patches: readonly PatchEntry[]): void {
    applyPatches(this.root, patches, this.anchors);
  }

  holds(html: string): { equal: boolean; got: string } {
    return sameDom(this.root, html);
  }
}
