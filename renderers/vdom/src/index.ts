/**
 * `@tessera/renderer-vdom`: renders Django templates to a virtual DOM built straight from the IR,
 * and turns context updates into `@tessera/dom-patch` patches.
 *
 * ```ts
 * import renderer from '@tessera/renderer-vdom';
 * const prepared = renderer.prepare(compile('page.html', loader));
 * const doc = renderer.mount(prepared, { count: 1, items });
 * container.innerHTML = doc.html;
 * const anchors = new AnchorMap(container, doc.anchors);
 * applyPatches(container, doc.update({ count: 2, items }), anchors);
 * ```
 */
import type { LiveRenderer } from '@tessera/template';
import { VdomDocument, type MountOptions } from './live.js';
import { buildTree, prepareTree, type VdomPrepared } from './tree.js';
import { serialize } from './vtree.js';
import type { FallbackRegion } from './prepare/build.js';

/** The vdom renderer. `render` serializes the virtual tree, keeping the template's own spelling of the static HTML. */
export const renderer = {
  name: 'vdom',
  prepare: prepareTree,
  render(prepared: VdomPrepared, context: Record<string, unknown>): string {
    const { root } = buildTree(prepared, context, false);
    return root.nodes === null ? root.html : serialize(root.nodes);
  },
  mount: (prepared: VdomPrepared, context: Record<string, unknown>, options?: MountOptions) =>
    new VdomDocument(prepared, context, options),
  conformance: { compare: 'dom', unsupported: [] },
} satisfies LiveRenderer<VdomPrepared>;

/** Whether any region of the template is rendered as HTML text and parsed at render time. */
export function usesFallback(prepared: VdomPrepared): boolean {
  return prepared.fallbacks.length > 0;
}

/** The regions of the template that use the render-then-parse fallback, with the reason for each. */
export function fallbackRegions(prepared: VdomPrepared): readonly FallbackRegion[] {
  return prepared.fallbacks;
}

export { VdomDocument, diffRoots, type LiveStats, type MountOptions, type RootDiff } from './live.js';
export { anchorTable } from './anchors.js';
export type { VdomPrepared, RootTree } from './tree.js';
export type { FallbackRegion } from './prepare/build.js';
export type { RenderStats } from './instantiate.js';
export type { VNode, VElement, VText, VComment, VFragment } from './vtree.js';

export default renderer;
