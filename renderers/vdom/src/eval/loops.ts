import { pyIter, pyLen } from '@tessera/runtime';
import type { ForNode } from '@tessera/template';
import { namedError, type EvalEnv } from './env.js';
import { evalExpr } from './expr.js';
import type { Scope } from './scope.js';

/** Django's `forloop` dict. One object per loop run, updated per iteration, so `{% ifchanged %}` can keep state in it. */
export interface Forloop {
  counter0: number;
  counter: number;
  revcounter: number;
  revcounter0: number;
  first: boolean;
  last: boolean;
  parentloop: unknown;
}

/** The items a `{% for %}` walks: a missing or None iterable is empty; `reversed` applied. */
export function loopItems(node: ForNode, scope: Scope, env: EvalEnv): unknown[] {
  const value = evalExpr(node.iterable, scope, env, true);
  const items = pyIter(value);
  return node.reversed ? [...items].reverse() : items;
}

/** The frame a loop run pushes: `forloop` with its parent loop, as Django's ForNode does. */
export function loopFrame(scope: Scope, length: number): { frame: Record<string, unknown>; forloop: Forloop } {
  const parentloop = scope.has('forloop') ? scope.resolve(['forloop']) : {};
  const forloop: Forloop = { counter0: 0, counter: 1, revcounter: length, revcounter0: length - 1, first: true, last: length === 1, parentloop };
  return { frame: { forloop }, forloop };
}

/** Binds iteration `i` of `length`: updates `forloop` and the loop targets in the loop's frame. */
export function bindIteration(node: ForNode, frame: Record<string, unknown>, forloop: Forloop, item: unknown, i: number, length: number): void {
  forloop.counter0 = i;
  forloop.counter = i + 1;
  forloop.revcounter = length - i;
  forloop.revcounter0 = length - i - 1;
  forloop.first = i === 0;
  forloop.last = i === length - 1;
  if (node.targets.length === 1) {
    frame[node.targets[0] as string] = item;
    return;
  }
  const got = typeof item === 'string' || typeof item === 'object' ? (pyLen(item) ?? 1) : 1;
  if (got !== node.targets.length) {
    throw namedError('ValueError', `Need ${node.targets.length} values to unpack in for loop; got ${got}. `);
  }
  const values = pyIter(item);
  node.targets.forEach((name, k) => {
    frame[name] = values[k];
  });
}
