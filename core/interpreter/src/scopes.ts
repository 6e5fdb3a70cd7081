import { isTruthy, markSafe, pyError, pyIter, pyLen, pyRepr, pyStr, type SafeString } from '@tessera/runtime';
import {
  TemplateDoesNotExist,
  TemplateSyntaxError,
  type BlockNode,
  type ForNode,
  type IncludeNode,
  type Node,
  type Template,
  type WithNode,
} from '@tessera/template';
import type { Context } from './context.js';
import { resolveExpr } from './evaluate.js';
import { blockSuperError } from './tags.js';

/**
 * The context changes of the tags that bind names, each run around a body callback so the string
 * fallback and the virtual-tree builder share one implementation of Django's scoping rules.
 */

/** `{% with %}`: the values are resolved first, then pushed for the body. */
export function withScope<T>(node: WithNode, ctx: Context, body: () => T): T {
  const values = node.assigns.map((a) => [a.name, resolveExpr(a.value, ctx)] as [string, unknown]);
  ctx.push(values);
  try {
    return body();
  } finally {
    ctx.pop();
  }
}

/** `{% autoescape on|off %}` */
export function autoescapeScope<T>(on: boolean, ctx: Context, body: () => T): T {
  const saved = ctx.autoescape;
  ctx.autoescape = on;
  try {
    return body();
  } finally {
    ctx.autoescape = saved;
  }
}

/** What `{{ block }}` is inside a block: `block.super` renders the parent block. */
class BlockReference {
  readonly #node: BlockNode;
  readonly #ctx: Context;
  readonly #render: (node: BlockNode, ctx: Context) => string;
  constructor(node: BlockNode, ctx: Context, render: (node: BlockNode, ctx: Context) => string) {
    this.#node = node;
    this.#ctx = ctx;
    this.#render = render;
  }
  get name(): string {
    return this.#node.name;
  }
  super(): SafeString {
    if (this.#node.standalone) throw blockSuperError();
    return markSafe(this.#node.parent ? this.#render(this.#node.parent, this.#ctx) : '');
  }
}

/** `{% block %}`: `block` is bound for the body; `renderParent` renders a block as text for `block.super`. */
export function blockScope<T>(
  node: BlockNode,
  ctx: Context,
  renderParent: (node: BlockNode, ctx: Context) => string,
  body: () => T,
): T {
  ctx.push([['block', new BlockReference(node, ctx, renderParent)]]);
  try {
    return body();
  } finally {
    ctx.pop();
  }
}

/** Django's `forloop` dict; one per loop run, so `{% ifchanged %}` can keep its state in it. */
export type Forloop = Record<string, unknown>;

/**
 * `{% for %}`: resolves and orders the items, then calls `iteration` for each with the targets and
 * `forloop` bound, or `empty` when there are none. Unpacking checks the item's length as Django does.
 */
export function forScope(
  node: ForNode,
  ctx: Context,
  iteration: (item: unknown, index: number) => void,
  empty: () => void,
): void {
  const parent = ctx.get('forloop');
  const parentloop = typeof parent === 'object' && parent !== null ? parent : {};
  ctx.push();
  try {
    const values = pyIter(resolveExpr(node.iterable, ctx, true));
    if (values.length === 0) {
      empty();
      return;
    }
    if (node.reversed) values.reverse();
    const n = values.length;
    const forloop: Forloop = { parentloop };
    ctx.set('forloop', forloop);
    const unpack = node.targets.length > 1;
    for (let i = 0; i < n; i++) {
      forloop['counter0'] = i;
      forloop['counter'] = i + 1;
      forloop['revcounter'] = n - i;
      forloop['revcounter0'] = n - i - 1;
      forloop['first'] = i === 0;
      forloop['last'] = i === n - 1;
      const item = values[i];
      if (unpack) {
        const len = pyLen(item) ?? 1;
        if (len !== node.targets.length)
          throw pyError('ValueError', `Need ${node.targets.length} values to unpack in for loop; got ${len}. `);
        const parts = pyIter(item);
        ctx.push(node.targets.map((t, k) => [t, parts[k]] as [string, unknown]));
        try {
          iteration(item, i);
        } finally {
          ctx.pop();
        }
      } else {
        ctx.set(node.targets[0] as string, item);
        iteration(item, i);
      }
    }
  } finally {
    ctx.pop();
  }
}

/**
 * Django's select_template for a dynamic `{% include %}` name: a name or a list of names, the first that
 * loads; none at all is TemplateDoesNotExist.
 */
export function selectTemplate<T>(name: unknown, load: (name: string) => T): T {
  const names = Array.isArray(name) ? name.map(pyStr) : isTruthy(name) ? [pyStr(name)] : [];
  if (names.length === 0) throw new TemplateDoesNotExist('No template names provided');
  let lastError: unknown;
  for (const n of names) {
    try {
      return load(n);
    } catch (error) {
      if ((error as Error).name !== 'TemplateDoesNotExist') throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** The parent template name of `{% extends var %}`: Django refuses a falsy value. */
export function extendsParentName(parent: unknown): string {
  if (!isTruthy(parent) || typeof parent === 'symbol') {
    throw new TemplateSyntaxError(`Invalid template name in 'extends' tag: ${pyRepr(parent)}.`);
  }
  return pyStr(parent);
}

/** The nodes an `{% include %}` renders: inlined, a recursive partial, or a template named at render time. */
export function includeBody(node: IncludeNode, ctx: Context): { body: readonly Node[]; template: Template } {
  const target = node.target;
  switch (target.kind) {
    case 'inline':
      return { body: target.body, template: ctx.template };
    case 'ref':
      return { body: ctx.template.ir.partials[target.name] ?? [], template: ctx.template };
    case 'error':
      throw ctx.template.includeError(target);
    case 'dynamic': {
      const template = selectTemplate(resolveExpr(target.expr, ctx), (name) => ctx.template.load(name));
      return { body: template.ir.body, template };
    }
  }
}

/**
 * How many templates may be rendered out of line inside one another (recursive and dynamic includes,
 * `{% extends var %}`) before the render stops with RecursionError. Django's limit is Python's recursion
 * limit, which a template including itself reaches after 60 to 97 levels depending on the tags between;
 * every Tessera renderer stops at this depth instead of at the end of its stack.
 */
export const MAX_INCLUDE_DEPTH = 100;

/** Runs `body` one out-of-line template deeper; RecursionError past `MAX_INCLUDE_DEPTH`. */
export function outOfLine<T>(ctx: Context, name: string, body: () => T): T {
  if (ctx.depth >= MAX_INCLUDE_DEPTH) {
    throw pyError('RecursionError', `maximum recursion depth exceeded while rendering ${name}`);
  }
  ctx.depth++;
  try {
    return body();
  } finally {
    ctx.depth--;
  }
}

/** `{% include %}`: `with` values pushed, `only` isolating the context, a fresh render context, the included template's filters in force. */
export function includeScope<T>(node: IncludeNode, ctx: Context, template: Template, body: (inner: Context) => T): T {
  const values = node.assigns.map((a) => [a.name, resolveExpr(a.value, ctx)] as [string, unknown]);
  const inner = node.only ? ctx.isolated() : ctx;
  const saved = { template: inner.template, state: inner.state };
  inner.template = template;
  inner.state = new Map();
  inner.push(values);
  try {
    return node.target.kind === 'inline' ? body(inner) : outOfLine(inner, template.name, () => body(inner));
  } finally {
    inner.pop();
    inner.template = saved.template;
    inner.state = saved.state;
  }
}
