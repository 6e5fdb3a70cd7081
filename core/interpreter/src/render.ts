import {
  conditionalEscape,
  isTruthy,
  markSafe,
  pyEquals,
  pyError,
  pyIter,
  pyRepr,
  renderValue,
  stripSpacesBetweenTags,
} from '@tessera/runtime';
import {
  literalText,
  type BlockNode,
  type IfChangedNode,
  type Node,
  type OutputNode,
  type Template,
} from '@tessera/template';
import { Context } from './context.js';
import { condTrue, resolveExpr } from './evaluate.js';
import {
  autoescapeScope,
  blockScope,
  extendsParentName,
  forScope,
  includeBody,
  includeScope,
  outOfLine,
  withScope,
} from './scopes.js';
import {
  csrfInput,
  filterBlockText,
  formatNow,
  groupedResult,
  loremText,
  reverseUrl,
  tagOutput,
  widthRatio,
  type GroupedResult,
} from './tags.js';

/**
 * `{% ifchanged %}` state lives in the enclosing loop's forloop object, as Django keeps it there, keyed by
 * the node itself as Django keys it: node ids are numbered per template, so an included template's node
 * and a node of the including page's loop can share an id, never an object.
 */
const loopState = new WeakMap<object, Map<IfChangedNode, unknown>>();
const NOT_SEEN = Symbol('not seen');

/** Renders a whole page, as Django's `Template.render(Context(context))`. */
export function renderTemplate(template: Template, context: Record<string, unknown>): string {
  const ctx = new Context(template, context, template.options.autoescape);
  try {
    return renderNodes(template.ir.body, ctx);
  } catch (err) {
    // Runaway recursion (a template including itself forever) is Python's RecursionError in Django.
    // Only a stack overflow: other RangeErrors (an invalid Date, an unknown time zone) keep their class.
    if (err instanceof RangeError && err.message.includes('call stack'))
      throw pyError('RecursionError', `maximum recursion depth exceeded while rendering ${template.name}`);
    throw err;
  }
}

/** Renders a node list to HTML text, as Django's NodeList.render: the fallback path and the holes inside tags. */
export function renderNodes(nodes: readonly Node[], ctx: Context): string {
  let out = '';
  for (const node of nodes) out += renderNode(node, ctx);
  return out;
}

/** Renders a block body with `block.super` bound. */
export function renderBlock(node: BlockNode, ctx: Context): string {
  return blockScope(node, ctx, renderBlock, () => renderNodes(node.body, ctx));
}

/** `{{ expr }}` as HTML text. */
export function renderOutput(node: OutputNode, ctx: Context): string {
  // Literals are safe (Django marks them so) and numbers carry no markup: print them as spelled.
  if (node.expr.base.kind === 'literal' && node.expr.filters.length === 0) return literalText(node.expr.base);
  return renderValue(resolveExpr(node.expr, ctx), ctx.autoescape, ctx.template.options.runtime);
}

