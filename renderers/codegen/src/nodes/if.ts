/**
 * `{% if %}` / `{% elif %}` / `{% else %}` as an `if / else if` chain; a branch whose condition needs
 * statements first (guarded operators) nests inside `else { ... }` so it is only evaluated when reached.
 */
import type { IfBranch, IfNode } from '@tessera/template';
import { genIfCondition } from '../cond.js';
import type { Frame } from '../frame.js';
import type { Generator } from '../generator.js';

/** Body of branch `i`, then the following branches. */
function rest(g: Generator, branches: readonly IfBranch[], i: number, f: Frame): void {
  g.nodes(branches[i]?.body ?? [], f);
  const next = branches[i + 1];
  if (next === undefined) {
    g.w.close();
    return;
  }
  if (next.cond === null) {
    g.w.reopen('else');
    g.nodes(next.body, f);
    g.w.close();
    return;
  }
  const test = next.cond;
  const { js: cond, before } = g.expression(() => genIfCondition(g, test, f));
  if (before.length === 0) {
    g.w.reopen(`else if (${cond})`);
    rest(g, branches, i + 1, f);
    return;
  }
  g.w.reopen('else');
  g.w.append(before);
  g.w.open(`if (${cond})`);
  rest(g, branches, i + 1, f);
  g.w.close();
}

/** Emits an `{% if %}` node. */
export function genIf(g: Generator, node: IfNode, f: Frame): void {
  const first = node.branches[0];
  if (first === undefined) return;
  if (first.cond === null) {
    g.nodes(first.body, f);
    return;
  }
  g.w.open(`if (${genIfCondition(g, first.cond, f)})`);
  rest(g, node.branches, 0, f);
}
