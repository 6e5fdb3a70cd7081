/**
 * A minimal conformance-suite renderer, as an outside author would write one: it satisfies the
 * `Renderer` contract of `@tessera/template` by delegating to `@tessera/renderer-string`.
 *
 * Run the suite on it from this directory:
 * `npx tessera-conformance --renderer ./dist/index.js`
 */
import stringRenderer from '@tessera/renderer-string';
import type { Template } from '@tessera/template';

/** What `prepare` hands back to `render`: here, the string renderer's own prepared form. */
export type Prepared = ReturnType<typeof stringRenderer.prepare>;

/** The example renderer; also the default export, which is what the suite imports. */
export const renderer = {
  name: 'example',
  prepare(template: Template): Prepared {
    return stringRenderer.prepare(template);
  },
  render(prepared: Prepared, context: Record<string, unknown>): string {
    return stringRenderer.render(prepared, context);
  },
  // Declarations the suite reads. `compare: 'dom'` or `unsupported: [{ feature: 'tag-lorem', reason }]`
  // would go here; this renderer needs neither, so every case is held to Django's exact bytes.
  conformance: { compare: 'exact' as const },
};

export default renderer;
