/**
 * Preparing a template for the live engine: its slot structure, the generated mount and update
 * functions, and per unit (top-level slot or loop) the context names it reads.
 */
import type { Node, RenderContext } from '@tessera/template';
import { Generator } from '../generator.js';
import { codegenHelpers, factoryOf, renderFunction, type RenderFunction } from '../prepare.js';
import type { CodegenTemplate } from '../template.js';
import type { Row } from './document.js';
import { liveSource, rowPieces } from './emit.js';
import { fixedLayout, type Layout } from './layout.js';
import { depsOf, flat, headOf, StructureBuilder, type LElement, type LLoop, type Structure } from './structure.js';

/** The recorder the generated code reports to (implemented by the document). */
export interface Recorder {
  slot(unit: number, value: string): void;
  keys(items: unknown[]): unknown[];
  /** An array for the inputs of `n` rows of loop `unit`. */
  inputs(unit: number, n: number): unknown[];
  /**
   * For one update of loop `unit`: the previous row to reuse for row `i` (item `item`, key `key`), or -1;
   * fills row i's inputs in `inputs`.
   */
  matcher(unit: number): (i: number, item: unknown, key: unknown, inputs: unknown[]) => number;
  loop(unit: number, keys: unknown[], items: unknown[], rows: Row[], inputs: unknown[] | null): void;
  mountLoop(unit: number, items: unknown[], rows: Row[]): void;
  /** A loop whose rows have no slots now has `n` rows (at mount and on update). */
  count(unit: number, n: number): void;
}

/** The generated functions. */
export interface LiveCode {
  mount(context: RenderContext, values: string[], loops: unknown[], recorder: Recorder): string;
  update(
    context: RenderContext,
    values: string[],
    loops: unknown[],
    recorder: Recorder,
    dirty: Uint8Array,
    reuse: Uint8Array,
  ): void;
}

/** What a unit reads: context names (null: any), and for loops the names rows read besides their item. */
export interface Unit {
  readonly heads: ReadonlySet<string> | null;
  /** Loops whose rows may be reused by item identity: the names the body reads from outside the item. */
  readonly outer: ReadonlySet<string> | null;
  /** Rows depend on their position too (positional cycles): reused only in the same place. */
  readonly positional: boolean;
}

/** A template prepared for the live engine. */
export interface LivePrepared {
  readonly template: CodegenTemplate;
  readonly structure: Structure;
  readonly code: LiveCode;
  /** The generated JavaScript. */
  readonly source: string;
  /** codegen's own render function (the page's HTML when it must be sent whole). */
  readonly render: RenderFunction;
  readonly units: readonly Unit[];
  /** Whether the page carries render-wide state, so every update recomputes every unit. */
  readonly impure: boolean;
  readonly loopOf: readonly (LLoop | undefined)[];
  readonly anchorOf: readonly number[];
  readonly rowPieces: readonly ((string | number)[] | undefined)[];
  /**
   * Per reusable loop, the paths below the item its rows read (`[["name"], ["author", "name"]]`): a row
   * whose item reads the same values (Object.is) as a previous row with its key renders the same.
   */
  readonly inputs: readonly (readonly (readonly string[])[] | null | undefined)[];
  /** The page's layout when row counts move nothing (see `fixedLayout`), else null. */
  readonly layout: Layout | null;
}

const cache = new WeakMap<CodegenTemplate, LivePrepared>();

/** Analyses and compiles `template` for the live engine (cached per Template). */
export function prepareLive(template: CodegenTemplate): LivePrepared {
  const known = cache.get(template);
  if (known !== undefined) return known;
  const structure = new StructureBuilder().build(template.ir.body);
  const source = liveSource(new Generator(template), structure);
  const code = factoryOf(source)(codegenHelpers(), template) as unknown as LiveCode;
  const positional = new Set<Node>(structure.loops.flatMap((loop) => loop.cycles));
  const impure = depsOf(template.ir.body, positional) === null;
  const units: Unit[] = structure.slots.map((slot) => {
    if (slot === null) return { heads: null, outer: null, positional: false };
    return { heads: headsOf(depsOf(slot.nodes)), outer: null, positional: false };
  });
  const loopOf: (LLoop | undefined)[] = [];
  const pieces: ((string | number)[] | undefined)[] = [];
  const inputs: (readonly (readonly string[])[] | null)[] = [];
  for (const loop of structure.loops) {
    loopOf[loop.unit] = loop;
    pieces[loop.unit] = rowPieces(loop.row);
    const outer = impure ? null : outerOf(loop, positional);
    units[loop.unit] = { heads: headsOf(depsOf([loop.node], positional)), outer, positional: loop.cycles.length > 0 };
    inputs[loop.unit] = outer === null ? null : inputsOf(loop, positional);
  }
  const anchorOf: number[] = [];
  const visit = (el: LElement): void => {
    for (const piece of el.open) if (typeof piece === 'number') anchorOf[piece] = el.anchor;
    if (el.content.k === 'slot') anchorOf[el.content.slot] = el.anchor;
    else for (const it of flat(el.content.items)) if (it.k === 'el') visit(it.el);
  };
  visit(structure.root);
  const prepared: LivePrepared = {
    template,
    structure,
    code,
    source,
    render: renderFunction(template),
    units,
    impure,
    loopOf,
    anchorOf,
    rowPieces: pieces,
    inputs,
    layout: fixedLayout(structure.root),
  };
  cache.set(template, prepared);
  return prepared;
}

/** The paths below a loop's item that its body reads (`items[].author.name` is `["author", "name"]`). */
function inputsOf(loop: LLoop, positional: ReadonlySet<Node>): string[][] | null {
  const through = `${loop.node.deps[0]}[]`;
  const deps = depsOf(loop.node.body, positional);
  if (deps === null) return null;
  const seen = new Map<string, string[]>();
  for (const dep of deps) {
    if (!dep.startsWith(through)) continue;
    // A list below the item is read as a whole (its identity), whatever is read inside it.
    const rest = dep.slice(through.length).split('[]')[0] as string;
    seen.set(rest, rest === '' ? [] : rest.slice(1).split('.'));
  }
  return [...seen.values()];
}

function headsOf(deps: readonly string[] | null): Set<string> | null {
  return deps === null ? null : new Set(deps.map(headOf));
}

/**
 * The names a loop body reads other than through its item, when rows can be reused by item identity:
 * an unfiltered loop over one path whose body does not read `forloop` (a row's position changes it).
 */
function outerOf(loop: LLoop, positional: ReadonlySet<Node>): Set<string> | null {
  const { node } = loop;
  if (node.usesForloop || node.iterable.filters.length > 0 || node.deps.length !== 1) return null;
  const through = `${node.deps[0]}[]`;
  const deps = depsOf(node.body, positional);
  if (deps === null) return null;
  return new Set(deps.filter((d) => !d.startsWith(through)).map(headOf));
}
