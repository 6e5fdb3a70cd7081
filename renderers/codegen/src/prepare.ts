/**
 * From generated source to a render function: `new Function` once per template and autoescape
 * state, cached on the Template object.
 */
import { extendsParentName } from '@tessera/interpreter';
import { pyError } from '@tessera/runtime';
import { TemplateSyntaxError } from '@tessera/template';
import { createHelpers, type Helpers } from './bindings.js';
import { ascend, descend } from './helpers.js';
import type { ResponseBuffer } from './bytes.js';
import { Generator } from './generator.js';
import type { CodegenTemplate } from './template.js';

/** A compiled template's render function. */
export type RenderFunction = (context: Record<string, unknown>) => string;

/** A compiled template's bytes function: the page written into `output`, returned as its bytes. */
export type BytesFunction = (context: Record<string, unknown>, output: ResponseBuffer) => Uint8Array;

/** The factory a generated source defines: helpers and template in, render function out. */
export type Factory = (h: Helpers, t: CodegenTemplate) => RenderFunction;

interface Compiled {
  on?: RenderFunction;
  off?: RenderFunction;
  bytes?: BytesFunction;
}

const cache = new WeakMap<CodegenTemplate, Compiled>();
/** Render functions `renderFunction` made (not instantiated from a precompiled module). */
const generatedHere = new WeakSet<RenderFunction>();

/**
 * Whether `render` was generated in this process, so its template's bytes function may be generated too.
 * A render function instantiated from a precompiled module may run where code cannot be generated.
 */
export function isGeneratedHere(render: RenderFunction): boolean {
  return generatedHere.has(render);
}

/** Options of `toSource`. */
export interface SourceOptions {
  /** Autoescape at the start (default: the template's `autoescape` option). */
  readonly autoescape?: boolean;
  /** The bytes function `renderBytes(context, out)` instead of `render(context)` (see `GenerateOptions`). */
  readonly bytes?: boolean;
}

/**
 * The generated JavaScript for a template: the body of a factory `(h, t) => render`, readable and
 * self-contained apart from `h` (the helpers) and `t` (the Template).
 */
export function toSource(template: CodegenTemplate, options: SourceOptions = {}): string {
  try {
    return new Generator(template).generate(options);
  } catch (err) {
    // The generator recurses once per nesting level of the IR.
    if (err instanceof RangeError)
      throw new TemplateSyntaxError(
        `${template.name}: the template is nested too deeply to generate code for`,
        undefined,
        { cause: err },
      );
    throw err;
  }
}

/** Turns a generated source into its factory. */
export function factoryOf(source: string): Factory {
  return new Function('h', 't', source) as Factory;
}

/**
 * Unbounded template recursion (an include of itself) overflows the JS stack: `err` as Django's
 * RecursionError then, else as it is.
 */
function recursionError(err: unknown, template: CodegenTemplate): unknown {
  // No regex here: this runs with the stack nearly exhausted (an outer frame retries if it fails).
  if (err instanceof RangeError && err.message.includes('call stack')) {
    return pyError('RecursionError', `maximum recursion depth exceeded while rendering ${template.name}`);
  }
  return err;
}

/** Renders `template` out of line, counted against the include depth limit. */
function nested(template: CodegenTemplate, autoescape: boolean, context: Record<string, unknown>): string {
  descend(template.name);
  try {
    return renderFunction(template, autoescape)(context);
  } finally {
    ascend();
  }
}

const helpers: Helpers = createHelpers(
  (template, context, autoescape) => nested(template, autoescape, context),
  (t, page, parent, context, autoescape) => nested(t.load(page).extend(extendsParentName(parent)), autoescape, context),
);

/** The helper object generated factories expect (for instantiating precompiled sources). */
export function codegenHelpers(): Helpers {
  return helpers;
}

/**
 * The render function of `template` for an initial autoescape state, generated and compiled on first
 * use. `emit` receives the generated source when it is generated.
 */
export function renderFunction(
  template: CodegenTemplate,
  autoescape = template.options.autoescape,
  emit?: (source: string) => void,
): RenderFunction {
  let compiled = cache.get(template);
  if (compiled === undefined) {
    compiled = {};
    cache.set(template, compiled);
  }
  const known = autoescape ? compiled.on : compiled.off;
  if (known !== undefined) return known;
  const source = toSource(template, { autoescape });
  emit?.(source);
  const generated = factoryOf(source)(helpers, template);
  const fn: RenderFunction = (context) => {
    try {
      return generated(context);
    } catch (err) {
      throw recursionError(err, template);
    }
  };
  if (autoescape) compiled.on = fn;
  else compiled.off = fn;
  generatedHere.add(fn);
  return fn;
}

/**
 * The bytes function of `template` (at its own autoescape option), generated and compiled on first use:
 * `renderToBuffer`'s page written into a `ResponseBuffer`.
 */
export function bytesFunction(template: CodegenTemplate): BytesFunction {
  let compiled = cache.get(template);
  if (compiled === undefined) {
    compiled = {};
    cache.set(template, compiled);
  }
  if (compiled.bytes !== undefined) return compiled.bytes;
  const source = toSource(template, { bytes: true });
  const generated = factoryOf(source)(helpers, template) as unknown as BytesFunction;
  const fn: BytesFunction = (context, output) => {
    output.begin();
    try {
      return generated(context, output);
    } catch (err) {
      output.abort();
      throw recursionError(err, template);
    }
  };
  compiled.bytes = fn;
  return fn;
}
