/**
 * Django's template Parser: tokens -> nodes. Tags are compiled by the functions in `tags/`, which get
 * this parser to read their bodies (`parse(['endfor'])`) and to compile expressions.
 * The result is the IR node shape with placeholder ids and dependencies; `resolve.ts` then merges the
 * extends chain and includes, and `finalize.ts` numbers the nodes and fills in dependencies.
 */
import type { FilterSpec } from '@tessera/runtime';
import type { CycleStates } from './cycles.js';
import { parseExpr, parseOperand } from './expr.js';
import type { Assign, CycleNode, Expr, Loc, Node, Operand } from './ir.js';
import type { Library } from './library.js';
import { tokenize, type Token } from './lexer.js';
import { TemplateSyntaxError } from './errors.js';
import { splitContents } from './split.js';

/** A tag's compile function: reads the rest of its tag (and body) through the parser. */
export type TagCompiler = (parser: Parser, token: Token) => Node | null;

/** What the parser needs from the environment: built-in tags/filters and loadable libraries. */
export interface ParserEnv {
  readonly tags: ReadonlyMap<string, TagCompiler>;
  readonly filters: Readonly<Record<string, FilterSpec>>;
  readonly libraries: ReadonlyMap<string, Library>;
  /** Where `{% cycle name %}` and `{% resetcycle %}` record the cycle state they use. */
  readonly cycles: CycleStates;
}

/** `{% extends %}` as written: the parent is a constant name (or an expression, which we refuse later). */
export interface ExtendsInfo {
  readonly parent: Expr;
  readonly loc: Loc;
  readonly raw: string;
}

export interface ParsedTemplate {
  readonly name: string;
  readonly body: Node[];
  readonly extends: ExtendsInfo | null;
  /** Text before `{% extends %}`: Django renders it ahead of the parent. */
  readonly prefix: Node[];
}

const KWARG_RE = /^(?:([\p{L}\p{N}_]+)=)?(.+)$/su;

export class Parser {
  readonly name: string;
  readonly #tokens: Token[];
  #pos = 0;
  readonly #env: ParserEnv;
  /** Filters in scope: name -> library name (null for built-ins). */
  readonly #filters = new Map<string, { spec: FilterSpec; library: string | null }>();
  readonly #tags = new Map<string, TagCompiler>();
  /** Library tags in scope: tag name -> library name. */
  readonly libraryTags = new Map<string, string>();
  #extends: ExtendsInfo | null = null;
  /** How many top-level nodes precede `{% extends %}` (all text, or extends would have been refused). */
  #extendsAt = 0;
  #depth = 0;
  readonly namedCycles = new Map<string, CycleNode>();
  /** The compile environment's cycle-state links (see `cycles.ts`). */
  readonly cycles: CycleStates;
  lastCycle: CycleNode | null = null;
  readonly blockNames = new Set<string>();
  /** Token of the tag whose body is being parsed, for "Unclosed tag" errors. */
  #openers: Token[] = [];

  constructor(name: string, source: string, env: ParserEnv) {
    this.name = name;
    this.#tokens = tokenize(source);
    this.#env = env;
    this.cycles = env.cycles;
    for (const [tagName, compile] of env.tags) this.#tags.set(tagName, compile);
    for (const [filterName, spec] of Object.entries(env.filters))
      this.#filters.set(filterName, { spec, library: null });
  }

