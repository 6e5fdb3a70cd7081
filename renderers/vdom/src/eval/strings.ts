import {
  builtinFilters,
  conditionalEscape,
  isTruthy,
  loremParagraphs,
  loremWords,
  markSafe,
  pyEquals,
  pyError,
  pyFloat,
  pyInt,
  pyIter,
  pyRepr,
  pyStr,
  renderValue,
  SafeString,
  stripSpacesBetweenTags,
} from '@tessera/runtime';
import { literalText, TemplateSyntaxError, type BlockNode, type IfChangedNode, type Node, type OutputNode, type WidthRatioNode } from '@tessera/template';
import type { Context } from './context.js';
import { condTrue, resolveExpr } from './expr.js';
import { positionalCycles } from '../prepare/cycles.js';
import { autoescapeScope, blockScope, forScope, GroupedResult, includeBody, includeScope, withScope } from './scopes.js';

/** `{% ifchanged %}` state lives in the enclosing loop's forloop object, as Django keeps it there. */
const loopState = new WeakMap<object, Map<number, unknown>>();
const NOT_SEEN = Symbol('not seen');

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

/** Values handed to hooks: SafeString literals become plain strings. */
function plain(v: unknown): unknown {
  return v instanceof SafeString ? v.value : v;
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
      const parent = resolveExpr(node.parent, ctx);
      if (!isTruthy(parent) || typeof parent === 'symbol') {
        throw new TemplateSyntaxError(`Invalid template name in 'extends' tag: ${pyRepr(parent)}.`);
      }
      // The page holding this node (it may be an included template), resolved over the named parent.
      const page = ctx.template.load(node.page).extend(pyStr(parent));
      const saved = ctx.template;
      ctx.template = page;
      try {
        return renderNodes(page.ir.body, ctx);
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
      forScope(node, ctx, () => (out += renderNodes(node.body, ctx)), () => (out = node.empty ? renderNodes(node.empty, ctx) : ''));
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
        const value = resolveExpr({ base: { kind: 'var', path: ['var'] }, filters: node.filters }, ctx);
        return value instanceof SafeString ? value.value : pyStr(value);
      } finally {
        ctx.pop();
      }
    }
    case 'spaceless':
      return stripSpacesBetweenTags(renderNodes(node.body, ctx).trim());
    case 'cycle': {
      let position: number;
      if (positionalCycles.has(node)) {
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
      const date = builtinFilters['date'];
      const formatted = date === undefined ? '' : pyStr(date.fn(options.now(), node.format, { autoescape: ctx.autoescape, options }));
      if (node.asVar) {
        ctx.set(node.asVar, formatted);
        return '';
      }
      return formatted;
    }
    case 'lorem': {
      let count: number;
      try {
        count = pyInt(resolveExpr(node.count, ctx));
      } catch {
        count = 1;
      }
      const common = !node.random;
      if (node.method === 'w') return loremWords(count, common);
      const paragraphs = loremParagraphs(count, common);
      return (node.method === 'p' ? paragraphs.map((p) => `<p>${p}</p>`) : paragraphs).join('\n\n');
    }
    case 'widthratio':
      return renderWidthRatio(node, ctx);
    case 'url': {
      const hook = ctx.template.options.url;
      const args = node.args.map((a) => plain(resolveExpr(a, ctx)));
      const kwargs = Object.fromEntries(node.kwargs.map((k) => [k.name, plain(resolveExpr(k.value, ctx))]));
      const viewName = pyStr(resolveExpr(node.viewName, ctx));
      let url = '';
      try {
        if (!hook) throw pyError('NoReverseMatch', `Reverse for '${viewName}' not found: no url hook was given to compile()`);
        url = hook(viewName, args, kwargs);
      } catch (error) {
        if (node.asVar === null || (error as Error).name !== 'NoReverseMatch') throw error;
      }
      if (node.asVar) {
        ctx.set(node.asVar, url);
        return '';
      }
      return ctx.autoescape ? conditionalEscape(url) : url;
    }
    case 'csrf_token': {
      const token = ctx.get('csrf_token');
      if (!isTruthy(token) || typeof token === 'symbol') return '';
      if (pyEquals(token, 'NOTPROVIDED')) return '';
      return `<input type="hidden" name="csrfmiddlewaretoken" value="${conditionalEscape(token)}">`;
    }
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
        if (last && pyEquals(last.grouper, key)) last.list.push(item);
        else groups.push(new GroupedResult(key, [item]));
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
      return ctx.autoescape ? conditionalEscape(output) : pyStr(output);
    }
  }
}

function renderIfChanged(node: IfChangedNode, ctx: Context): string {
  const forloop = ctx.get('forloop');
  let state: Map<number, unknown>;
  if (typeof forloop === 'object' && forloop !== null) {
    state = loopState.get(forloop) ?? new Map();
    loopState.set(forloop, state);
  } else state = ctx.state;
  const key = -node.id;
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

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function renderWidthRatio(node: WidthRatioNode, ctx: Context): string {
  let result: string;
  const value = resolveExpr(node.value, ctx);
  const max = resolveExpr(node.max, ctx);
  let width: number;
  try {
    width = pyInt(resolveExpr(node.width, ctx));
  } catch {
    throw pyError('TemplateSyntaxError', 'widthratio final argument must be a number');
  }
  try {
    const v = pyFloat(value);
    const m = pyFloat(max);
    if (m === 0) result = '0';
    else {
      const ratio = (v / m) * width;
      result = Number.isFinite(ratio) ? String(roundHalfEven(ratio)) : '';
    }
  } catch {
    result = '';
  }
  if (node.asVar) {
    ctx.set(node.asVar, result);
    return '';
  }
  return result;
}
