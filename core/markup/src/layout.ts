/**
 * Where things are in the DOM for given row counts: the anchor table (each anchored element's path from
 * the root) and each loop's first row index and stride in its parent's child list.
 */
import type { Anchor } from '@tessera/dom-patch';
import { childIndices, flat, type LElement, type LLoop } from './structure.js';

export interface Layout {
  readonly anchors: Anchor[];
  readonly first: ReadonlyMap<LLoop, number>;
  readonly stride: ReadonlyMap<LLoop, number>;
}

/** The layout of the page under `root` when loop `l` has `rows(l)` rows. */
export function layoutOf(root: LElement, rows: (loop: LLoop) => number): Layout {
  const anchors: Anchor[] = [];
  const first = new Map<LLoop, number>();
  const stride = new Map<LLoop, number>();
  const walk = (el: LElement, path: readonly number[]): void => {
    if (el.anchor !== 0) anchors.push([el.anchor, path]);
    if (el.content.k !== 'items') return;
    const layout = childIndices(el.content.items, rows);
    for (const it of flat(el.content.items)) {
      if (it.k === 'el') walk(it.el, [...path, layout.at.get(it) as number]);
      else if (it.k === 'loop') {
        first.set(it.loop, layout.at.get(it) as number);
        stride.set(it.loop, layout.stride.get(it.loop) as number);
      }
    }
  };
  walk(root, []);
  return { anchors, first, stride };
}

/**
 * The layout when no row count moves anything (no anchored element or loop after a loop in any child
 * list): the same for every count, so computed once. Null otherwise.
 */
export function fixedLayout(root: LElement): Layout | null {
  const of = (n: number): Layout => layoutOf(root, () => n);
  const base = of(0);
  const key = (l: Layout): string => JSON.stringify([l.anchors, [...l.first.values()], [...l.stride.values()]]);
  const k = key(base);
  return [1, 2, 3].every((n) => key(of(n)) === k) ? base : null;
}
