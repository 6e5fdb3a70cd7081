import { isAttributeName, longestIncreasing, type Patch } from '@tessera/dom-patch';
import { RAWTEXT, RCDATA } from '@tessera/markup';
import {
  domNodes,
  domSize,
  inDom,
  innerHtml,
  serialize,
  serializeNode,
  type VElement,
  type VFragment,
  type VNode,
} from '../vtree.js';
import { OrderList } from './order.js';

type Path = readonly number[];

/**
 * A keyed element with the unkeyed nodes (whitespace text, mostly) that follow it: the unit a keyed
 * list moves. Nodes before the first keyed element form a unit of their own.
 */
interface Unit {
  readonly key: string;
  readonly nodes: VNode[];
  /** Index of the first node in its child list. */
  readonly start: number;
}

function unitsOf(children: readonly VNode[]): Unit[] | null {
  const units: Unit[] = [];
  const keys = new Set<string>();
  children.forEach((node, i) => {
    const key = node.k === 'el' ? node.key : null;
    const last = units[units.length - 1];
    if (key !== null) {
      units.push({ key, nodes: [node], start: i });
      if (keys.has(key)) keys.add('\0dup');
      keys.add(key);
    } else if (last === undefined) units.push({ key: '\0lead', nodes: [node], start: i });
    else last.nodes.push(node);
  });
  return keys.has('\0dup') ? null : units;
}

const RAW = new Set([...RAWTEXT, ...RCDATA]);

const sameText = (a: VElement, b: VElement): boolean => a.open === b.open && innerHtml(a) === innerHtml(b);

const compatible = (a: VNode, b: VNode): boolean =>
  a.k === b.k && (a.k !== 'el' || (b.k === 'el' && a.name === b.name && a.key === b.key));

const unitsCompatible = (a: Unit, b: Unit): boolean =>
  a.nodes.length === b.nodes.length && a.nodes.every((n, i) => compatible(n, b.nodes[i] as VNode));

/** Whether two child lists hold, position by position, the same nodes or nodes of the same kind, tag and key. */
function sameShape(a: readonly VNode[], b: readonly VNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !compatible(a[i]!, b[i]!)) return false;
  return true;
}

/**
 * `sameShape` on child lists as built, fragments unexpanded: each pair is the same object (a reused
 * region, skipped whole), two nodes that are not fragments and have the same shape and DOM presence, or
 * two fragments whose lists are the same shape in turn. No list is copied.
 */
function sameSegments(a: readonly VNode[], b: readonly VNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x === y) continue;
    if (x.k === 'frag' || y.k === 'frag') {
      if (x.k !== 'frag' || y.k !== 'frag' || !sameSegments(x.nodes, y.nodes)) return false;
    } else if (!compatible(x, y) || inDom(x) !== inDom(y)) return false;
  }
  return true;
}

/** Computes the patches that turn the DOM of one virtual tree into that of another. */
export class Differ {
  readonly patches: Patch[] = [];
  /** Child-list entries looked at: the diff's work, which a one-value update keeps independent of list sizes. */
  compared = 0;
  /** Whether a patch created, removed or moved nodes, or an anchor changed element: the client must rebind. */
  structural = false;
  // The anchor the current paths start from (undefined: the root).
  private at: number | undefined;

  /** `bound`: the anchor ids the client has bound (the previous table); patches below them are addressed from them. */
  constructor(private readonly bound: ReadonlySet<number> = new Set()) {}

  // `patch` is always a fresh literal, so `at` is set on it rather than copied into a new object.
  private emit(patch: Exclude<Patch, { op: 'anchors' }>): void {
    if (patch.op !== 'text' && patch.op !== 'attr' && patch.op !== 'rmattr') this.structural = true;
    if (this.at !== undefined) (patch as { at?: number }).at = this.at;
    this.patches.push(patch);
  }

