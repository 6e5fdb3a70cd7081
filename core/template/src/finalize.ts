/**
 * The last compile pass: copies the resolved tree into its final IR form, numbering dynamic nodes in
 * document order, numbering cycle states, and annotating each dynamic node with the context paths it
 * reads (`deps.ts`). Copying matters: an included template inlined twice must get distinct ids.
 */
import type { CycleStates } from './cycles.js';
import { DepScope } from './deps.js';
import type { BlockNode, Cond, CycleNode, Expr, IfBranch, Node, TemplateIR } from './ir.js';
import { IR_VERSION } from './ir.js';
import type { ResolvedTree } from './resolve.js';

/** The final IR of the page `name` from its resolved tree; `cycles` are the links its parsers recorded. */
export function finalize(name: string, tree: ResolvedTree, cycles: CycleStates): TemplateIR {
  let nextId = 1;
  const stateIds = new Map<CycleNode, number>();
  const stateOf = (node: CycleNode): number => {
    const origin = cycles.origin(node);
    let id = stateIds.get(origin);
    if (id === undefined) {
      id = stateIds.size + 1;
      stateIds.set(origin, id);
    }
    return id;
  };
  const allDeps = new Set<string>();
  const record = (deps: string[]): string[] => {
    for (const d of deps) allDeps.add(d);
    return deps;
  };

  const nodes = (list: readonly Node[], scope: DepScope): Node[] => {
    const local = scope.child();
    return list.map((n) => node(n, local));
  };

  const block = (b: BlockNode, scope: DepScope): BlockNode => {
    const id = nextId++;
    const inner = scope.child();
    inner.local('block');
    const resolved: BlockNode = {
      kind: 'block',
      id,
      loc: b.loc,
      deps: [],
      name: b.name,
      body: nodes(b.body, inner),
      parent: b.parent && block(b.parent, scope),
    };
    return b.standalone ? { ...resolved, standalone: true } : resolved;
  };

  const node = (n: Node, scope: DepScope): Node => {
    switch (n.kind) {
      case 'text':
        return n;
      case 'autoescape':
      case 'spaceless':
        return { ...n, body: nodes(n.body, scope) };
      case 'output': {
        const id = nextId++;
        return { ...n, id, deps: record(scope.exprDeps([n.expr])) };
      }
      case 'if': {
        const id = nextId++;
        const deps = record(scope.exprDeps(n.branches.flatMap((b) => (b.cond ? condExprs(b.cond) : []))));
        const branches: IfBranch[] = n.branches.map((b) => ({ cond: b.cond, body: nodes(b.body, scope) }));
        return { ...n, id, deps, branches };
      }
      case 'for': {
        const id = nextId++;
        const deps = record(scope.exprDeps([n.iterable]));
        const inner = scope.child();
        const itemPaths = scope.exprPaths(n.iterable).map((p) => `${p}[]`);
        for (const t of n.targets) inner.alias(t, itemPaths, n.targets.length === 1 && n.iterable.filters.length === 0);
        inner.local('forloop');
        const body = nodes(n.body, inner);
        return { ...n, id, deps, body, empty: n.empty && nodes(n.empty, scope), usesForloop: readsForloop(n.body) };
      }
      case 'with': {
        const id = nextId++;
        const deps = record(scope.exprDeps(n.assigns.map((a) => a.value)));
        const inner = scope.child();
        for (const a of n.assigns) inner.alias(a.name, scope.exprPaths(a.value), a.value.filters.length === 0);
        return { ...n, id, deps, body: nodes(n.body, inner) };
      }
      case 'filterblock': {
        const id = nextId++;
        const deps = record(scope.exprDeps([{ base: { kind: 'literal', value: '', raw: '""' }, filters: n.filters }]));
        return { ...n, id, deps, body: nodes(n.body, scope) };
      }
      case 'cycle': {
        const id = nextId++;
        const deps = record(scope.exprDeps(n.values));
        if (n.asVar) scope.local(n.asVar);
        return { ...n, id, deps, state: stateOf(n) };
      }
      case 'resetcycle': {
        const id = nextId++;
        return { ...n, id, deps: [], states: cycles.resetTargets(n).map(stateOf) };
      }
      case 'firstof': {
        const id = nextId++;
        const deps = record(scope.exprDeps(n.values));
        if (n.asVar) scope.local(n.asVar);
        return { ...n, id, deps };
      }
      case 'ifchanged': {
        const id = nextId++;
        const deps = record(scope.exprDeps(n.values));
        return { ...n, id, deps, body: nodes(n.body, scope), otherwise: n.otherwise && nodes(n.otherwise, scope) };
      }
      case 'include': {
        const id = nextId++;
        const own = n.target.kind === 'dynamic' ? [n.target.expr] : [];
        const deps = scope.exprDeps([...own, ...n.assigns.map((a) => a.value)]);
        if (n.target.kind === 'dynamic' || n.target.kind === 'ref') deps.push('*');
        record(deps);
        if (n.target.kind !== 'inline') return { ...n, id, deps };
        const inner = n.only ? scope.isolated() : scope.child();
        for (const a of n.assigns) inner.alias(a.name, scope.exprPaths(a.value), a.value.filters.length === 0);
        return { ...n, id, deps, target: { ...n.target, body: nodes(n.target.body, inner) } };
      }
      case 'block':
        return block(n, scope);
      case 'extends': {
        const id = nextId++;
        return { ...n, id, deps: record(scope.exprDeps([n.parent])) };
      }
      case 'now':
      case 'lorem':
      case 'widthratio':
      case 'url':
      case 'regroup':
      case 'csrf_token':
      case 'debug':
      case 'call': {
        const id = nextId++;
        const deps = record(scope.exprDeps(exprsOf(n)));
        if (n.kind === 'csrf_token') deps.push(record(['csrf_token'])[0]!);
        if (n.kind === 'call') deps.push(record(['*'])[0]!);
        if ('asVar' in n && n.asVar) {
          if (n.kind === 'regroup') scope.alias(n.asVar, scope.exprPaths(n.target), false);
          else scope.local(n.asVar);
        }
        return { ...n, id, deps };
      }
    }
  };

  const root = new DepScope();
  const body = nodes(tree.body, root);
  const partials: Record<string, Node[]> = {};
  for (const [partialName, partialBody] of Object.entries(tree.partials)) {
    partials[partialName] = nodes(partialBody, new DepScope());
  }
  return {
    irVersion: IR_VERSION,
    name,
    body,
    partials,
    deps: [...allDeps].sort(),
    sources: tree.sources,
  };
}

function exprsOf(n: Node): Expr[] {
  switch (n.kind) {
    case 'lorem':
      return [n.count];
    case 'widthratio':
      return [n.value, n.max, n.width];
    case 'url':
      return [n.viewName, ...n.args, ...n.kwargs.map((k) => k.value)];
    case 'regroup':
      return [n.target];
    case 'call':
      return [...n.args, ...n.kwargs.map((k) => k.value)];
    default:
      return [];
  }
}

/** Every expression a condition reads. */
export function condExprs(c: Cond): Expr[] {
  switch (c.kind) {
    case 'value':
      return [c.expr];
    case 'not':
      return condExprs(c.operand);
    case 'or':
    case 'and':
    case 'compare':
      return [...condExprs(c.left), ...condExprs(c.right)];
  }
}

/** Whether any expression under `nodes` reads `forloop` (conservatively including nested loops). */
function readsForloop(list: readonly Node[]): boolean {
  return JSON.stringify(list).includes('"path":["forloop"');
}