  /** Parses the whole template. */
  parseTemplate(): ParsedTemplate {
    const body = this.parse([]);
    const prefix = this.#extends ? body.slice(0, this.#extendsAt) : [];
    return { name: this.name, body, extends: this.#extends, prefix };
  }

  /**
   * Parses nodes until a block tag whose name is in `until` (left unread for the caller to take with
   * `nextToken`). With `until` empty, parses to the end.
   */
  parse(until: readonly string[]): Node[] {
    const nodes: Node[] = [];
    let containsNontext = false;
    this.#depth++;
    try {
      while (this.#pos < this.#tokens.length) {
        const token = this.#tokens[this.#pos++]!;
        switch (token.type) {
          case 'text':
            nodes.push({ kind: 'text', value: token.contents });
            break;
          case 'comment':
            break;
          case 'var': {
            if (!token.contents) throw this.error(token, `Empty variable tag on line ${token.line}`);
            const expr = this.expr(token.contents, token);
            nodes.push({ kind: 'output', id: 0, loc: this.loc(token), deps: [], expr });
            containsNontext = true;
            break;
          }
          case 'block': {
            const command = token.contents.split(/\s+/u)[0];
            if (!command) throw this.error(token, `Empty block tag on line ${token.line}`);
            if (until.includes(command)) {
              this.#pos--;
              return nodes;
            }
            if (command === 'extends') {
              this.#compileExtends(token, containsNontext);
              this.#extendsAt = nodes.length;
              containsNontext = true;
              break;
            }
            const compile = this.#tags.get(command);
            if (!compile) throw this.#invalidBlockTag(token, command, until);
            this.#openers.push(token);
            const node = compile(this, token);
            this.#openers.pop();
            if (node) nodes.push(node);
            containsNontext = true;
            break;
          }
        }
      }
      if (until.length > 0) {
        const opener = this.#openers[this.#openers.length - 1];
        const where = opener ?? this.#tokens[this.#tokens.length - 1];
        const cmd = opener ? opener.contents.split(/\s+/u)[0] : until[0];
        throw this.error(
          where,
          `Unclosed tag on line ${where?.line ?? 1}: '${cmd}'. Looking for one of: ${until.join(', ')}.`,
        );
      }
      return nodes;
    } finally {
      this.#depth--;
    }
  }

  /** The next token (after `parse` stopped at an end tag). */
  nextToken(): Token {
    const token = this.#tokens[this.#pos++];
    if (!token) throw this.error(undefined, 'Unexpected end of template');
    return token;
  }

  /** Django's `skip_past`: drops tokens up to and including the block tag `{% endTag %}`. */
  skipPast(endTag: string, opener: Token): void {
    while (this.#pos < this.#tokens.length) {
      const token = this.#tokens[this.#pos++]!;
      if (token.type === 'block' && token.contents === endTag) return;
    }
    throw this.error(
      opener,
      `Unclosed tag on line ${opener.line}: '${opener.contents.split(/\s+/u)[0]}'. Looking for one of: ${endTag}.`,
    );
  }

  /** Django's "Invalid block tag" error for a tag the parser did not expect here. */
  invalidBlockTag(token: Token, command: string, until: readonly string[]): TemplateSyntaxError {
    return this.#invalidBlockTag(token, command, until);
  }

  #invalidBlockTag(token: Token, command: string, until: readonly string[]): TemplateSyntaxError {
    if (until.length > 0) {
      return this.error(
        token,
        `Invalid block tag on line ${token.line}: '${command}', expected ${textList(
          until.map((u) => `'${u}'`),
          'or',
        )}. Did you forget to register or load this tag?`,
      );
    }
    return this.error(
      token,
      `Invalid block tag on line ${token.line}: '${command}'. Did you forget to register or load this tag?`,
    );
  }

  #compileExtends(token: Token, containsNontext: boolean): void {
    const bits = splitContents(token.contents);
    if (bits.length !== 2) throw this.error(token, `'${bits[0]}' takes one argument`);
    if (this.#depth > 1) {
      // Django's extends swallows the rest of the template, so the enclosing tag can never be closed.
      throw this.error(token, `'extends' must be the first tag in the template, not inside another tag.`);
    }
    const parent = this.expr(this.relativeName(bits[1]!, token, false), token);
    if (containsNontext)
      throw this.error(token, `<ExtendsNode: extends ${bits[1]}> must be the first tag in the template.`);
    if (this.#extends) throw this.error(token, `'extends' cannot appear more than once in the same template`);
    this.#extends = { parent, loc: this.loc(token), raw: bits[1]! };
  }

