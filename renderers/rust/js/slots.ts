/**
 * The slot plan a live document of the addon runs (crates/dtl/src/live/slots.rs): the page's slot structure
 * as `@tessera/markup` analyses it for the compiled JS engine, so both engines address the same slots and
 * anchors, with each slot's IR nodes and the scopes (`with`, `block`, `autoescape`) they render in. It is
 * computed here, at prepare time, and crosses once as JSON beside the IR.
 *
 * Pages the plan does not cover are mounted on the parse-and-diff path (null plan): the whole page is one
 * region, a row count moves anchors (the layout is not fixed), or the page carries render-wide state.
 */
import {
  depsOf,
  fixedLayout,
  flat,
  headOf,
  rowPieces,
  StructureBuilder,
  type Item,
  type LElement,
  type LLoop,
  type Slot,
  type SlotTarget,
} from '@tessera/markup';
import type { Node, TemplateIR } from '@tessera/template';

/** A scope wrapper with its body left out: the addon enters it, then renders the slot's own nodes. */
type Scope = Node;

interface SlotJson {
  readonly scopes: readonly Scope[];
  readonly nodes: readonly Node[];
  readonly target: SlotTarget;
}

type UnitJson =
  | (SlotJson & { readonly k: 'slot'; readonly anchor: number; readonly heads: readonly string[] | null })
  | {
      readonly k: 'loop';
      readonly scopes: readonly Scope[];
      readonly node: Node;
      readonly rows: readonly SlotJson[];
      readonly parent: number;
      readonly first: number;
      readonly stride: number;
      readonly pieces: readonly (string | number)[];
      readonly sep: string;
      readonly cycles: readonly (readonly [number, number])[];
      readonly heads: readonly string[] | null;
    };

/** The plan as the addon reads it. */
export interface SlotPlan {
  readonly units: readonly UnitJson[];
  readonly anchors: readonly (readonly [number, readonly number[]])[];
}

const bare = (node: Node): Scope => ({ ...node, body: [] }) as unknown as Scope;
const heads = (deps: readonly string[] | null): string[] | null =>
  deps === null ? null : [...new Set(deps.map(headOf))];

/** Each slot's scopes, by slot, walking a child list from `scopes`. */
function scopesOf(
  items: readonly Item[],
  scopes: readonly Scope[],
  out: Map<number, Scope[]>,
  loops?: Map<LLoop, Scope[]>,
): void {
  const element = (el: LElement, at: readonly Scope[]): void => {
    for (const piece of el.open) if (typeof piece === 'number') out.set(piece, [...at]);
    if (el.content.k === 'slot') out.set(el.content.slot, [...at]);
    else scopesOf(el.content.items, at, out, loops);
  };
  for (const it of items) {
    if (it.k === 'scope') scopesOf(it.items, [...scopes, bare(it.node)], out, loops);
    else if (it.k === 'el') element(it.el, scopes);
    else if (it.k === 'loop') loops?.set(it.loop, [...scopes]);
  }
}

/** The plan of a template, or null when its live documents stay on the parse-and-diff path. */
export function slotPlan(ir: TemplateIR): SlotPlan | null {
  const structure = new StructureBuilder().build(ir.body);
  const { root } = structure;
  if (root.content.k !== 'items') return null;
  const layout = fixedLayout(root);
  if (layout === null) return null;
  const positional = new Set<Node>(structure.loops.flatMap((loop) => loop.cycles));
  if (depsOf(ir.body, positional) === null) return null;
  const top = new Map<number, Scope[]>();
  const loopScopes = new Map<LLoop, Scope[]>();
  scopesOf(root.content.items, [], top, loopScopes);
  const anchorOf: number[] = [];
  const visit = (el: LElement): void => {
    for (const piece of el.open) if (typeof piece === 'number') anchorOf[piece] = el.anchor;
    if (el.content.k === 'slot') anchorOf[el.content.slot] = el.anchor;
    else for (const it of flat(el.content.items)) if (it.k === 'el') visit(it.el);
  };
  visit(root);
  const loopOf = new Map(structure.loops.map((loop) => [loop.unit, loop]));
  const units = structure.slots.map((slot, unit): UnitJson => {
    if (slot !== null) {
      const { nodes, target } = slot;
      const scopes = top.get(unit) ?? [];
      return { k: 'slot', scopes, nodes, target, anchor: anchorOf[unit] ?? 0, heads: heads(depsOf(nodes)) };
    }
    const loop = loopOf.get(unit) as LLoop;
    const rowScopes = new Map<number, Scope[]>();
    scopesOf([{ k: 'el', el: loop.row }], [], rowScopes);
    return {
      k: 'loop',
      scopes: loopScopes.get(loop) ?? [],
      node: bare(loop.node),
      rows: loop.slots.map((s: Slot, k) => ({ scopes: rowScopes.get(k) ?? [], nodes: s.nodes, target: s.target })),
      parent: loop.parent,
      first: layout.first.get(loop) as number,
      stride: layout.stride.get(loop) as number,
      pieces: rowPieces(loop.row),
      sep: loop.trail + loop.lead,
      cycles: loop.cycles.map((c) => [Number(c.state), c.values.length] as const),
      heads: heads(depsOf([loop.node], positional)),
    };
  });
  return { units, anchors: layout.anchors };
}
