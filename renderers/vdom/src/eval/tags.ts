import {
  conditionalEscape,
  formatDate,
  isTruthy,
  loremParagraphs,
  loremWords,
  markSafe,
  pyEquals,
  pyIter,
  renderValue,
  SafeString,
} from '@tessera/runtime';
import type {
  BlockNode,
  CallTagNode,
  CycleNode,
  FirstOfNode,
  IncludeNode,
  LoremNode,
  Node,
  RegroupNode,
  UrlNode,
  WidthRatioNode,
} from '@tessera/template';
import { namedError, RenderState, type EvalEnv } from './env.js';
import { evalExpr } from './expr.js';
import type { Scope } from './scope.js';

/** The nodes and scope an `{% include %}` renders, and the env its template brings. */
export interface IncludeTarget {
  readonly body: readonly Node[];
  readonly scope: Scope;
  readonly env: EvalEnv;
}

/** Resolves an include: its body, the context it sees (`with`, `only`) and a fresh render_context. */
export function includeTarget(node: IncludeNode, scope: Scope, env: EvalEnv): IncludeTarget {
  let body: readonly Node[];
  let template = env.template;
  const target = node.target;
  switch (target.kind) {
    case 'inline':
      body = target.body;
      break;
    case 'ref':
      body = env.template.ir.partials[target.name] ?? [];
      break;
    case 'missing':
      throw namedError('TemplateDoesNotExist', target.message);
    case 'dynamic': {
      const name = evalExpr(target.expr, scope, env);
      template = env.template.load(String(name instanceof SafeString ? name.value : name));
      body = template.ir.body;
      break;
    }
  }
  const values: Record<string, unknown> = {};
  for (const assign of node.assigns) values[assign.name] = evalExpr(assign.value, scope, env);
  const inner = node.only ? scope.isolated(values) : scope.push(values);
  const innerEnv: EvalEnv = { template, options: env.options, state: new RenderState(), filters: template === env.template ? env.filters : new Map() };
  return { body, scope: inner, env: innerEnv };
}

/** The frame a `{% block %}` pushes: `block.super` renders the parent block, marked safe. */
export function blockFrame(node: BlockNode, scope: Scope, renderParent: (parent: BlockNode, scope: Scope) => string): Record<string, unknown> {
  const parent = node.parent;
  return { block: { super: () => (parent === null ? '' : markSafe(renderParent(parent, scope))) } };
}

function store(scope: Scope, asVar: string | null, value: unknown, shown: string): string {
  if (asVar === null) return shown;
  scope.set(asVar, value);
  return '';
}

/** `{% cycle %}`: the next value, stored upward under `as` name, printed unless silent. */
export function renderCycle(node: CycleNode, scope: Scope, env: EvalEnv): string {
  const expr = node.values[env.state.nextCycle(node.state, node.values.length)];
  const value = expr === undefined ? '' : evalExpr(expr, scope, env);
  if (node.asVar !== null) scope.setUpward(node.asVar, value);
  return node.silent ? '' : renderValue(value, scope.autoescape, env.options);
}

/** `{% firstof %}`: the first true value, printed or stored. */
export function renderFirstOf(node: FirstOfNode, scope: Scope, env: EvalEnv): string {
  let first = '';
  for (const expr of node.values) {
    const value = evalExpr(expr, scope, env, true);
    if (isTruthy(value)) {
      first = renderValue(value, scope.autoescape, env.options);
      break;
    }
  }
  return store(scope, node.asVar, first, first);
}

// Python's round(): halves go to the even neighbour.
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function pyFloat(v: unknown): number {
  const raw = v instanceof SafeString ? v.value : v;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw))) return Number(raw);
  return Number.NaN;
}

/** `{% widthratio %}` with Django's failure rules: unusable numbers print nothing, division by zero `0`. */
export function renderWidthRatio(node: WidthRatioNode, scope: Scope, env: EvalEnv): string {
  const value = pyFloat(evalExpr(node.value, scope, env));
  const max = pyFloat(evalExpr(node.max, scope, env));
  const width = pyFloat(evalExpr(node.width, scope, env));
  if (!Number.isFinite(width)) throw namedError('TemplateSyntaxError', 'widthratio final argument must be a number');
  let result: string;
  if (Number.isNaN(value) || Number.isNaN(max)) result = '';
  else if (max === 0) result = '0';
  else {
    const ratio = (value / max) * Math.trunc(width);
    result = Number.isFinite(ratio) ? String(roundHalfEven(ratio)) : '';
  }
  return store(scope, node.asVar, result, result);
}

