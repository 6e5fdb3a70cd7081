/**
 * `compile()` and the `Template` it returns: the public face of the frontend.
 */
import { builtinFilters, defaultRuntimeOptions, type FilterSpec, type RuntimeOptions } from '@tessera/runtime';
import { TemplateDoesNotExist, TemplateSyntaxError } from './errors.js';
import { CycleStates } from './cycles.js';
import { finalize } from './finalize.js';
import type { IncludeTarget, TemplateIR } from './ir.js';
import type { Library, SimpleTag } from './library.js';
import type { Loader } from './loaders.js';
import { Parser, type ParsedTemplate, type ParserEnv } from './parser.js';
import { resolveTree } from './resolve.js';
import { defaultStatic, staticLibrary } from './static.js';
import { builtinTags } from './tags/index.js';

/** Options of `compile`. Hooks are used by renderers at render time through `template.options`. */
export interface CompileOptions {
  /** Libraries templates can `{% load %}`, by name. `static` is provided unless overridden. */
  readonly libraries?: Readonly<Record<string, Library>>;
  /** Reverses `{% url %}`; throw an Error named `NoReverseMatch` for unknown names. Without it, `{% url %}` throws. */
  readonly url?: (viewName: string, args: unknown[], kwargs: Record<string, unknown>) => string;
  /** Resolves `{% static %}` paths (default: Django's `/static/` + quoted path). */
  readonly static?: (path: string) => string;
  /** Clock and time zone for `{% now %}` and date filters. */
  readonly runtime?: Partial<RuntimeOptions>;
  /** Initial autoescape state (Django's default: on). */
  readonly autoescape?: boolean;
  /** `{% debug %}` prints the context only when on (Django: settings.DEBUG). */
  readonly debug?: boolean;
}

/** Options with defaults applied. */
export interface ResolvedOptions extends CompileOptions {
  readonly runtime: RuntimeOptions;
  readonly autoescape: boolean;
  readonly debug: boolean;
  readonly libraries: Readonly<Record<string, Library>>;
}

/** A compiled page: its IR plus what renderers need at render time (filters, tags, hooks, includes). */
export class Template {
  readonly name: string;
  readonly ir: TemplateIR;
  readonly options: ResolvedOptions;
  readonly #env: CompileEnv;

  /** @internal use `compile()` */
  constructor(name: string, ir: TemplateIR, env: CompileEnv) {
    this.name = name;
    this.ir = ir;
    this.options = env.options;
    this.#env = env;
  }

  /** Compiles another template with the same loader and options (cached): for dynamic `{% include %}`. */
  load(name: string): Template {
    return this.#env.compile(name);
  }

  /**
   * This page resolved over the parent `parentName`, for an `extends` node (`{% extends var %}`): the
   * renderer evaluates the variable and renders the result's body in its place. Cached per parent.
   */
  extend(parentName: string): Template {
    return this.#env.compile(this.name, parentName);
  }

  /** The filter a FilterCall names: from its library when `library` is set, else a built-in. */
  filter(name: string, library?: string): FilterSpec {
    const spec = library ? this.options.libraries[library]?.filters.get(name) : builtinFilters[name];
    if (!spec) throw new TemplateSyntaxError(`Invalid filter: '${name}'`);
    return spec;
  }

  /** The function of a library tag (CallTagNode). */
  tag(library: string, name: string): SimpleTag {
    const tag = this.options.libraries[library]?.tags.get(name);
    if (!tag) throw new TemplateSyntaxError(`Invalid block tag: '${name}' from library '${library}'`);
    return tag;
  }

  /** The error an `{% include %}` with an `error` target throws when it renders. */
  includeError(target: Extract<IncludeTarget, { kind: 'error' }>): Error {
    return target.error === 'TemplateDoesNotExist'
      ? new TemplateDoesNotExist(target.name)
      : new TemplateSyntaxError(target.message);
  }
}

/** Shared state of one compile environment: loader, options and caches. */
class CompileEnv {
  readonly options: ResolvedOptions;
  readonly #loader: Loader;
  readonly #parsed = new Map<string, ParsedTemplate>();
  readonly #compiled = new Map<string, Template>();
  readonly #libraries: ReadonlyMap<string, Library>;
  readonly #cycles = new CycleStates();

  constructor(loader: Loader, options: CompileOptions) {
    const libraries = { static: staticLibrary(options.static ?? defaultStatic), ...options.libraries };
    this.options = {
      ...options,
      libraries,
      runtime: { ...defaultRuntimeOptions, ...options.runtime },
      autoescape: options.autoescape ?? true,
      debug: options.debug ?? false,
    };
    this.#loader = loader;
    this.#libraries = new Map(Object.entries(libraries));
  }

  parse = (name: string): ParsedTemplate => {
    let parsed = this.#parsed.get(name);
    if (!parsed) {
      const source = this.#loader.get(name);
      if (source === null) throw new TemplateDoesNotExist(name, undefined, this.#loader.describe?.(name));
      parsed = parseSource(name, source, {
        tags: builtinTags,
        filters: builtinFilters,
        libraries: this.#libraries,
        cycles: this.#cycles,
      });
      this.#parsed.set(name, parsed);
    }
    return parsed;
  };

  /** The template of `name`'s constant extends chain whose parent comes from the context. */
  dynamicChild(name: string): string {
    let current = this.parse(name);
    for (let guard = 0; current.extends && guard < 1000; guard++) {
      const { base } = current.extends.parent;
      if (current.extends.parent.filters.length || base.kind !== 'literal' || typeof base.value !== 'string')
        return current.name;
      current = this.parse(String(base.value));
    }
    return current.name;
  }

  compile = (name: string, dynamicParent?: string): Template => {
    const key = dynamicParent === undefined ? name : `${name}\u0000${dynamicParent}`;
    let template = this.#compiled.get(key);
    if (!template) {
      let ir: TemplateIR;
      try {
        const parents = new Map(dynamicParent === undefined ? [] : [[this.dynamicChild(name), dynamicParent]]);
        ir = finalize(name, resolveTree(name, this.parse, parents), this.#cycles);
      } catch (err) {
        if (err instanceof RangeError) {
          throw new TemplateSyntaxError(`${name}: the template is nested too deeply to compile`, undefined, {
            cause: err,
          });
        }
        throw err;
      }
      template = new Template(name, ir, this);
      this.#compiled.set(key, template);
    }
    return template;
  };
}

function parseSource(name: string, source: string, env: ParserEnv): ParsedTemplate {
  const parser = new Parser(name, source, env);
  try {
    return parser.parseTemplate();
  } catch (err) {
    // Deeply nested tags recurse once per level; report the limit as a syntax error, not a crash.
    if (err instanceof RangeError) {
      throw new TemplateSyntaxError(`${name}: tags are nested too deeply`, undefined, { cause: err });
    }
    throw err;
  }
}

/**
 * Compiles the template `name` from `loader` into one resolved tree for the whole page:
 * `compile('page.html', new MemoryLoader({ 'page.html': 'Hi {{ user.name }}' })).ir`.
 * Throws TemplateSyntaxError or TemplateDoesNotExist.
 */
export function compile(name: string, loader: Loader, options: CompileOptions = {}): Template {
  return new CompileEnv(loader, options).compile(name);
}