/** Renders one IR node to HTML text, as Django's Node.render. */
export function renderNode(node: Node, ctx: Context): string {
  const options = ctx.template.options.runtime;
  switch (node.kind) {
    case 'text':
      return node.value;
    case 'extends': {
      // The page holding this node (it may be an included template), resolved over the named parent.
      const page = ctx.template.load(node.page).extend(extendsParentName(resolveExpr(node.parent, ctx)));
      const saved = ctx.template;
      ctx.template = page;
      try {
        return outOfLine(ctx, page.name, () => renderNodes(page.ir.body, ctx));
      } finally {
        ctx.template = saved;
      }
    }
    case 'output':
      return renderOutput(node, ctx);
    case 'if':
      for (const branch of node.branches) {
        if (branch.cond === null || condTrue(branch.cond, ctx)) return renderNodes(branch.body, ctx);
      }
      return '';
    case 'for': {
      let out = '';
      forScope(
        node,
        ctx,
        () => (out += renderNodes(node.body, ctx)),
        () => (out = node.empty ? renderNodes(node.empty, ctx) : ''),
      );
      return out;
    }
    case 'with':
      return withScope(node, ctx, () => renderNodes(node.body, ctx));
    case 'autoescape':
      return autoescapeScope(node.on, ctx, () => renderNodes(node.body, ctx));
    case 'filterblock': {
      const body = markSafe(renderNodes(node.body, ctx));
      ctx.push([['var', body]]);
      try {
        return filterBlockText(resolveExpr({ base: { kind: 'var', path: ['var'] }, filters: node.filters }, ctx));
      } finally {
        ctx.pop();
      }
    }
    case 'spaceless':
      return stripSpacesBetweenTags(renderNodes(node.body, ctx).trim());
    case 'cycle': {
      let position: number;
      if (ctx.positionalCycles.has(node)) {
        const loop = ctx.get('forloop') as { counter0?: number } | undefined;
        position = (loop?.counter0 ?? 0) % node.values.length;
      } else {
        position = (ctx.state.get(node.state) as number | undefined) ?? 0;
        ctx.state.set(node.state, (position + 1) % node.values.length);
      }
      const expr = node.values[position];
      const value = expr === undefined ? '' : resolveExpr(expr, ctx);
      if (node.asVar) ctx.setUpward(node.asVar, value);
      return node.silent ? '' : renderValue(value, ctx.autoescape, options);
    }
    case 'resetcycle':
      for (const state of node.states) ctx.state.delete(state);
      return '';
    case 'firstof': {
      let first = '';
      for (const expr of node.values) {
        const value = resolveExpr(expr, ctx, true);
        if (isTruthy(value)) {
          first = renderValue(value, ctx.autoescape, options);
          break;
        }
      }
      if (node.asVar) {
        ctx.set(node.asVar, markSafe(first));
        return '';
      }
      return first;
    }
    case 'ifchanged':
      return renderIfChanged(node, ctx);
    case 'include': {
      const { body, template } = includeBody(node, ctx);
      return includeScope(node, ctx, template, (inner) => renderNodes(body, inner));
    }
    case 'block':
      return renderBlock(node, ctx);
    case 'now': {
      const formatted = formatNow(node.format, { autoescape: ctx.autoescape, options });
      if (node.asVar) {
        ctx.set(node.asVar, formatted);
        return '';
      }
      return formatted;
    }
    case 'lorem':
      return loremText(resolveExpr(node.count, ctx), node.method, !node.random);
    case 'widthratio': {
      const ratio = widthRatio(resolveExpr(node.value, ctx), resolveExpr(node.max, ctx), resolveExpr(node.width, ctx));
      if (node.asVar) {
        ctx.set(node.asVar, ratio);
        return '';
      }
      return ratio;
    }
    case 'url': {
      const args = node.args.map((a) => resolveExpr(a, ctx));
      const kwargs = Object.fromEntries(node.kwargs.map((k) => [k.name, resolveExpr(k.value, ctx)]));
      const url = reverseUrl(
        ctx.template.options.url,
        resolveExpr(node.viewName, ctx),
        args,
        kwargs,
        node.asVar !== null,
      );
      if (node.asVar) {
        ctx.set(node.asVar, url);
        return '';
      }
      return ctx.autoescape ? conditionalEscape(url) : url;
    }
    case 'csrf_token':
      return csrfInput(ctx.get('csrf_token'));
    case 'regroup': {
      const list = resolveExpr(node.target, ctx, true);
      if (list === null || list === undefined) {
        ctx.set(node.asVar, []);
        return '';
      }
      const groups: GroupedResult[] = [];
      for (const item of pyIter(list)) {
        ctx.set(node.asVar, item);
        const key = resolveExpr(node.by, ctx, true);
        const last = groups[groups.length - 1];
        if (last && pyEquals(last[0], key)) last[1].push(item);
        else groups.push(groupedResult(key, [item]));
      }
      ctx.set(node.asVar, groups);
      return '';
    }
    case 'debug':
      return ctx.template.options.debug ? conditionalEscape(pyRepr(ctx.flatten())) : '';
    case 'call': {
      const tag = ctx.template.tag(node.library, node.tag);
      const args = node.args.map((a) => resolveExpr(a, ctx));
      const kwargs = Object.fromEntries(node.kwargs.map((k) => [k.name, resolveExpr(k.value, ctx)]));
      const output = tag.fn(args, kwargs, { lookup: (name) => ctx.get(name), autoescape: ctx.autoescape });
      if (node.asVar) {
        ctx.set(node.asVar, output);
        return '';
      }
      return tagOutput(output, ctx.autoescape);
    }
  }
}

function renderIfChanged(node: IfChangedNode, ctx: Context): string {
  const forloop = ctx.get('forloop');
  let state: Map<unknown, unknown>;
  let key: unknown;
  if (typeof forloop === 'object' && forloop !== null) {
    const memories = loopState.get(forloop) ?? new Map<IfChangedNode, unknown>();
    loopState.set(forloop, memories);
    state = memories;
    key = node;
  } else {
    // The render context is fresh for each template rendered, so the node's id is enough there.
    state = ctx.state;
    key = -node.id;
  }
  let output: string | null = null;
  let compareTo: unknown;
  if (node.values.length) compareTo = node.values.map((v) => resolveExpr(v, ctx, true));
  else compareTo = output = renderNodes(node.body, ctx);
  const previous = state.has(key) ? state.get(key) : NOT_SEEN;
  if (previous === NOT_SEEN || !pyEquals(compareTo, previous)) {
    state.set(key, compareTo);
    // As Django: an empty first rendering is rendered again (`output or render()`).
    return output || renderNodes(node.body, ctx);
  }
  return node.otherwise ? renderNodes(node.otherwise, ctx) : '';
}
