/**
 * IR -> JavaScript source. `new Generator(template).generate()` returns the body of a factory
 * `(h, t) => render`, where `h` holds the render-time helpers (helpers.ts and `@tessera/runtime`)
 * and `t` is the Template (filters, loaded tags, options, dynamic includes).
 *
 * Security invariant: template-derived text (static HTML, names, string literals, filter names,
 * template names) only ever enters the source through `jsString`, and every identifier in the source
 * is generated here (`v1`, `s2`...), never taken from the template.
 */
import type { Node } from '@tessera/template';
import { stripSpacesBetweenTags } from '@tessera/runtime';
import { FunctionState, type Frame } from './frame.js';
import { genExpr, genFilters } from './expr.js';
import { jsString } from './literal.js';
import { Scope } from './scope.js';
import type { CodegenTemplate } from './template.js';
import { cycleNames, levelAssignments } from './walk.js';
import { CodeWriter } from './writer.js';
import { genBlock } from './nodes/block.js';
import { genIf } from './nodes/if.js';
import { genOutput } from './nodes/output.js';
import { genFor } from './nodes/loop.js';
import { genInclude } from './nodes/include.js';
import { genCycle, genFirstOf, genIfChanged, genResetCycle } from './nodes/state.js';
import { genCall, genCsrfToken, genDebug, genLorem, genNow, genRegroup, genUrl, genWidthRatio } from './nodes/tags.js';
import { HELPER_NAMES } from './bindings.js';

/** Options of one generated function. */
export interface GenerateOptions {
  /** Autoescape state at the start of the template (Django: on; off when included under `{% autoescape off %}`). */
  readonly autoescape?: boolean;
  /**
   * Generate `renderBytes(context, out)` instead of `render(context)`: the same code, writing into the
   * `ResponseBuffer` `out` whenever the output passes `out.flushLength` at the end of a loop iteration, and
   * returning `out.finish(rest)`.
   */
  readonly bytes?: boolean;
}

/** What a generated factory reads besides its own code (see `Generator.imports`). */
export interface GeneratedImports {
  /** The names it destructures from `h`. */
  readonly helpers: readonly string[];
  /** The filters it resolves through `t.filter`, with their `{% load %}` library when not built in. */
  readonly filters: readonly { readonly name: string; readonly library?: string }[];
  /** Whether it resolves `{% load %}`ed tags through `t.tag`. */
  readonly tags: boolean;
}

/** Generates the factory body for one template. */
export class Generator {
  /** Writer of the function being generated. */
  w = new CodeWriter(1);
  /**
   * A variable that escaped outputs set when a value other than a string or number reaches `out` (see
   * `printsEscaped`); null (render) writes no flag.
   */
  unescapedFlag: string | null = null;
  readonly #hoisted: string[] = [];
  readonly #constants = new Map<string, string>();
  readonly #partials = new Map<string, string>();
  readonly #pending: { readonly id: string; readonly name: string; readonly autoescape: boolean }[] = [];
  readonly #functions: string[][] = [];
  #counter = 0;
  /** What the last generated factory reads from outside: helper names, filters and tags it resolves. */
  #imports: GeneratedImports = { helpers: [], filters: [], tags: false };

  constructor(readonly template: CodegenTemplate) {}

  /** A fresh identifier. */
  id(prefix: string): string {
    this.#counter++;
    return `${prefix}${this.#counter}`;
  }

  /** A scratch variable of the function `f` is in, for an inline expression that reads a value twice. */
  temp(f: Frame): string {
    return f.fn.temp(this.id('t'));
  }

