/**
 * Render-time helpers of generated code for the less common tags that need codegen's own calling
 * convention ({% url %}, {% debug %}, simple tags, include errors). What those tags compute is
 * `@tessera/interpreter`'s (tags.ts), shared with the other renderers.
 */
import { reverseUrl as reverseWith } from '@tessera/interpreter';
import { MISSING, conditionalEscape, pyRepr } from '@tessera/runtime';
import { TemplateDoesNotExist, TemplateSyntaxError, type SimpleTag } from '@tessera/template';
import { root } from './helpers.js';
import type { CodegenTemplate } from './template.js';

/** The error a constant `{% include %}` of a missing or broken template throws when rendered. */
export function includeError(
  name: string,
  error: 'TemplateDoesNotExist' | 'TemplateSyntaxError',
  message: string,
): Error {
  return error === 'TemplateDoesNotExist' ? new TemplateDoesNotExist(name) : new TemplateSyntaxError(message);
}

/** `{% url %}` from generated code, which passes keyword arguments as parallel key and value lists. */
export function reverseUrl(
  t: CodegenTemplate,
  viewName: unknown,
  args: readonly unknown[],
  keys: readonly string[],
  values: readonly unknown[],
  silent: boolean,
): string {
  return reverseWith(t.options.url, viewName, args, Object.fromEntries(keys.map((k, i) => [k, values[i]])), silent);
}

/** `{% debug %}`: the visible context (with the builtins) when the template's `debug` option is on. */
export function debugDump(t: CodegenTemplate, context: Record<string, unknown>): string {
  if (!t.options.debug) return '';
  return conditionalEscape(pyRepr({ True: true, False: false, None: null, ...context }));
}

/** A `{% load %}`ed simple tag: resolved arguments in, printed (escaped unless safe) result out. */
export function callTag(
  tag: SimpleTag,
  args: unknown[],
  keys: readonly string[],
  values: readonly unknown[],
  context: Record<string, unknown>,
  autoescape: boolean,
): unknown {
  const lookup = (name: string): unknown => {
    const v = root(context, name);
    return v === MISSING ? undefined : v;
  };
  return tag.fn(args, Object.fromEntries(keys.map((k, i) => [k, values[i]])), { lookup, autoescape });
}
