import { AnchorMap, applyPatches, type Anchor, type Patch } from '@tessera/dom-patch';
import { compile, MemoryLoader } from '@tessera/template';
import { holder, sameDom } from '@tessera/fuzz';
import renderer from '../src/index.js';
import type { VdomPrepared } from '../src/tree.js';

/** Prepares `main.html` from a set of template sources. */
export function prepare(templates: Record<string, string>, entry = 'main.html'): VdomPrepared {
  return renderer.prepare(compile(entry, new MemoryLoader(templates)));
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
  return sameDom(root, after);
}

export { holder, LiveDom } from '@tessera/fuzz';