  /** A factory-level constant, created once per template and shared by every render. */
  #hoist(key: string, prefix: string, init: string): string {
    const known = this.#constants.get(key);
    if (known !== undefined) return known;
    const id = this.id(prefix);
    this.#constants.set(key, id);
    this.#hoisted.push(`const ${id} = ${init};`);
    return id;
  }

  /**
   * A template string literal as a SafeString constant. One per occurrence, not per text: Django
   * makes one object per literal, which `{% if "s" is not "s" %}` can tell apart.
   */
  safeConstant(text: string): string {
    const id = this.id('k');
    this.#hoisted.push(`const ${id} = new SafeString(${jsString(text)});`);
    return id;
  }

  /** What the factory generated last imports: known exactly, so a module can import only that. */
  get imports(): GeneratedImports {
    return this.#imports;
  }

  /** The filter spec `name` (from `library` when set), resolved once through the Template. */
  filter(name: string, library?: string): string {
    const key = `f:${name}\0${library ?? ''}`;
    if (!this.#constants.has(key))
      this.#imports = {
        ...this.#imports,
        filters: [...this.#imports.filters, library === undefined ? { name } : { name, library }],
      };
    const args = library === undefined ? jsString(name) : `${jsString(name)}, ${jsString(library)}`;
    return this.#hoist(key, 'f', `t.filter(${args})`);
  }

  /** The function of a `{% load %}`ed tag, resolved once through the Template. */
  tagFunction(library: string, name: string): string {
    this.#imports = { ...this.#imports, tags: true };
    return this.#hoist(`g:${library}\0${name}`, 'g', `t.tag(${jsString(library)}, ${jsString(name)})`);
  }

  /** The `FilterEnv` for an autoescape state. */
  env(autoescape: boolean): string {
    const options = this.runtimeOptions();
    return this.#hoist(`e:${autoescape}`, 'e', `{ autoescape: ${autoescape}, options: ${options} }`);
  }

  /** The template's runtime options (clock, time zone). */
  runtimeOptions(): string {
    return this.#hoist('ro', 'ro', 't.options.runtime');
  }

  /** A constant array of names (for materialized contexts). */
  names(list: readonly string[]): string {
    return this.#hoist(`n:${JSON.stringify(list)}`, 'n', `[${list.map(jsString).join(', ')}]`);
  }

  /**
   * A JS expression flattening every context level visible in `f` into one object (what an
   * out-of-line include, a simple tag's `lookup` or `{% debug %}` sees), with `extra` on top.
   */
  contextObject(f: Frame, extra: readonly (readonly [string, string])[] = []): string {
    const visible = f.scope.visible();
    const keys: string[] = [];
    const exprs: string[] = [];
    for (const [name, r] of visible.names) {
      if (r.kind !== 'expr') continue;
      keys.push(name);
      exprs.push(r.js);
    }
    for (const [name, js] of extra) {
      keys.push(name);
      exprs.push(js);
    }
    return `scopeObject(${visible.contextVar ?? 'null'}, ${this.names(keys)}, [${exprs.join(', ')}])`;
  }

  /** The whole factory body. */
  generate(options: GenerateOptions = {}): string {
    const ir = this.template.ir;
    const autoescape = options.autoescape ?? this.template.options.autoescape;
    this.#outputs();
    const head = options.bytes === true ? 'return function renderBytes' : 'return function render';
    const writer = options.bytes === true ? this.id('o') : undefined;
    const main = this.#function(head, autoescape, ir.body, (f) => this.nodes(ir.body, f), undefined, [], writer);
    main[main.length - 1] = '};';
    return this.#factory(main);
  }

  /**
   * A factory body returning several functions instead of one render function: `{ name: function }`.
   * Each `write` generates its function's statements from the frame of its first parameter, the render
   * context; `params` are further parameter names the statements may use.
   */
  generateFunctions(
    functions: readonly {
      readonly name: string;
      readonly params: readonly string[];
      readonly write: (f: Frame) => void;
    }[],
    options: GenerateOptions = {},
  ): string {
    const autoescape = options.autoescape ?? this.template.options.autoescape;
    this.#outputs();
    const lines = functions.flatMap(({ name, params, write }) =>
      this.#function(`function ${name}`, autoescape, this.template.ir.body, write, undefined, params),
    );
    return this.#factory([...lines, `return { ${functions.map((fn) => fn.name).join(', ')} };`]);
  }

  // `out`/`raw` print dates in the template's time zone, so they are bound to its options.
  #outputs(): void {
    this.#hoisted.push(`const { out, raw } = outputs(${this.runtimeOptions()});`);
  }

  #factory(main: readonly string[]): string {
    const ir = this.template.ir;
    while (this.#pending.length > 0) {
      const p = this.#pending.shift();
      if (p === undefined) break;
      const body = ir.partials[p.name];
      if (body === undefined) throw new Error(`internal: partial ${p.name} is not in the IR`);
      this.#functions.push(this.#function(`function ${p.id}`, p.autoescape, body, (f) => this.nodes(body, f), p.name));
    }
    const code = [...this.#hoisted, ...this.#functions.flat(), ...main];
    // Only the helpers the code mentions, so the header stays readable.
    const text = code.filter((l) => !l.trimStart().startsWith('//')).join('\n');
    const used = HELPER_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
    this.#imports = { ...this.#imports, helpers: used };
    return [
      '"use strict";',
      `// Generated by @tessera/renderer-codegen from ${jsString(ir.name)} (IR v${Number(ir.irVersion)}).`,
      `const { ${used.join(', ')} } = h;`,
      ...code,
    ].join('\n');
  }

  /** Function rendering the included template `name` from a materialized context object. */
  partial(name: string, autoescape: boolean): string {
    const key = `${name}\0${autoescape}`;
    let id = this.#partials.get(key);
    if (id === undefined) {
      id = this.id('p');
      this.#partials.set(key, id);
      this.#pending.push({ id, name, autoescape });
    }
    return id;
  }

  #function(
    head: string,
    autoescape: boolean,
    nodes: readonly Node[],
    write: (f: Frame) => void,
    partial?: string,
    params: readonly string[] = [],
    writer?: string,
  ): string[] {
    const saved = this.w;
    this.w = new CodeWriter(1);
    const context = this.id('c');
    const buf = this.id('s');
    const fn = new FunctionState();
    if (writer !== undefined) fn.sink = { buf, writer };
    const scope = new Scope(null, context);
    const f: Frame = { scope, autoescape, buf, fn, cycleReset: null, ifchangedReset: null, inLoop: false };
    // `{% cycle ... as x %}` anywhere may write through to the bottom level (set_upward).
    this.declareLevel(scope, nodes, cycleNames(nodes));
    write(f);
    const body = this.w.lines();
    this.w = saved;
    const result = writer === undefined ? buf : `${writer}.finish(${buf})`;
    const lines = [`let ${buf} = "";`, ...fn.declarations, ...body.map((l) => l.slice(2)), `return ${result};`];
    const signature = [context, ...params, ...(writer === undefined ? [] : [writer])].join(', ');
    if (partial === undefined) return [`${head}(${signature}) {`, ...lines.map((l) => `  ${l}`), '}'];
    // A recursive include: counted against the include depth limit (helpers.descend).
    return [
      `${head}(${context}) {`,
      `  descend(${jsString(partial)});`,
      '  try {',
      ...lines.map((l) => `    ${l}`),
      '  } finally {',
      '    ascend();',
      '  }',
      '}',
    ];
  }

  /** Declares the `as`-assigned slots of a context level whose body is `nodes`. */
  declareLevel(scope: Scope, nodes: readonly Node[], extra: Iterable<string> = []): void {
    for (const name of new Set([...levelAssignments(nodes), ...extra])) {
      if (scope.names.get(name)?.kind === 'definite') continue;
      const js = this.id('m');
      scope.bind(name, { kind: 'maybe', js });
      this.w.line(`let ${js} = UNSET;`);
    }
  }

  /** Emits a node list. */
  nodes(list: readonly Node[], f: Frame): void {
    for (const n of list) this.node(n, f);
  }

  /** Source location as a comment (a literal, so a hostile template name stays inert). */
  where(n: {
    readonly kind: string;
    readonly loc: { readonly template: string; readonly line: number; readonly col: number };
  }): void {
    this.w.line(`// ${n.kind} ${jsString(n.loc.template)}:${Number(n.loc.line)}:${Number(n.loc.col)}`);
  }

  /** Emits one node. */
  node(n: Node, f: Frame): void {
    switch (n.kind) {
      case 'text':
        this.w.emitText(f.buf, n.value);
        return;
      case 'extends': {
        // The rest of the page depends on a parent named at render time: render that page out of line.
        this.where(n);
        const parent = genExpr(this, n.parent, f, 'empty');
        this.w.emit(f.buf, `extend(t, ${jsString(n.page)}, ${parent}, ${this.contextObject(f)}, ${f.autoescape})`);
        return;
      }
      case 'output':
        genOutput(this, n, f);
        return;
      case 'if':
        this.where(n);
        genIf(this, n, f);
        return;
      case 'for':
        this.where(n);
        genFor(this, n, f);
        return;
      case 'with': {
        this.where(n);
        const values = n.assigns.map((a) => this.value(genExpr(this, a.value, f, 'empty')));
        const scope = f.scope.push();
        n.assigns.forEach((a, i) => {
          scope.bind(a.name, { kind: 'definite', js: values[i] ?? 'undefined' });
        });
        this.declareLevel(scope, n.body);
        this.nodes(n.body, { ...f, scope });
        return;
      }
      case 'autoescape':
        this.nodes(n.body, { ...f, autoescape: n.on });
        return;
      case 'filterblock': {
        const inner = this.capture(n.body, f);
        const result = genFilters(this, `new SafeString(${inner})`, n.filters, f);
        this.w.emit(f.buf, `blockResult(${result})`);
        return;
      }
      case 'spaceless': {
        if (n.body.every((c) => c.kind === 'text')) {
          this.w.emitText(
            f.buf,
            stripSpacesBetweenTags(
              n.body
                .map((c) => (c.kind === 'text' ? c.value : ''))
                .join('')
                .trim(),
            ),
          );
          return;
        }
        const inner = this.capture(n.body, f);
        this.w.emit(f.buf, `stripSpacesBetweenTags(${inner}.trim())`);
        return;
      }
      case 'cycle':
        genCycle(this, n, f);
        return;
      case 'resetcycle':
        genResetCycle(this, n, f);
        return;
      case 'firstof':
        genFirstOf(this, n, f);
        return;
      case 'ifchanged':
        this.where(n);
        genIfChanged(this, n, f);
        return;
      case 'include':
        this.where(n);
        genInclude(this, n, f);
        return;
      case 'block':
        this.where(n);
        genBlock(this, n, f);
        return;
      case 'now':
        genNow(this, n, f);
        return;
      case 'lorem':
        genLorem(this, n, f);
        return;
      case 'widthratio':
        genWidthRatio(this, n, f);
        return;
      case 'url':
        genUrl(this, n, f);
        return;
      case 'csrf_token':
        genCsrfToken(this, n, f);
        return;
      case 'regroup':
        genRegroup(this, n, f);
        return;
      case 'debug':
        genDebug(this, n, f);
        return;
      case 'call':
        genCall(this, n, f);
        return;
      default: {
        const never: never = n;
        throw new Error(`unknown IR node ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * Runs `generate` with a scratch writer: returns the expression it produced and the statements it
   * needed before it (block.super captures, guarded operators), for callers choosing a compact form.
   */
  expression(generate: () => string): { js: string; before: string[] } {
    const outer = this.w;
    this.w = new CodeWriter(outer.depth);
    try {
      const js = generate();
      return { js, before: this.w.lines() };
    } finally {
      this.w = outer;
    }
  }

  /** Evaluates `js` once into a fresh `let` and returns its name. */
  value(js: string): string {
    const v = this.id('v');
    this.w.line(`let ${v} = ${js};`);
    return v;
  }

  /** Renders `nodes` into a fresh buffer variable and returns its name. */
  capture(nodes: readonly Node[], f: Frame): string {
    const buf = this.id('s');
    this.w.line(`let ${buf} = "";`);
    this.nodes(nodes, { ...f, buf });
    return buf;
  }
}
