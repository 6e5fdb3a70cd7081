/**
 * Local rendering for `@optimistic` and `@clientState`: the same vdom renderer the server uses,
 * over the same templates, compiled in the browser. Loaded on demand as its own chunk, so pages
 * that render only on the server never download it.
 */
import renderer from '@tessera/renderer-vdom';
import { MemoryLoader, compile, type LiveDocument } from '@tessera/template';

/** A locally mounted view. */
export type LocalDocument = LiveDocument;

/** Compiles `entry` from `templates` and mounts it with `context`. */
export function mountLocal(
  templates: Record<string, string>,
  entry: string,
  context: Record<string, unknown>,
): LocalDocument {
  const prepared = renderer.prepare(compile(entry, new MemoryLoader(templates)));
  return renderer.mount(prepared, context);
}
