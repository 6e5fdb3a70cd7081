/**
 * Compile-time model of Django's context stack.
 *
 * Each `Scope` stands for one `context.push()` Django makes ({% for %}, {% with %}, {% include %},
 * {% block %}). A name bound by the tag that opened the scope is a plain JS local (`definite`).
 * A name assigned by an `as` clause (`{% cycle ... as x %}`, `{% firstof ... as x %}`...) lands in the
 * top level of the stack at run time, which may or may not have happened yet when a later node reads
 * it, so it is a local holding `UNSET` until assigned (`maybe`), and reads fall through to outer
 * levels while it is unset. The bottom of the stack is either the render context object or, inside
 * `{% include ... only %}`, nothing but Django's builtins.
 */
import type { BlockNode } from '@tessera/template';
import { jsString } from './literal.js';

/** How a template name is held in generated code. */
export type Binding =
  | { readonly kind: 'definite'; readonly js: string }
  | { readonly kind: 'maybe'; readonly js: string }
  | { readonly kind: 'forloop'; readonly js: string }
  | { readonly kind: 'block'; readonly block: BlockNode };

/** What a name resolves to: a JS expression, or the `{% block %}` object for `block.super`. */
export type Resolved =
  | { readonly kind: 'expr'; readonly js: string; readonly forloop: boolean }
  | { readonly kind: 'block'; readonly block: BlockNode };

/** One level of the context stack. */
export class Scope {
  /** Names this level holds, with how generated code reads them. */
  readonly names = new Map<string, Binding>();

  /**
   * @param parent the enclosing level, `null` at the bottom
   * @param contextVar at the bottom: the JS variable holding the render context, or `null` when only
   *   the builtins are visible (`{% include ... only %}`)
   */
  constructor(
    readonly parent: Scope | null,
    readonly contextVar: string | null = null,
  ) {}

  /** A child level (Django `context.push()`). */
  push(): Scope {
    return new Scope(this, null);
  }

  /** Puts `name` in this level (a later binding of the same name replaces the earlier one, as a dict key). */
  bind(name: string, binding: Binding): void {
    this.names.set(name, binding);
  }

  /** JS expression reading `name` as `context[name]` would, at this point of the stack. */
  resolve(name: string): Resolved {
    const guards: string[] = [];
    let forloop = false;
    let found: string | null = null;
    for (let s: Scope | null = this; s !== null && found === null; s = s.parent) {
      const b = s.names.get(name);
      if (b?.kind === 'block') {
        if (guards.length === 0) return { kind: 'block', block: b.block };
        found = 'MISSING';
      } else if (b?.kind === 'maybe') guards.push(b.js);
      else if (b !== undefined) {
        forloop = b.kind === 'forloop' && guards.length === 0;
        found = b.js;
      }
      if (found === null && s.parent === null) {
        found = s.contextVar === null ? `builtin(${jsString(name)})` : `root(${s.contextVar}, ${jsString(name)})`;
      }
    }
    // A `block` binding behind a pending `as` slot is only reachable when the slot is unset; it is
    // then read as a failed lookup (its attributes are resolved statically, never at run time).
    let js = found ?? 'MISSING';
    for (let i = guards.length - 1; i >= 0; i--) js = `(${guards[i]} !== UNSET ? ${guards[i]} : ${js})`;
    return { kind: 'expr', js, forloop };
  }

  /** The JS variable holding this level's own `name` (declared for every `as` name of the level). */
  slot(name: string): string {
    const b = this.names.get(name);
    if (b === undefined || b.kind === 'block') throw new Error(`internal: no slot for ${name}`);
    return b.js;
  }

  /** Statement for Django's `context[name] = value`: this level's own slot. */
  assign(name: string, value: string): string {
    return `${this.slot(name)} = ${value};`;
  }

  /**
   * Statement for Django's `context.set_upward(name, value)` ({% cycle ... as name %}): the nearest
   * level that already holds `name` receives `value` (a JS variable), else the top level. The top level
   * must hold a binding for `name` (the generator declares one for every `as` name of a level), and
   * the bottom level an overlay slot when the name may already be in the render context.
   */
  setUpward(name: string, value: string): string {
    const top = this.names.get(name);
    if (top === undefined || top.kind === 'block') throw new Error(`internal: no slot for ${name}`);
    const branches: string[] = [];
    let fallback = top.js;
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      const b = s.names.get(name);
      if (b === undefined) continue;
      if (b.kind === 'block') break;
      if (b.kind !== 'maybe') {
        fallback = b.js;
        break;
      }
      const held =
        s.parent === null && s.contextVar !== null
          ? `${b.js} !== UNSET || root(${s.contextVar}, ${jsString(name)}) !== MISSING`
          : `${b.js} !== UNSET`;
      branches.push(`if (${held}) ${b.js} = ${value};`);
    }
    return [...branches, `${fallback} = ${value};`].join(' else ');
  }

  /**
   * Every name visible from here with its JS value expression (innermost binding winning), for
   * materializing a context object. Names come in Django's flattening order: outermost level first.
   */
  visible(): { names: Map<string, Resolved>; contextVar: string | null } {
    const levels: Scope[] = [];
    for (let s: Scope | null = this; s !== null; s = s.parent) levels.unshift(s);
    const names = new Map<string, Resolved>();
    for (const level of levels) {
      for (const name of level.names.keys()) if (!names.has(name)) names.set(name, this.resolve(name));
    }
    // levels[0] is the bottom of the stack.
    return { names, contextVar: levels[0]?.contextVar ?? null };
  }
}
