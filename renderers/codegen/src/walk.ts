/** Static questions about IR subtrees that the generator asks before emitting a construct. */
import type { Node } from '@tessera/template';

/**
 * Node lists rendered in the same context level as `node` itself (Django pushes no new level for
 * them). Constructs that push a level (`for`, `with`, `include`, `block`) are not descended into.
 */
function sameLevelChildren(node: Node): readonly (readonly Node[])[] {
  switch (node.kind) {
    case 'if':
      return node.branches.map((b) => b.body);
    case 'autoescape':
    case 'spaceless':
    case 'filterblock':
      return [node.body];
    case 'ifchanged':
      return node.otherwise === null ? [node.body] : [node.body, node.otherwise];
    default:
      return [];
  }
}

/** Every node list nested in `node`, including pushed levels, inlined includes and parent blocks. */
function allChildren(node: Node): readonly (readonly Node[])[] {
  switch (node.kind) {
    case 'for':
      return node.empty === null ? [node.body] : [node.body, node.empty];
    case 'with':
      return [node.body];
    case 'block': {
      // Parent blocks render in place wherever `{{ block.super }}` reads them.
      const bodies = [node.body];
      for (let p = node.parent; p !== null; p = p.parent) bodies.push(p.body);
      return bodies;
    }
    case 'include':
      return node.target.kind === 'inline' ? [node.target.body] : [];
    default:
      return sameLevelChildren(node);
  }
}

function assignedName(node: Node): string | null {
  switch (node.kind) {
    case 'cycle':
    case 'firstof':
    case 'now':
    case 'widthratio':
    case 'url':
    case 'call':
    case 'regroup':
      return node.asVar;
    default:
      return null;
  }
}

/** Names that `as` clauses assign in the context level whose body is `nodes`. */
export function levelAssignments(nodes: readonly Node[]): Set<string> {
  const names = new Set<string>();
  const visit = (list: readonly Node[]): void => {
    for (const n of list) {
      const name = assignedName(n);
      if (name !== null) names.add(name);
      for (const child of sameLevelChildren(n)) visit(child);
    }
  };
  visit(nodes);
  return names;
}

/** Whether some node in the tree satisfies `test`. */
export function some(nodes: readonly Node[], test: (n: Node) => boolean): boolean {
  for (const n of nodes) {
    if (test(n)) return true;
    for (const child of allChildren(n)) if (some(child, test)) return true;
  }
  return false;
}

/** `{% cycle ... as name %}` names anywhere in the tree (set_upward may reach the bottom level). */
export function cycleNames(nodes: readonly Node[]): Set<string> {
  const names = new Set<string>();
  some(nodes, (n) => {
    if (n.kind === 'cycle' && n.asVar !== null) names.add(n.asVar);
    return false;
  });
  return names;
}

/** Nodes whose rendering changes state, so rendering them twice differs from once. */
export function isStateful(n: Node): boolean {
  return (
    n.kind === 'cycle' || n.kind === 'resetcycle' || n.kind === 'ifchanged' || n.kind === 'call' || n.kind === 'regroup'
  );
}
