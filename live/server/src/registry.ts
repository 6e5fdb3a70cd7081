/**
 * Compiles each view class once: its template, its prepared form for the renderer, its handlers and,
 * for views the client renders itself (`@optimistic` or `@clientState`), their view module or template
 * sources.
 */
import { createHash } from 'node:crypto';
import type { HandlerMeta } from '@tessera/live-protocol';
import { compile, type CompileOptions, type Loader } from '@tessera/template';
import { clientStateOf, handlersOf } from './decorators.js';
import type { LiveRenderer } from './renderer.js';
import type { ViewClass } from './view.js';
import { makesModules, viewModuleFor } from './view-modules.js';

/** A view class ready to mount. */
export interface CompiledView {
  readonly route: string;
  readonly cls: ViewClass;
  readonly renderer: LiveRenderer;
  readonly prepared: unknown;
  readonly handlers: ReadonlyMap<string, HandlerMeta>;
  readonly clientState: readonly string[];
  /**
   * When the client renders this view locally: the view module's file name under ASSET_PREFIX when the
   * renderer makes one (view-modules.ts), else the template sources.
   */
  readonly local:
    | { readonly module: string }
    | { readonly templates: Record<string, string>; readonly entry: string }
    | null;
  /**
   * A hash of the compiled template: stored with the view's state, so a process that takes a view over
   * after a deploy changed its template sends the page new HTML instead of patching a DOM it did not render.
   */
  readonly fingerprint: string;
}

/** Compiles a view class. Throws TemplateSyntaxError / TemplateDoesNotExist for a bad template. */
export function compileView(
  route: string,
  cls: ViewClass,
  loader: Loader,
  renderer: LiveRenderer,
  options: CompileOptions,
): CompiledView {
  if (typeof cls.template !== 'string') throw new TypeError(`${cls.name} needs a static template name`);
  const template = compile(cls.template, loader, options);
  const handlers = handlersOf(cls);
  const clientState = clientStateOf(cls);
  const needsLocal = clientState.length > 0 || [...handlers.values()].some((meta) => meta.optimistic);
  const prepared = renderer.prepare(template);
  let local: CompiledView['local'] = null;
  const module = needsLocal && makesModules(renderer) ? viewModuleFor(renderer, prepared) : null;
  if (module !== null) local = { module };
  else if (needsLocal) {
    const templates: Record<string, string> = {};
    for (const name of template.ir.sources) {
      const source = loader.get(name);
      if (source !== null) templates[name] = source;
    }
    local = { templates, entry: cls.template };
  }
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([template.ir, local === null ? false : 'module' in local ? local.module : true]))
    .digest('base64url')
    .slice(0, 22);
  return { route, cls, renderer, prepared, handlers, clientState, local, fingerprint };
}
