/**
 * Render-time helpers of the less common tags ({% now %}, {% lorem %}, {% widthratio %}, {% url %},
 * {% csrf_token %}, {% debug %}, simple tags, include and block.super errors): their Django behaviour
 * in one readable place, called from generated code.
 */
import {
  MISSING,
  SafeString,
  builtinFilters,
  conditionalEscape,
  isTruthy,
  loremParagraphs,
  loremWords,
  pyEquals,
  pyError,
  pyFloat,
  pyInt,
  pyRepr,
  pyStr,
  type FilterEnv,
} from '@tessera/runtime';
import { TemplateDoesNotExist, TemplateSyntaxError, type SimpleTag } from '@tessera/template';
import { root } from './helpers.js';
import type { CodegenTemplate } from './template.js';

/** The error a constant `{% include %}` of a missing or broken template throws when rendered. */
export function includeError(name: string, error: 'TemplateDoesNotExist' | 'TemplateSyntaxError', message: string): Error {
  return error === 'TemplateDoesNotExist' ? new TemplateDoesNotExist(name) : new TemplateSyntaxError(message);
}

/** `{% now "format" %}`: Django formats `now()` with the `date` filter (named formats included). */
export function formatNow(format: string, env: FilterEnv): string {
  const date = builtinFilters['date'];
  if (date === undefined) throw new Error('the runtime has no date filter');
  return pyStr(date.fn(env.options.now(), format, env));
}

/** `{% lorem count method [random] %}`; a count Python's int() refuses is 1. */
export function lorem(count: unknown, method: string, common: boolean): string {
  let n: number;
  try {
    n = pyInt(count);
  } catch {
    n = 1;
  }
  if (method === 'w') return loremWords(n, common);
  const paragraphs = loremParagraphs(n, common);
  return (method === 'p' ? paragraphs.map((p) => `<p>${p}</p>`) : paragraphs).join('\n\n');
}

/** Python 3 `round()` to an int: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** `{% widthratio value max width %}`: `str(round(value / max * width))`, '' when not computable. */
export function widthRatio(value: unknown, max: unknown, width: unknown): string {
  let w: number;
  try {
    w = pyInt(width);
  } catch {
    throw new TemplateSyntaxError('widthratio final argument must be a number');
  }
  try {
    const v = pyFloat(value);
    const m = pyFloat(max);
    if (m === 0) return '0';
    const ratio = (v / m) * w;
    return Number.isFinite(ratio) ? String(roundHalfEven(ratio)) : '';
  } catch {
    return '';
  }
}

/** Values handed to hooks: SafeString literals become plain strings. */
function plain(v: unknown): unknown {
  return v instanceof SafeString ? v.value : v;
}

/** Reverses `{% url %}` with the template's `url` hook; with `as`, NoReverseMatch yields ''. */
export function reverseUrl(
  t: CodegenTemplate,
  viewName: unknown,
  args: readonly unknown[],
  keys: readonly string[],
  values: readonly unknown[],
  silent: boolean,
): string {
  const hook = t.options.url;
  const name = pyStr(viewName);
  try {
    if (!hook) throw pyError('NoReverseMatch', `Reverse for '${name}' not found: no url hook was given to compile()`);
    return hook(name, args.map(plain), Object.fromEntries(keys.map((k, i) => [k, plain(values[i])])));
  } catch (err) {
    if (silent && err instanceof Error && err.name === 'NoReverseMatch') return '';
    throw err;
  }
}

/** `{% csrf_token %}`: the hidden input, or nothing without a token. */
export function csrfInput(token: unknown): string {
  if (token === MISSING || !isTruthy(token) || pyEquals(token, 'NOTPROVIDED')) return '';
  return `<input type="hidden" name="csrfmiddlewaretoken" value="${conditionalEscape(token)}">`;
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

/** How a simple tag's result is printed. */
export function tagOutput(v: unknown, autoescape: boolean): string {
  return autoescape ? conditionalEscape(v) : pyStr(v);
}

/** `{{ block.super }}` where no `{% extends %}` is in effect: Django's error for it. */
export function blockSuperError(): Error {
  return new TemplateSyntaxError("'BlockNode' object has no attribute 'context'. Did you use {{ block.super }} in a base template?");
}
