/**
 * `@tessera/renderer-string`: the naive baseline renderer.
 *
 * ```ts
 * import renderer from '@tessera/renderer-string';
 * const html = renderer.render(renderer.prepare(compile('page.html', loader)), { user: { name: 'Ada' } });
 * ```
 */
import type { Template } from '@tessera/template';
import { renderTemplate } from '@tessera/interpreter';

/** The Renderer interface of DESIGN.md 3.2 (kept structural so renderers need no shared base package). */
export interface Renderer<P = unknown> {
  readonly name: string;
  prepare(template: Template): P;
  render(prepared: P, context: Record<string, unknown>): string;
}

/** Walks the IR on every render: nothing to prepare beyond the compiled template itself. */
export const renderer: Renderer<Template> = {
  name: 'string',
  prepare: (template) => template,
  render: (template, context) => renderTemplate(template, context),
};

export default renderer;
