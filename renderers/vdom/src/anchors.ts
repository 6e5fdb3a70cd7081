import type { Anchor } from '@tessera/dom-patch';
import { domSize, type VNode } from './vtree.js';

/**
 * The anchor table of a page: every anchor element (a dynamic template element rendered outside all
 * loops) with its path from the root, in document order. An id met twice (a recursive include) names
 * no anchor. Only subtrees that hold anchors are walked, so the cost follows the template, not the data.
 */
export function anchorTable(nodes: readonly VNode[]): Anchor[] {
  const found: Anchor[] = [];
  const count = new Map<number, number>();
  const walk = (list: readonly VNode[], path: readonly number[], from: number): number => {
    let index = from;
    for (const node of list) {
      if (node.k === 'frag') {
        if (node.hasAnchors) walk(node.nodes, path, index);
      } else if (node.k === 'el' && node.hasAnchors) {
        const at = [...path, index];
        if (node.anchor) {
          found.push([node.id, at]);
          count.set(node.id, (count.get(node.id) ?? 0) + 1);
        }
        if (node.children !== null) walk(node.children, at, 0);
      }
      index += domSize(node);
    }
    return index;
  };
  walk(nodes, [], 0);
  return found.filter(([id]) => count.get(id) === 1);
}

/** Whether two tables bind the same ids to the same paths. */
export function sameTable(a: readonly Anchor[], b: readonly Anchor[]): boolean {
  return (
    a.length === b.length &&
    a.every(([id, path], i) => {
      const [otherId, otherPath] = b[i]!;
      return id === otherId && path.length === otherPath.length && path.every((n, k) => n === otherPath[k]);
    })
  );
}
