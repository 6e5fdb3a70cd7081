/**
 * The naive renderer: walks the IR and concatenates strings, node by node, as Django's own engine
 * walks its NodeList. Every decision about values is delegated to `@tessera/runtime`.
 */
import {
  builtinFilters, conditionalEscape, isTruthy, loremParagraphs, loremWords, markSafe, pyEquals, pyError,
  pyFloat, pyInt, pyIter, PY_REPR, pyLen, pyRepr, pyStr, renderValue, SafeString, stripSpacesBetweenTags,
} from '@tessera/runtime';
import { literalText, TemplateSyntaxError, type BlockNode, type ForNode, type IfChangedNode, type IncludeNode, type Node, type Template } from '@tessera/template';
import { Context } from './context.js';
import { evalCond, resolveExpr, resolveOperand } from './evaluate.js';

/** What `{{ block }}` is inside a block: `block.super` renders the parent block. */
class BlockReference {
  readonly #node: BlockNode;
  readonly #ctx: Context;
  constructor(node: BlockNode, ctx: Context) {
    this.#node = node;
    this.#ctx = ctx;
  }
  get name(): string {
    return this.#node.name;
  }
  super(): SafeString {
    if (this.#node.standalone) {
      throw new TemplateSyntaxError("'BlockNode' object has no attribute 'context'. Did you use {{ block.super }} in a base template?");
    }
    return markSafe(this.#node.parent ? renderBlock(this.#node.parent, this.#ctx) : '');
  }
}

/** `{% regroup %}`'s items, Django's GroupedResult namedtuple. */
class GroupedResult {
  constructor(readonly grouper: unknown, readonly list: unknown[]) {}
  [PY_REPR](): string {
    return `GroupedResult(grouper=${pyRepr(this.grouper)}, list=${pyRepr(this.list)})`;
  }
  *[Symbol.iterator](): Iterator<unknown> {
    yield this.grouper;
    yield this.list;
  }
}

/** ifchanged state lives in the enclosing loop's forloop object, as Django keeps it there. */
const loopState = new WeakMap<object, Map<number, unknown>>();
const NOT_SEEN = Symbol('not seen');

export function renderTemplate(template: Template, context: Record<string, unknown>): string {
  const ctx = new Context(template, context, template.options.autoescape);
  try {
    return renderNodes(template.ir.body, ctx);
  } catch (err) {
    if (err instanceof RangeError) throw pyError('RecursionError', `maximum recursion depth exceeded while rendering ${template.name}`);
    throw err;
  }
}

function renderNodes(nodes: readonly Node[], ctx: Context): string {
  let out = '';
  for (const node of nodes) out += renderNode(node, ctx);
  return out;
}

function renderNode(node: Node, ctx: Context): string {
  switch (node.kind) {
    case 'text':
      return node.value;
    case 'output':
      // Literals are safe (Django marks them so) and numbers carry no markup: print them as spelled.
      if (node.expr.base.kind === 'literal' && node.expr.filters.length === 0) return literalText(node.expr.base);
      return renderValue(resolveExpr(node.expr, ctx), ctx.autoescape, ctx.template.options.runtime);
    case 'if':
      for (const branch of node.branches) {
        if (branch.cond === null || isTruthy(conditionValue(branch.cond, ctx))) return renderNodes(branch.body, ctx);
      }
      return '';
    case 'for':
      return renderFor(node, ctx);
    case 'with': {
      const values = node.assigns.map((a) => [a.name, resolveExpr(a.value, ctx)] as [string, unknown]);
      ctx.push(values);
      try {
        return renderNodes(node.body, ctx);
      } finally {
        ctx.pop();
      }
    }
    case 'autoescape': {
      const saved = ctx.autoescape;
      ctx.autoescape = node.on;
      try {
        return renderNodes(node.body, ctx);
      } finally {
        ctx.autoescape = saved;
      }
    }
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
      const position = (ctx.state.get(node.state) as number | undefined) ?? 0;
      ctx.state.set(node.state, (position + 1) % node.values.length);
      const value = resolveExpr(node.values[position]!, ctx);
      if (node.asVar) ctx.setUpward(node.asVar, value);
      return node.silent ? '' : renderValue(value, ctx.autoescape, ctx.template.options.runtime);
    }
    case 'resetcycle':
      for (const state of node.states) ctx.state.delete(state);
      return '';
    case 'firstof': {
      let first = '';
      for (const expr of node.values) {
        const value = resolveExpr(expr, ctx, true);
        if (isTruthy(value)) {
          first = renderValue(value, ctx.autoescape, ctx.template.options.runtime);
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
    case 'include':
      return renderInclude(node, ctx);
    case 'block':
      return renderBlock(node, ctx);
    case 'extends': {
      const parent = resolveExpr(node.parent, ctx);
      if (!isTruthy(parent) || typeof parent === 'symbol') {
        throw new TemplateSyntaxError(`Invalid template name in 'extends' tag: ${pyRepr(parent)}.`);
      }
      const page = ctx.template.load(node.page).extend(pyStr(parent));
      const saved = ctx.template;
      ctx.template = page;
      try {
        return renderNodes(page.ir.body, ctx);
      } finally {
        ctx.template = saved;
      }
    }
    case 'now': {
      const formatted = pyStr(builtinFilters['date']!.fn(ctx.template.options.runtime.now(), node.format, env(ctx)));
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
      } catch (err) {
        if (node.asVar === null || (err as Error).name !== 'NoReverseMatch') throw err;
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

function env(ctx: Context) {
  return { autoescape: ctx.autoescape, options: ctx.template.options.runtime };
}

/** Values handed to hooks: SafeString literals become plain strings. */
function plain(v: unknown): unknown {
  return v instanceof SafeString ? v.value : v;
}

// Django's IfNode: only VariableDoesNotExist from the top-level operand counts as "no match".
function conditionValue(cond: Parameters<typeof evalCond>[0], ctx: Context): unknown {
  try {
    return evalCond(cond, ctx);
  } catch (err) {
    if ((err as Error).name === 'VariableDoesNotExist') return null;
    throw err;
  }
}

function renderFor(node: ForNode, ctx: Context): string {
  const parent = ctx.get('forloop');
  const parentloop = typeof parent === 'object' && parent !== null ? parent : {};
  ctx.push();
  try {
    const values = pyIter(resolveExpr(node.iterable, ctx, true));
    if (values.length === 0) return node.empty ? renderNodes(node.empty, ctx) : '';
    if (node.reversed) values.reverse();
    const n = values.length;
    const forloop: Record<string, unknown> = { parentloop };
    ctx.set('forloop', forloop);
    const unpack = node.targets.length > 1;
    let out = '';
    for (let i = 0; i < n; i++) {
      forloop['counter0'] = i;
      forloop['counter'] = i + 1;
      forloop['revcounter'] = n - i;
      forloop['revcounter0'] = n - i - 1;
      forloop['first'] = i === 0;
      forloop['last'] = i === n - 1;
      const item = values[i];
      if (unpack) {
        const len = pyLen(item) ?? (item instanceof GroupedResult ? 2 : 1);
        if (len !== node.targets.length) {
          throw pyError('ValueError', `Need ${node.targets.length} values to unpack in for loop; got ${len}. `);
        }
        const parts = pyIter(item);
        ctx.push(node.targets.map((t, k) => [t, parts[k]] as [string, unknown]));
        out += renderNodes(node.body, ctx);
        ctx.pop();
      } else {
        ctx.set(node.targets[0]!, item);
        out += renderNodes(node.body, ctx);
      }
    }
    return out;
  } finally {
    ctx.pop();
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

function renderInclude(node: IncludeNode, ctx: Context): string {
  const target = node.target;
  let body: readonly Node[];
  let template = ctx.template;
  switch (target.kind) {
    case 'inline':
      body = target.body;
      break;
    case 'ref':
      body = ctx.template.ir.partials[target.name] ?? [];
      break;
    case 'error':
      throw ctx.template.includeError(target);
    case 'dynamic': {
      const name = resolveExpr(target.expr, ctx);
      const names = Array.isArray(name) ? name.map(pyStr) : isTruthy(name) ? [pyStr(name)] : [];
      template = loadFirst(ctx.template, names);
      body = template.ir.body;
      break;
    }
  }
  const values = node.assigns.map((a) => [a.name, resolveExpr(a.value, ctx)] as [string, unknown]);
  const inner = node.only ? ctx.isolated() : ctx;
  const saved = { template: inner.template, state: inner.state };
  inner.template = template;
  inner.state = new Map();
  inner.push(values);
  try {
    return renderNodes(body, inner);
  } finally {
    inner.pop();
    inner.template = saved.template;
    inner.state = saved.state;
  }
}

/** Django's select_template: the first name that loads. */
function loadFirst(from: Template, names: string[]): Template {
  if (!names.length) throw Object.assign(new Error('No template names provided'), { name: 'TemplateDoesNotExist' });
  let lastError: unknown;
  for (const name of names) {
    try {
      return from.load(name);
    } catch (err) {
      if ((err as Error).name !== 'TemplateDoesNotExist') throw err;
      lastError = err;
    }
  }
  throw lastError;
}

function renderBlock(node: BlockNode, ctx: Context): string {
  ctx.push([['block', new BlockReference(node, ctx)]]);
  try {
    return renderNodes(node.body, ctx);
  } finally {
    ctx.pop();
  }
}

function renderWidthRatio(node: Extract<Node, { kind: 'widthratio' }>, ctx: Context): string {
  let result: string;
  const value = resolveExpr(node.value, ctx);
  const max = resolveExpr(node.max, ctx);
  let width: number;
  try {
    width = pyInt(resolveExpr(node.width, ctx));
  } catch {
    throw Object.assign(new Error('widthratio final argument must be a number'), { name: 'TemplateSyntaxError' });
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

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
