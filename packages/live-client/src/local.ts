/**
 * Local rendering for `@optimistic` and `@clientState`: the same vdom renderer the server uses,
 * over the same templates, compiled in the browser. Loaded on demand as its own chunk, so pages
 * that render only on the server never download it.
 */
import type { Anchor, Patch } from '@tessera/dom-patch';
import renderer from '@tessera/renderer-vdom';
import { MemoryLoader, compile } from '@tessera/template';

/** A locally mounted view. */
export interface LocalDocument {
  readonly html: string;
  readonly anchors: readonly Anchor[];
  update(context: Record<string, unknown>): Patch[];
}

/** Compiles `entry` from `templates` and mounts it with `context`. */
export function mountLocal(templates: Record<string, string>, entry: string, context: Record<string, unknown>): LocalDocument {
  const prepared = renderer.prepare(compile(entry, new MemoryLoader(templates)));
  return renderer.mount(prepared, context);
}
