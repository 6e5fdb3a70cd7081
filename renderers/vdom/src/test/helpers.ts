import { applyPatches, type Patch } from '@tessera/dom-patch';
import { compile, MemoryLoader } from '@tessera/template';
import { Window } from 'happy-dom';
import renderer from '../index.js';
import type { VdomPrepared } from '../tree.js';

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

/** Applies `patches` to a DOM holding `before`; returns whether it then equals a DOM holding `after`. */
export function patchesTurn(before: string, patches: readonly Patch[], after: string): { equal: boolean; got: string } {
  const root = holder(before);
  applyPatches(root, patches);
  root.normalize();
  const expected = holder(after);
  expected.normalize();
  return { equal: root.isEqualNode(expected), got: root.innerHTML };
}