/** `{% lorem %}`: words, `<p>` paragraphs or plain paragraphs. */
export function renderLorem(node: LoremNode, scope: Scope, env: EvalEnv): string {
  const raw = evalExpr(node.count, scope, env);
  const parsed = Number.parseInt(String(raw instanceof SafeString ? raw.value : raw), 10);
  const count = Number.isNaN(parsed) ? 1 : parsed;
  const common = !node.random;
  if (node.method === 'w') return loremWords(count, common);
  const paragraphs = loremParagraphs(count, common);
  return (node.method === 'p' ? paragraphs.map((p) => `<p>${p}</p>`) : paragraphs).join('\n\n');
}

/** `{% csrf_token %}`: the hidden input when the context has a token. */
export function renderCsrf(scope: Scope): string {
  const token = scope.resolve(['csrf_token']);
  if (!isTruthy(token) || typeof token === 'symbol') return '';
  if (String(token) === 'NOTPROVIDED') return '';
  return `<input type="hidden" name="csrfmiddlewaretoken" value="${conditionalEscape(token)}">`;
}

/** `{% regroup %}`: stores `[{grouper, list}]`, grouping consecutive items with equal keys. */
export function renderRegroup(node: RegroupNode, scope: Scope, env: EvalEnv): string {
  const list = evalExpr(node.target, scope, env, true);
  const groups: Array<{ grouper: unknown; list: unknown[] }> = [];
  if (list !== null) {
    for (const item of pyIter(list)) {
      scope.set(node.asVar, item);
      const key = evalExpr(node.by, scope, env, true);
      const last = groups[groups.length - 1];
      if (last !== undefined && pyEquals(last.grouper, key)) last.list.push(item);
      else groups.push({ grouper: key, list: [item] });
    }
  }
  scope.set(node.asVar, groups);
  return '';
}

/** `{% now %}` */
export function renderNow(format: string, asVar: string | null, scope: Scope, env: EvalEnv): string {
  const text = formatDate(env.options.now(), format, env.options);
  return store(scope, asVar, text, text);
}

/** `{% url %}`: resolved by the compile options' `url` hook; without one Django would raise NoReverseMatch. */
export function renderUrl(node: UrlNode, scope: Scope, env: EvalEnv): string {
  const name = evalExpr(node.viewName, scope, env);
  const args = node.args.map((a) => evalExpr(a, scope, env));
  const kwargs: Record<string, unknown> = {};
  for (const a of node.kwargs) kwargs[a.name] = evalExpr(a.value, scope, env);
  const hook = (env.template.options as { url?: (name: string, args: unknown[], kwargs: Record<string, unknown>) => string }).url;
  if (hook === undefined) throw namedError('NoReverseMatch', `Reverse for '${String(name)}' not found.`);
  const url = hook(String(name), args, kwargs);
  return store(scope, node.asVar, url, renderValue(url, scope.autoescape, env.options));
}

/** A `{% load %}`ed simple tag: its result printed (escaped when autoescape is on) or stored. */
export function renderCall(node: CallTagNode, scope: Scope, env: EvalEnv): string {
  const tag = env.template.tag(node.library, node.tag);
  const args = node.args.map((a) => evalExpr(a, scope, env));
  const kwargs: Record<string, unknown> = {};
  for (const a of node.kwargs) kwargs[a.name] = evalExpr(a.value, scope, env);
  const result = tag.fn(args, kwargs, { lookup: (name: string) => { const v = scope.resolve([name]); return typeof v === 'symbol' ? undefined : v; }, autoescape: scope.autoescape });
  return store(scope, node.asVar, result, scope.autoescape ? conditionalEscape(result) : String(result));
}

/** `{% debug %}` dumps Python internals (sys.modules) that have no JavaScript counterpart. */
export function renderDebug(): never {
  throw namedError('NotImplementedError', '{% debug %} is not supported by the vdom renderer');
}
