/**
 * From generated source to a render function: `new Function` once per template and autoescape
 * state, cached on the Template object.
 */
import { isTruthy, pyRepr, pyStr } from '@tessera/runtime';
import { TemplateDoesNotExist, TemplateSyntaxError } from '@tessera/template';
import { createHelpers, type Helpers } from './bindings.js';
import { Generator } from './generator.js';
import type { CodegenTemplate } from './template.js';

/** A compiled template's render function. */
export type RenderFunction = (context: Record<string, unknown>) => string;

/** The factory a generated source defines: helpers and template in, render function out. */
export type Factory = (h: Helpers, t: CodegenTemplate) => RenderFunction;

interface Compiled {
  on?: RenderFunction;
  off?: RenderFunction;
}

const cache = new WeakMap<CodegenTemplate, Compiled>();

/** Options of `toSource`. */
export interface SourceOptions {
  /** Autoescape at the start (default: the template's `autoescape` option). */
  readonly autoescape?: boolean;
}

/**
 * The generated JavaScript for a template: the body of a factory `(h, t) => render`, readable and
 * self-contained apart from `h` (the helpers) and `t` (the Template).
 */
export function toSource(template: CodegenTemplate, options: SourceOptions = {}): string {
  return new Generator(template).generate(options);
}

/** Turns a generated source into its factory. */
export function factoryOf(source: string): Factory {
  return new Function('h', 't', source) as Factory;
}

/** Django's select_template for a dynamic `{% include %}` name (a name or a list of names). */
function loadFirst(from: CodegenTemplate, name: unknown): CodegenTemplate {
  const names = Array.isArray(name) ? name.map(pyStr) : isTruthy(name) ? [pyStr(name)] : [];
  if (names.length === 0) throw new TemplateDoesNotExist('No template names provided');
  let lastError: unknown;
  for (const n of names) {
    try {
      return from.load(n);
    } catch (err) {
      if ((err as Error).name !== 'TemplateDoesNotExist') throw err;
      lastError = err;
    }
  }
  throw lastError;
}

/** `{% extends var %}`: the page compiled over the parent the context names. */
function extendPage(t: CodegenTemplate, page: string, parent: unknown): CodegenTemplate {
  if (!isTruthy(parent) || typeof parent === 'symbol') {
    throw new TemplateSyntaxError(`Invalid template name in 'extends' tag: ${pyRepr(parent)}.`);
  }
  return t.load(page).extend(pyStr(parent));
}

const helpers: Helpers = createHelpers(
  (t, name, context, autoescape) => renderFunction(loadFirst(t, name), autoescape)(context),
  (t, page, parent, context, autoescape) => renderFunction(extendPage(t, page, parent), autoescape)(context),
);

/** The helper object generated factories expect (for instantiating precompiled sources). */
export function codegenHelpers(): Helpers {
  return helpers;
}

/**
 * The render function of `template` for an initial autoescape state, generated and compiled on first
 * use. `emit` receives the generated source when it is generated.
 */
export function renderFunction(template: CodegenTemplate, autoescape = template.options.autoescape, emit?: (source: string) => void): RenderFunction {
  let compiled = cache.get(template);
  if (compiled === undefined) {
    compiled = {};
    cache.set(template, compiled);
  }
  const known = autoescape ? compiled.on : compiled.off;
  if (known !== undefined) return known;
  const source = toSource(template, { autoescape });
  emit?.(source);
  const fn = factoryOf(source)(helpers, template);
  if (autoescape) compiled.on = fn;
  else compiled.off = fn;
  return fn;
}
