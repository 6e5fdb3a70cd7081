import { markSafe, pyEquals, pyStr, renderValue, SafeString, stripSpacesBetweenTags } from '@tessera/runtime';
import type { BlockNode, ForNode, IfChangedNode, Node } from '@tessera/template';
import type { EvalEnv } from './env.js';
import { applyFilters, evalCond, evalExpr } from './expr.js';
import { bindIteration, loopFrame, loopItems, type Forloop } from './loops.js';
import type { Scope } from './scope.js';
import {
  blockFrame,
  includeTarget,
  renderCall,
  renderCsrf,
  renderCycle,
  renderDebug,
  renderFirstOf,
  renderLorem,
  renderNow,
  renderRegroup,
  renderUrl,
  renderWidthRatio,
} from './tags.js';

/**
 * `{% ifchanged %}` state lives in the enclosing `forloop` (so it restarts with each loop run), or in
 * the render when there is no loop, as Django keeps it.
 */
const ifchangedStates = new WeakMap<object, Map<number, unknown>>();

function ifchangedState(scope: Scope, env: EvalEnv): Map<number, unknown> {
  const loop = scope.resolve(['forloop']);
  const holder = typeof loop === 'object' && loop !== null ? loop : env.state;
  let states = ifchangedStates.get(holder);
  if (states === undefined) {
    states = new Map();
    ifchangedStates.set(holder, states);
  }
  return states;
}

function renderIfChanged(node: IfChangedNode, scope: Scope, env: EvalEnv): string {
  const states = ifchangedState(scope, env);
  let body: string | null = null;
  let compareTo: unknown;
  if (node.values.length > 0) compareTo = node.values.map((v) => evalExpr(v, scope, env, true));
  else compareTo = body = renderNodes(node.body, scope, env);
  const changed = !states.has(node.id) || !pyEquals(compareTo, states.get(node.id));
  if (changed) {
    states.set(node.id, compareTo);
    return body ?? renderNodes(node.body, scope, env);
  }
  return node.otherwise === null ? '' : renderNodes(node.otherwise, scope, env);
}

function renderFor(node: ForNode, scope: Scope, env: EvalEnv): string {
  const items = loopItems(node, scope, env);
  if (items.length === 0) return node.empty === null ? '' : renderNodes(node.empty, scope, env);
  const { frame, forloop } = loopFrame(scope, items.length);
  const inner = scope.push(frame);
  let out = '';
  items.forEach((item, i) => {
    bindIteration(node, frame, forloop as Forloop, item, i, items.length);
    out += renderNodes(node.body, inner, env);
  });
  return out;
}

/** Renders a block body with `block.super` bound. */
export function renderBlock(node: BlockNode, scope: Scope, env: EvalEnv): string {
  const inner = scope.push(blockFrame(node, scope, (parent, s) => renderBlock(parent, s, env)));
  return renderNodes(node.body, inner, env);
}

/** Renders one IR node to HTML text, exactly as Django's Node.render. */
export function renderNode(node: Node, scope: Scope, env: EvalEnv): string {
  switch (node.kind) {
    case 'text':
      return node.value;
    case 'output':
      return renderValue(evalExpr(node.expr, scope, env), scope.autoescape, env.options);
    case 'if': {
      for (const branch of node.branches) {
        if (branch.cond === null || evalCond(branch.cond, scope, env)) return renderNodes(branch.body, scope, env);
      }
      return '';
    }
    case 'for':
      return renderFor(node, scope, env);
    case 'with': {
      const values: Record<string, unknown> = {};
      for (const assign of node.assigns) values[assign.name] = evalExpr(assign.value, scope, env);
      return renderNodes(node.body, scope.push(values), env);
    }
    case 'autoescape':
      return renderNodes(node.body, scope.withAutoescape(node.on), env);
    case 'filterblock': {
      const body = markSafe(renderNodes(node.body, scope, env));
      const inner = scope.push({});
      const value = applyFilters(body, node.filters, inner, env);
      return value instanceof SafeString ? value.value : pyStr(value);
    }
    case 'spaceless':
      return stripSpacesBetweenTags(renderNodes(node.body, scope, env).trim());
    case 'cycle':
      return renderCycle(node, scope, env);
    case 'resetcycle':
      for (const state of node.states) env.state.resetCycle(state);
      return '';
    case 'firstof':
      return renderFirstOf(node, scope, env);
    case 'ifchanged':
      return renderIfChanged(node, scope, env);
    case 'include': {
      const target = includeTarget(node, scope, env);
      return renderNodes(target.body, target.scope, target.env);
    }
    case 'block':
      return renderBlock(node, scope, env);
    case 'now':
      return renderNow(node.format, node.asVar, scope, env);
    case 'lorem':
      return renderLorem(node, scope, env);
    case 'widthratio':
      return renderWidthRatio(node, scope, env);
    case 'url':
      return renderUrl(node, scope, env);
    case 'csrf_token':
      return renderCsrf(scope);
    case 'regroup':
      return renderRegroup(node, scope, env);
    case 'debug':
      return renderDebug();
    case 'call':
      return renderCall(node, scope, env);
  }
}

/** Renders a node list to HTML text: the fallback path, and the value of holes inside tags. */
export function renderNodes(nodes: readonly Node[], scope: Scope, env: EvalEnv): string {
  let out = '';
  for (const node of nodes) out += renderNode(node, scope, env);
  return out;
}
