import type { Cond, Expr, Node, Operand } from '@tessera/template';
import { positionalCycles } from './cycles.js';

/** Variable paths a region reads from outside itself, keyed by their dotted spelling. */
export type PathSet = Map<string, readonly string[]>;

function addOperand(op: Operand | null, bound: ReadonlySet<string>, acc: PathSet): void {
  if (op === null || op.kind !== 'var') return;
  const head = op.path[0] as string;
  if (!bound.has(head)) acc.set(op.path.join('.'), op.path);
}

function addExpr(expr: Expr, bound: ReadonlySet<string>, acc: PathSet): void {
  addOperand(expr.base, bound, acc);
  for (const f of expr.filters) addOperand(f.arg, bound, acc);
}

function addCond(cond: Cond, bound: ReadonlySet<string>, acc: PathSet): void {
  switch (cond.kind) {
    case 'or':
    case 'and':
    case 'compare':
      addCond(cond.left, bound, acc);
      addCond(cond.right, bound, acc);
      return;
    case 'not':
      addCond(cond.operand, bound, acc);
      return;
    case 'value':
      addExpr(cond.expr, bound, acc);
      return;
  }
}

const extend = (bound: ReadonlySet<string>, names: readonly string[]): ReadonlySet<string> =>
  new Set([...bound, ...names]);

/**
 * Adds the paths `nodes` read that are not bound inside them (loop targets, `forloop`, `with` names).
 * Under immutable contexts, a region whose paths resolve to the same values (Object.is) as last time
 * renders the same output, which is what lets an update skip it.
 */
export function addFree(nodes: readonly Node[], bound: ReadonlySet<string>, acc: PathSet): void {
  for (const node of nodes) addNodeFree(node, bound, acc);
}

function addNodeFree(node: Node, bound: ReadonlySet<string>, acc: PathSet): void {
  switch (node.kind) {
    case 'text':
    case 'resetcycle':
    case 'debug':
    case 'now':
      return;
    case 'output':
      addExpr(node.expr, bound, acc);
      return;
    case 'extends':
      addExpr(node.parent, bound, acc);
      return;
    case 'if':
      for (const branch of node.branches) {
        if (branch.cond !== null) addCond(branch.cond, bound, acc);
        addFree(branch.body, bound, acc);
      }
      return;
    case 'for':
      addExpr(node.iterable, bound, acc);
      addFree(node.body, extend(bound, [...node.targets, 'forloop']), acc);
      if (node.empty !== null) addFree(node.empty, bound, acc);
      return;
    case 'with':
      for (const a of node.assigns) addExpr(a.value, bound, acc);
      addFree(
        node.body,
        extend(
          bound,
          node.assigns.map((a) => a.name),
        ),
        acc,
      );
      return;
    case 'autoescape':
    case 'spaceless':
      addFree(node.body, bound, acc);
      return;
    case 'filterblock':
      for (const f of node.filters) addOperand(f.arg, bound, acc);
      addFree(node.body, bound, acc);
      return;
    case 'cycle':
      if (positionalCycles.has(node) && !bound.has('forloop')) acc.set('forloop.counter0', ['forloop', 'counter0']);
      for (const v of node.values) addExpr(v, bound, acc);
      return;
    case 'firstof':
      for (const v of node.values) addExpr(v, bound, acc);
      return;
    case 'ifchanged':
      for (const v of node.values) addExpr(v, bound, acc);
      addFree(node.body, bound, acc);
      if (node.otherwise !== null) addFree(node.otherwise, bound, acc);
      return;
    case 'include': {
      for (const a of node.assigns) addExpr(a.value, bound, acc);
      if (node.target.kind === 'dynamic') addExpr(node.target.expr, bound, acc);
      if (node.target.kind === 'inline' && !node.only)
        addFree(
          node.target.body,
          extend(
            bound,
            node.assigns.map((a) => a.name),
          ),
          acc,
        );
      return;
    }
    case 'block':
      for (let b: typeof node | null = node; b !== null; b = b.parent) addFree(b.body, extend(bound, ['block']), acc);
      return;
    case 'lorem':
      addExpr(node.count, bound, acc);
      return;
    case 'widthratio':
      addExpr(node.value, bound, acc);
      addExpr(node.max, bound, acc);
      addExpr(node.width, bound, acc);
      return;
    case 'url':
      addExpr(node.viewName, bound, acc);
      for (const a of node.args) addExpr(a, bound, acc);
      for (const a of node.kwargs) addExpr(a.value, bound, acc);
      return;
    case 'csrf_token':
      if (!bound.has('csrf_token')) acc.set('csrf_token', ['csrf_token']);
      return;
    case 'regroup':
      addExpr(node.target, bound, acc);
      addExpr(node.by, extend(bound, [node.asVar]), acc);
      return;
    case 'call':
      for (const a of node.args) addExpr(a, bound, acc);
      for (const a of node.kwargs) addExpr(a.value, bound, acc);
      return;
  }
}

/**
 * Why a template cannot skip unchanged regions, or null when it can: nodes whose output depends on
 * more than their paths (render-wide state, the clock, custom code, names bound by `as`, templates
 * chosen at render time).
 */
export function impurity(nodes: readonly Node[]): string | null {
  const seen = new Set<readonly Node[]>();
  const visit = (list: readonly Node[]): string | null => {
    if (seen.has(list)) return null;
    seen.add(list);
    for (const node of list) {
      const why = nodeImpurity(node, visit);
      if (why !== null) return why;
    }
    return null;
  };
  return visit(nodes);
}

function nodeImpurity(node: Node, visit: (list: readonly Node[]) => string | null): string | null {
  switch (node.kind) {
    case 'text':
    case 'output':
    case 'csrf_token':
    case 'widthratio':
    case 'url':
    case 'firstof':
      return 'asVar' in node && node.asVar !== null ? `{% ${node.kind} ... as ${node.asVar} %}` : null;
    case 'cycle':
      return positionalCycles.has(node) ? null : '{% cycle %}';
    case 'resetcycle':
    case 'ifchanged':
    case 'now':
    case 'debug':
    case 'call':
    case 'regroup':
      return `{% ${node.kind} %}`;
    case 'lorem':
      return node.random ? '{% lorem random %}' : null;
    case 'extends':
      return '{% extends %} of a name from the context';
    case 'if':
      for (const b of node.branches) {
        const why = visit(b.body);
        if (why !== null) return why;
      }
      return null;
    case 'for':
      return visit(node.body) ?? (node.empty === null ? null : visit(node.empty));
    case 'with':
    case 'autoescape':
    case 'spaceless':
    case 'filterblock':
      return visit(node.body);
    case 'block': {
      for (let b: typeof node | null = node; b !== null; b = b.parent) {
        const why = visit(b.body);
        if (why !== null) return why;
      }
      return null;
    }
    case 'include':
      switch (node.target.kind) {
        case 'inline':
          return visit(node.target.body);
        case 'ref':
          return '{% include %} of a template it is part of (recursion)';
        case 'dynamic':
          return '{% include %} of a name from the context';
        case 'error':
          return null;
      }
  }
}
