/**
 * `@tessera/renderer-codegen`: templates compiled to JavaScript functions.
 *
 * ```ts
 * import renderer from '@tessera/renderer-codegen';
 * const page = renderer.prepare(compile('page.html', loader));
 * renderer.render(page, { user: { name: 'Ada' } });
 * ```
 */
import type { LiveRenderer } from '@tessera/template';
import { encodePage, type ResponseBuffer } from './bytes.js';
import { CompiledDocument } from './live/document.js';
import { prepareLive } from './live/prepare.js';
import { BROWSER_IMPORTS, BROWSER_RESOLVE_DIR, viewModule } from './live/view-module.js';
import { bytesFunction, isGeneratedHere, renderFunction, type RenderFunction } from './prepare.js';
import type { CodegenTemplate } from './template.js';

export {
  toSource,
  factoryOf,
  codegenHelpers,
  renderFunction,
  bytesFunction,
  type BytesFunction,
  type RenderFunction,
  type Factory,
  type SourceOptions,
} from './prepare.js';
export { toModule, instantiate } from './module.js';
export { ResponseBuffer, DEFAULT_RESPONSE_CAPACITY } from './bytes.js';
export type { CodegenTemplate, CodegenOptions } from './template.js';
export type { Helpers } from './bindings.js';
export { CompiledDocument } from './live/document.js';
export { prepareLive, type LivePrepared } from './live/prepare.js';
export { viewModule, filterExport, type ViewModule, type ViewImports, type FilterGroup } from './live/view-module.js';

/** What `prepare` returns: the template and its compiled render function. */
export interface PreparedTemplate {
  readonly template: CodegenTemplate;
  readonly render: RenderFunction;
}

/** Options of `prepare`. */
export interface PrepareOptions {
  /** Receives the generated JavaScript source when the template is compiled (once per template). */
  readonly emit?: (source: string) => void;
}

/** Compiles `template` to a JavaScript function (cached per Template). */
export function prepare(template: CodegenTemplate, options: PrepareOptions = {}): PreparedTemplate {
  return { template, render: renderFunction(template, template.options.autoescape, options.emit) };
}

/** Renders a prepared template with a context. */
export function render(prepared: PreparedTemplate, context: Record<string, unknown>): string {
  return prepared.render(context);
}

/**
 * Renders as UTF-8 bytes, byte for byte `Buffer.from(render(prepared, context))`: the response body. With
 * `output` the bytes are a view of its reused storage, valid until its next write; without it, a new array.
 *
 * ```ts
 * const out = new ResponseBuffer();
 * res.end(renderToBuffer(page, context, out));
 * ```
 */
export function renderToBuffer(
  prepared: PreparedTemplate,
  context: Record<string, unknown>,
  output?: ResponseBuffer,
): Uint8Array {
  // A render function from a precompiled module keeps to it: one encode of its string.
  if (output === undefined || !isGeneratedHere(prepared.render)) return encodePage(prepared.render(context), output);
  return bytesFunction(prepared.template)(context, output);
}

/**
 * Mounts a page for live updates: the compiled live engine (see the README, "how it works"). The
 * template's slot structure and live functions are generated on the first mount.
 */
export function mount(prepared: PreparedTemplate, context: Record<string, unknown>): CompiledDocument {
  return new CompiledDocument(prepareLive(prepared.template), context);
}

/**
 * The page's view module for local rendering in the browser (see `viewModule`), importing bare
 * specifiers a bundler resolves from `resolveDir`; or why it has none.
 */
export function browserModule(
  prepared: PreparedTemplate,
):
  | { readonly ok: true; readonly source: string; readonly resolveDir: string }
  | { readonly ok: false; readonly reason: string } {
  const made = viewModule(prepared.template, BROWSER_IMPORTS);
  return made.ok ? { ...made, resolveDir: BROWSER_RESOLVE_DIR } : made;
}

/** The codegen `LiveRenderer`, with its response-ready path. */
export interface CodegenRenderer extends LiveRenderer<PreparedTemplate> {
  readonly renderToBuffer: typeof renderToBuffer;
  readonly mount: typeof mount;
  readonly browserModule: typeof browserModule;
}

/**
 * The codegen renderer: `render` and `renderToBuffer` for pages, `mount` to keep a page live,
 * `browserModule` for views rendered in the browser.
 */
export const renderer: CodegenRenderer = { name: 'codegen', prepare, render, renderToBuffer, mount, browserModule };

export default renderer;
