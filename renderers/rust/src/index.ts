/**
 * `@tessera/renderer-rust`: Django templates rendered by a native Rust addon (napi-rs) from the IR.
 *
 * ```ts
 * import renderer from '@tessera/renderer-rust';
 * const prepared = renderer.prepare(compile('page.html', loader));
 * const html = renderer.render(prepared, { user: { name: 'Ada' } });
 * const doc = renderer.mount(prepared, { count: 1 });
 * applyPatches(container, doc.set({ count: 2 }));
 * ```
 */
import type { Template } from '@tessera/template';
import { encodeContext } from './encode.js';
import { RustDocument } from './live.js';
import { native, NativeProgram } from './native.js';

export { encodeContext } from './encode.js';
export { RustDocument, type LiveDocument } from './live.js';

/** A template prepared in the addon. */
export interface RustPrepared {
  readonly program: NativeProgram;
}

/** The Renderer and LiveRenderer interfaces of DESIGN.md 3.2, with the conformance declaration. */
export interface RustRenderer {
  readonly name: 'rust';
  prepare(template: Template): RustPrepared;
  render(prepared: RustPrepared, context: Record<string, unknown>): string;
  mount(prepared: RustPrepared, context: Record<string, unknown>): RustDocument;
  readonly conformance: {
    readonly unsupported: readonly { feature: string; reason: string }[];
  };
}

const NO_DATES = 'renderer-rust has no date values yet';
const NOT_PORTED = 'filter not ported to Rust yet: refused when prepared';

/** The native renderer. */
export const renderer: RustRenderer = {
  name: 'rust',
  prepare(template) {
    const ir = JSON.stringify(template.ir);
    return { program: native(() => new NativeProgram(ir, template.options.autoescape, template.options.debug)) };
  },
  render(prepared, context) {
    const json = encodeContext(context);
    return native(() => prepared.program.renderJson(json));
  },
  mount(prepared, context) {
    const json = encodeContext(context);
    return new RustDocument(native(() => prepared.program.mount(json)));
  },
  conformance: {
    unsupported: [
      { feature: 'filter:date', reason: NO_DATES },
      { feature: 'filter:time', reason: NO_DATES },
      { feature: 'filter:timesince', reason: NO_DATES },
      { feature: 'filter:timeuntil', reason: NO_DATES },
      { feature: 'tag-now', reason: NO_DATES },
      { feature: 'filters-date', reason: NO_DATES },
      { feature: 'tag-url', reason: 'the url hook is a JavaScript function' },
      { feature: 'tag-load', reason: 'library tags and filters are JavaScript functions' },
      { feature: 'filter:wordwrap', reason: NOT_PORTED },
      { feature: 'filter:json_script', reason: NOT_PORTED },
      { feature: 'filter:urlize', reason: NOT_PORTED },
      { feature: 'filter:urlizetrunc', reason: NOT_PORTED },
      { feature: 'filter:striptags', reason: NOT_PORTED },
      { feature: 'filter:truncatechars_html', reason: NOT_PORTED },
      { feature: 'filter:truncatewords_html', reason: NOT_PORTED },
      { feature: 'filter:pprint', reason: NOT_PORTED },
      { feature: 'filter:random', reason: NOT_PORTED },
    ],
  },
};

export default renderer;