  /** Diffs two child lists of the element at `path`. */
  children(all: readonly VNode[], allNew: readonly VNode[], path: Path): void {
    if (all === allNew) return;
    this.compared += all.length;
    if (sameSegments(all, allNew)) {
      // Nothing moves, appears or goes: pair in place. A reused region is the very same fragment, so a
      // one-value change beside a 10,000-item loop costs a few identity checks, not a walk of the list.
      this.pairSegments(all, allNew, path, 0);
      return;
    }
    const a = domNodes(all);
    const b = domNodes(allNew);
    this.compared += a.length + b.length;
    if (sameShape(a, b)) {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) this.node(a[i]!, b[i]!, [...path, i]);
      return;
    }
    const hasKeys = a.some((n) => n.k === 'el' && n.key !== null) || b.some((n) => n.k === 'el' && n.key !== null);
    const ua = hasKeys ? unitsOf(a) : null;
    const ub = hasKeys ? unitsOf(b) : null;
    if (ua !== null && ub !== null) this.keyed(a, ua, ub, path);
    else this.positional(a, b, path);
  }

  // Pairs two lists that are `sameSegments`, the first at DOM index `from`; returns the index after them.
  private pairSegments(a: readonly VNode[], b: readonly VNode[], path: Path, from: number): number {
    let index = from;
    for (let i = 0; i < a.length; i++) {
      const [x, y] = [a[i]!, b[i]!];
      if (x.k === 'frag') {
        if (x !== y) this.pairSegments(x.nodes, (y as VFragment).nodes, path, index);
        index += x.size;
        continue;
      }
      if (x !== y && inDom(x)) this.node(x, y, [...path, index]);
      index += domSize(x);
    }
    return index;
  }

  private node(a: VNode, b: VNode, path: Path): void {
    if (a === b) return;
    if (a.k === 'el' && b.k === 'el' && a.name === b.name) {
      this.element(a, b, path);
      return;
    }
    if ((a.k === 'text' || a.k === 'comment') && a.k === b.k) {
      if (a.value !== b.value) this.emit({ op: 'text', path, value: b.value });
      return;
    }
    this.emit({ op: 'replace', path, html: serializeNode(b) });
  }

  private element(a: VElement, b: VElement, path: Path): void {
    if (a.open !== b.open && needsUnsettableName(a, b)) {
      // A name the HTML parser admits but setAttribute refuses (`data-{{ k }}` with k = "a?b"): only a
      // parse can give the element that attribute, so the element is replaced, addressed from its parent.
      this.emit({ op: 'replace', path, html: serializeNode(b) });
      return;
    }
    if ((a.anchor || b.anchor) && a.id !== b.id) this.structural = true;
    // Raw-text elements may be replaced whole, which is addressed from their parent.
    if (a.anchor && b.anchor && a.id === b.id && this.bound.has(a.id) && !RAW.has(b.name)) {
      // The client holds this element by id: address it and everything below it from there.
      const outer = this.at;
      this.at = a.id;
      try {
        this.elementAt(a, b, []);
      } finally {
        this.at = outer;
      }
      return;
    }
    this.elementAt(a, b, path);
  }

  private elementAt(a: VElement, b: VElement, path: Path): void {
    if (RAW.has(b.name) && !sameText(a, b)) {
      // Raw text only parses as text after its own start tag: set it, or replace the element.
      const [x, y] = [a.children ?? [], b.children ?? []];
      if (x.length === 1 && y.length === 1 && a.open === b.open) this.node(x[0] as VNode, y[0] as VNode, [...path, 0]);
      else this.emit({ op: 'replace', path, html: serializeNode(b) });
      return;
    }
    if (a.open !== b.open) this.attrs(a, b, path);
    if (a.html !== null || b.html !== null) {
      const html = innerHtml(b);
      if (html !== innerHtml(a)) this.emit({ op: 'html', path, html });
      return;
    }
    this.children(a.children ?? [], b.children ?? [], path);
  }

  private attrs(a: VElement, b: VElement, path: Path): void {
    const before = new Map(a.attrs);
    for (const [name, value] of b.attrs) {
      if (before.get(name) !== value) this.emit({ op: 'attr', path, name, value });
      before.delete(name);
    }
    for (const name of before.keys()) this.emit({ op: 'rmattr', path, name });
  }

  private positional(a: readonly VNode[], b: readonly VNode[], path: Path): void {
    const n = Math.min(a.length, b.length);
    for (let i = a.length - 1; i >= n; i--) this.emit({ op: 'remove', path: [...path, i] });
    if (b.length > n) this.emit({ op: 'insert', path, index: n, html: serialize(b.slice(n)) });
    for (let i = 0; i < n; i++) this.node(a[i] as VNode, b[i] as VNode, [...path, i]);
  }

  /**
   * Keyed units: skip the common prefix and suffix, match the middle by key, keep the longest run
   * whose old order is increasing, and move only the other units, walking the new order from the end
   * so each unit is placed before the one that follows it.
   */
  private keyed(a: readonly VNode[], ua: Unit[], ub: Unit[], path: Path): void {
    let head = 0;
    while (
      head < ua.length &&
      head < ub.length &&
      ua[head]!.key === ub[head]!.key &&
      unitsCompatible(ua[head]!, ub[head]!)
    )
      head++;
    let tailA = ua.length;
    let tailB = ub.length;
    while (
      tailA > head &&
      tailB > head &&
      ua[tailA - 1]!.key === ub[tailB - 1]!.key &&
      unitsCompatible(ua[tailA - 1]!, ub[tailB - 1]!)
    ) {
      tailA--;
      tailB--;
    }
    const oldIndex = new Map<string, number>();
    for (let i = head; i < tailA; i++) oldIndex.set(ua[i]!.key, i);
    // Old position of each new middle unit, -1 when it is new or changed shape (then it is replaced).
    const sources = ub.slice(head, tailB).map((unit) => {
      const i = oldIndex.get(unit.key);
      return i !== undefined && unitsCompatible(ua[i]!, unit) ? i : -1;
    });
    const kept = new Set<number>();
    for (const s of sources) if (s >= 0) kept.add(s);
    const stay = new Set(longestIncreasing(sources).map((p) => sources[p] as number));

    // The DOM's child list while patches are emitted, as ids: old child i is i, inserted nodes count on
    // from a.length (ids, not nodes: a shared constant element may appear more than once).
    const dom = new OrderList(a.map((_, i) => i));
    const idsOf = (unit: Unit): number[] => unit.nodes.map((_, k) => unit.start + k);
    for (let i = tailA - 1; i >= head; i--) {
      if (kept.has(i)) continue;
      for (const id of idsOf(ua[i]!).reverse()) this.emit({ op: 'remove', path: [...path, dom.remove(id)] });
    }
    let fresh = a.length;
    let anchor: number | null = tailB < ub.length ? ua[tailA]!.start : null;
    for (let j = tailB - 1; j >= head; j--) {
      const unit = ub[j]!;
      const source = sources[j - head] as number;
      if (source >= 0 && stay.has(source)) {
        anchor = ua[source]!.start;
        continue;
      }
      if (source >= 0) {
        // A unit's nodes stay consecutive (units move whole), so one patch moves them all.
        const moving = idsOf(ua[source]!);
        const from = dom.indexOf(moving[0]!);
        for (const id of moving) dom.remove(id);
        const to = anchor === null ? dom.length : dom.indexOf(anchor);
        for (const id of moving) dom.insertBefore(id, anchor);
        this.emit(
          moving.length === 1 ? { op: 'move', path, from, to } : { op: 'move', path, from, to, count: moving.length },
        );
        anchor = moving[0]!;
      } else {
        const ids = unit.nodes.map(() => fresh++);
        const index = dom.insertBefore(ids[0]!, anchor);
        for (const id of ids.slice(1)) dom.insertBefore(id, anchor);
        this.emit({ op: 'insert', path, index, html: serialize(unit.nodes) });
        anchor = ids[0]!;
      }
    }
    // Every kept unit is now where the new list has it: diff the pairs in place.
    const pair = (oldUnit: Unit, newUnit: Unit): void => {
      newUnit.nodes.forEach((node, k) => {
        this.node(oldUnit.nodes[k]!, node, [...path, newUnit.start + k]);
      });
    };
    for (let i = 0; i < head; i++) pair(ua[i]!, ub[i]!);
    for (let j = head; j < tailB; j++) {
      const source = sources[j - head] as number;
      if (source >= 0) pair(ua[source]!, ub[j]!);
    }
    for (let k = 0; k < ub.length - tailB; k++) pair(ua[tailA + k]!, ub[tailB + k]!);
  }
}

/** Whether turning `a`'s attributes into `b`'s would set a name an `attr` patch cannot carry. */
function needsUnsettableName(a: VElement, b: VElement): boolean {
  const before = new Map(a.attrs);
  return b.attrs.some(([name, value]) => before.get(name) !== value && !isAttributeName(name));
}
