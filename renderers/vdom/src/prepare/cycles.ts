import type { CycleNode, Node, TemplateIR } from '@tessera/template';

/**
 * `{% cycle %}` nodes whose value is a function of the loop position: the only node using its cycle
 * state (no named references, no `{% resetcycle %}`, no `as` name), evaluated exactly once per iteration
 * of a loop that runs once per render (directly in the loop body, no enclosing loop). Such a cycle shows
 * `values[forloop.counter0 % n]`, as Django's render-wide counter would, so loop iterations can be
 * re-evaluated alone.
 */
export const positionalCycles = new WeakSet<CycleNode>();

function each(nodes: readonly Node[], visit: (node: Node) => void): void {
  for (const node of nodes) {
    visit(node);
    switch (node.kind) {
      case 'if':
        for (const b of node.branches) each(b.body, visit);
        break;
      case 'for':
        each(node.body, visit);
        if (node.empty !== null) each(node.empty, visit);
        break;
      case 'with':
      case 'autoescape':
      case 'spaceless':
      case 'filterblock':
        each(node.body, visit);
        break;
      case 'ifchanged':
        each(node.body, visit);
        if (node.otherwise !== null) each(node.otherwise, visit);
        break;
      case 'block':
        for (let b: typeof node | null = node; b !== null; b = b.parent) each(b.body, visit);
        break;
      case 'include':
        if (node.target.kind === 'inline') each(node.target.body, visit);
        break;
      default:
        break;
    }
  }
}

/** Finds the positional cycles of a page and records them in `positionalCycles`. */
export function markPositionalCycles(ir: TemplateIR): void {
  const uses = new Map<number, number>();
  const count = (state: number, n: number): void => {
    uses.set(state, (uses.get(state) ?? 0) + n);
  };
  const all = [ir.body, ...Object.values(ir.partials)];
  for (const nodes of all) {
    each(nodes, (node) => {
      if (node.kind === 'cycle') count(node.state, 1);
      else if (node.kind === 'resetcycle') for (const s of node.states) count(s, 2);
    });
  }
  // `loops`: enclosing loops in this render context; `direct`: evaluated once per iteration of the innermost.
  const walk = (nodes: readonly Node[], loops: number, direct: boolean): void => {
    for (const node of nodes) {
      switch (node.kind) {
        case 'cycle':
          if (direct && loops === 1 && node.asVar === null && uses.get(node.state) === 1) positionalCycles.add(node);
          break;
        case 'for':
          walk(node.body, loops + 1, true);
          if (node.empty !== null) walk(node.empty, loops, false);
          break;
        case 'with':
        case 'autoescape':
          walk(node.body, loops, direct);
          break;
        case 'block':
          walk(node.body, loops, direct);
          // A parent body renders once per `{{ block.super }}` that reads it: any number of times.
          for (let b = node.parent; b !== null; b = b.parent) walk(b.body, loops + 1, false);
          break;
        case 'include':
          // Each include render has its own cycle state.
          if (node.target.kind === 'inline') walk(node.target.body, 0, false);
          break;
        case 'if':
          for (const b of node.branches) walk(b.body, loops, false);
          break;
        case 'spaceless':
        case 'filterblock':
          walk(node.body, loops, false);
          break;
        case 'ifchanged':
          walk(node.body, loops, false);
          if (node.otherwise !== null) walk(node.otherwise, loops, false);
          break;
        default:
          break;
      }
    }
  };
  walk(ir.body, 0, false);
}