  /** Django's `construct_relative_path` for `./` and `../` names in extends/include. */
  relativeName(name: string, token: Token, allowRecursion: boolean): string {
    const bare = name.replace(/^['"]+|['"]+$/g, '');
    if (!bare.startsWith('./') && !bare.startsWith('../')) return name;
    const current = this.name.replace(/^\/+/, '');
    const dir = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
    const joined = normalizePosix(dir ? `${dir}/${bare}` : bare);
    if (joined.startsWith('../') || joined === '..') {
      throw this.error(
        token,
        `The relative path '${name}' points outside the file hierarchy that template '${this.name}' is in.`,
      );
    }
    if (!allowRecursion && joined === current) {
      throw this.error(
        token,
        `The relative path '${name}' was translated to template name '${joined}', the same template in which the tag appears.`,
      );
    }
    const quoted = (name.startsWith('"') || name.startsWith("'")) && name[0] === name[name.length - 1];
    return quoted ? `"${joined}"` : joined;
  }

  /** Brings a library's tags and filters into scope (`{% load %}`). */
  load(libraryName: string, token: Token, only?: readonly string[]): void {
    const lib = this.#env.libraries.get(libraryName);
    if (!lib) {
      const known = [...this.#env.libraries.keys()].sort().join('\n');
      throw this.error(token, `'${libraryName}' is not a registered tag library. Must be one of:\n${known}`);
    }
    if (only) {
      for (const name of only) {
        const filter = lib.filters.get(name);
        const tag = lib.tags.has(name);
        if (!filter && !tag)
          throw this.error(token, `'${name}' is not a valid tag or filter in tag library '${libraryName}'`);
        if (filter) this.#filters.set(name, { spec: filter, library: libraryName });
        if (tag) this.#addLibraryTag(name, libraryName);
      }
      return;
    }
    for (const [name, spec] of lib.filters) this.#filters.set(name, { spec, library: libraryName });
    for (const name of lib.tags.keys()) this.#addLibraryTag(name, libraryName);
  }

  #addLibraryTag(name: string, libraryName: string): void {
    this.libraryTags.set(name, libraryName);
    this.#tags.set(name, (p, token) => p.libraryTag(token, libraryName));
  }

  /** Compiles a simple tag from a library: `{% tag arg key=value as var %}`. */
  libraryTag(token: Token, library: string): Node {
    const bits = splitContents(token.contents);
    const tag = bits.shift()!;
    let asVar: string | null = null;
    if (bits.length >= 2 && bits[bits.length - 2] === 'as') {
      asVar = bits.pop()!;
      bits.pop();
    }
    const args: Expr[] = [];
    const kwargs: Assign[] = [];
    for (const bit of bits) {
      const m = KWARG_RE.exec(bit);
      if (m?.[1]) {
        if (kwargs.some((k) => k.name === m[1]))
          throw this.error(token, `'${tag}' received multiple values for keyword argument '${m[1]}'`);
        kwargs.push({ name: m[1], value: this.expr(m[2]!, token) });
      } else {
        if (kwargs.length)
          throw this.error(token, `'${tag}' received some positional argument(s) after some keyword argument(s)`);
        args.push(this.expr(bit, token));
      }
    }
    return { kind: 'call', id: 0, loc: this.loc(token), deps: [], library, tag, args, kwargs, asVar };
  }

  /** Compiles a filter expression in the scope of this template's loaded filters. */
  expr(text: string, token: Token | undefined): Expr {
    const expr = parseExpr(text, {
      checkFilter: (name, hasArg) => this.#checkFilter(name, hasArg, token),
      error: (message) => {
        throw this.error(token, message);
      },
    });
    return this.#qualify(expr);
  }

  /** Compiles a single operand (no filters), as Django's `Variable(...)`. */
  operand(text: string, token: Token): Operand {
    return parseOperand(text, {
      error: (m) => {
        throw this.error(token, m);
      },
    });
  }

  #qualify(expr: Expr): Expr {
    if (!expr.filters.some((f) => this.#filters.get(f.name)?.library)) return expr;
    return {
      base: expr.base,
      filters: expr.filters.map((f) => {
        const library = this.#filters.get(f.name)?.library;
        return library ? { ...f, library } : f;
      }),
    };
  }

  #checkFilter(name: string, hasArg: boolean, token: Token | undefined): void {
    const found = this.#filters.get(name);
    if (!found) throw this.error(token, `Invalid filter: '${name}'`);
    const { arg } = found.spec;
    // Django counts the filtered value as an argument in this message.
    if (arg === 'required' && !hasArg) throw this.error(token, `${name} requires 2 arguments, 1 provided`);
    if (arg === 'none' && hasArg) throw this.error(token, `${name} requires 1 arguments, 2 provided`);
  }

  /** Parses `name=value` pairs (and, with `legacy`, `value as name [and ...]`) from the front of `bits`. */
  kwargs(bits: string[], token: Token, legacy: boolean): Assign[] {
    if (!bits.length) return [];
    const first = KWARG_RE.exec(bits[0]!);
    const kwargFormat = Boolean(first?.[1]);
    if (!kwargFormat && (!legacy || bits.length < 3 || bits[1] !== 'as')) return [];
    const out: Assign[] = [];
    while (bits.length) {
      let name: string;
      let value: string;
      if (kwargFormat) {
        const m = KWARG_RE.exec(bits[0]!);
        if (!m?.[1]) return out;
        name = m[1];
        value = m[2]!;
        bits.splice(0, 1);
      } else {
        if (bits.length < 3 || bits[1] !== 'as') return out;
        name = bits[2]!;
        value = bits[0]!;
        bits.splice(0, 3);
      }
      const assign = { name, value: this.expr(value, token) };
      // A repeated name keeps its first position and its last value, as a Python dict does.
      const existing = out.findIndex((a) => a.name === name);
      if (existing >= 0) out[existing] = assign;
      else out.push(assign);
      if (bits.length && !kwargFormat) {
        if (bits[0] !== 'and') return out;
        bits.splice(0, 1);
      }
    }
    return out;
  }

  loc(token: Token | undefined): Loc {
    return { template: this.name, line: token?.line ?? 1, col: token?.col ?? 1 };
  }

  error(token: Token | undefined, message: string): TemplateSyntaxError {
    return new TemplateSyntaxError(message, this.loc(token));
  }
}

/** Django's `get_text_list`: "'a', 'b' or 'c'". */
function textList(items: readonly string[], last: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function normalizePosix(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/') || '.';
}
