/**
 * `@tessera/renderer-string`: the naive baseline renderer.
 *
 * ```ts
 * import renderer from '@tessera/renderer-string';
 * const html = renderer.render(renderer.prepare(compile('page.html', loader)), { user: { name: 'Ada' } });
 * ```
 */
import type { Renderer, Template } from '@tessera/template';
import { renderTemplate } from '@tessera/interpreter';

/** Walks the IR on every render: nothing to prepare beyond the compiled template itself. */
export const renderer = {
  name: 'string',
  prepare: (template: Template) => template,
  render: (template: Template, context: Record<string, unknown>) => renderTemplate(template, context),
} satisfies Renderer<Template>;

export default renderer;
