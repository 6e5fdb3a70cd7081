/**
 * A page's live program: what `CompiledDocument` runs, apart from the template it came from. On the
 * server it comes from `prepareLive`; in the browser from a generated view module (`liveModule`), whose
 * data part is `programData` and whose code part the generated functions. Nothing here imports the
 * generator, so the browser entry (browser.ts) stays small.
 */
import {
  fixedLayout,
  type Item,
  type Layout,
  type LElement,
  type LLoop,
  type Slot,
  type Structure,
} from '@tessera/markup';
import type { RenderContext } from '@tessera/template';
import type { Rows } from './document.js';

/** The recorder the generated code reports to (implemented by the document). */
export interface Recorder {
  slot(unit: number, value: string): void;
  keys(items: unknown[]): unknown[];
  /** An array for the inputs of `n` rows of loop `unit` (the matcher fills it row by row). */
  inputs(unit: number, n: number): unknown[];
  /**
   * For one update of loop `unit`: the previous row to reuse for row `i` (item `item`, key `key`), or -1;
   * fills row i's inputs in `inputs`.
   */
  matcher(
    unit: number,
    read: InputReader | null,
  ): (i: number, item: unknown, key: unknown, inputs: unknown[]) => number;
  /** Path `j` of loop `unit`'s inputs below `item`, where the generated reader's quick read does not apply. */
  read(item: unknown, unit: number, j: number): unknown;
  /** `escaped`: bit `s` set when no value of row slot `s` holds `<` or a quote (see emit.ts). */
  loop(unit: number, keys: unknown[], items: unknown[], rows: Rows, inputs: unknown[] | null, escaped: number): void;
  mountLoop(unit: number, items: unknown[], rows: Rows): void;
  /** A loop whose rows have no slots now has `n` rows (at mount and on update). */
  count(unit: number, n: number): void;
}

/** A loop's generated input reader: writes the inputs of `item` to `out[base]...`. */
export type InputReader = (item: unknown, out: unknown[], base: number) => void;

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

/** What a mounted page runs. */
export interface LiveProgram {
  readonly structure: Structure;
  readonly code: LiveCode;
  /** The page's HTML for a context (when it must be sent whole). */
  readonly render: (context: RenderContext) => string;
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

/** A program's data as JSON: the structure without IR nodes, loops referenced by unit inside the tree. */
export interface ProgramData {
  readonly root: unknown;
  readonly slots: unknown;
  readonly loops: unknown;
  readonly units: readonly {
    readonly heads: readonly string[] | null;
    readonly outer: readonly string[] | null;
    readonly positional: boolean;
  }[];
  readonly impure: boolean;
  readonly anchorOf: readonly number[];
  readonly rowPieces: readonly ((string | number)[] | null)[];
  readonly inputs: readonly (readonly (readonly string[])[] | null)[];
}

/** The JSON-able data of `program` (its code is generated separately). */
export function programData(program: LiveProgram): ProgramData {
  const { structure } = program;
  // IR nodes stay on the server (the generated code is what renders them); an item holding a loop
  // names it by unit, so the loop is one object again once read.
  const strip = function (this: unknown, key: string, value: unknown): unknown {
    if ((key === 'nodes' && Array.isArray(value)) || key === 'node' || key === 'cycles') return undefined;
    if (key === 'loop' && (this as Item).k === 'loop') return (value as LLoop).unit;
    return value;
  };
  const json = <T>(v: T): unknown => JSON.parse(JSON.stringify(v, strip));
  const set = (s: ReadonlySet<string> | null): string[] | null => (s === null ? null : [...s]);
  return {
    root: json(structure.root),
    slots: json(structure.slots),
    loops: json(structure.loops),
    units: program.units.map((u) => ({ heads: set(u.heads), outer: set(u.outer), positional: u.positional })),
    impure: program.impure,
    anchorOf: [...program.anchorOf],
    rowPieces: program.rowPieces.map((p) => p ?? null),
    inputs: program.inputs.map((p) => p ?? null),
  };
}

/** Mount's recorder when only the HTML is wanted. */
const discard: Recorder = {
  slot() {},
  keys: (items) => items,
  inputs: () => [],
  matcher: () => () => -1,
  read() {},
  loop() {},
  mountLoop() {},
  count() {},
};

/** The program of `data` and its generated `code` (the browser side of `programData`). */
export function loadProgram(data: ProgramData, code: LiveCode): LiveProgram {
  const loops = data.loops as LLoop[];
  const byUnit = new Map(loops.map((l) => [l.unit, l]));
  const relink = (el: LElement): void => {
    if (el.content.k !== 'items') return;
    const visit = (items: readonly Item[]): void => {
      for (const it of items) {
        if (it.k === 'loop') (it as { loop: LLoop }).loop = byUnit.get(it.loop as unknown as number) as LLoop;
        else if (it.k === 'el') relink(it.el);
        else if (it.k === 'scope') visit(it.items);
      }
    };
    visit(el.content.items);
  };
  const root = data.root as LElement;
  relink(root);
  for (const loop of loops) relink(loop.row);
  const loopOf: LLoop[] = [];
  for (const loop of loops) loopOf[loop.unit] = loop;
  const set = (names: readonly string[] | null): Set<string> | null => (names === null ? null : new Set(names));
  return {
    structure: { root, slots: data.slots as (Slot | null)[], loops },
    code,
    // The mount renders the page exactly as `render` does; its values are thrown away.
    render: (context) => code.mount(context, [], [], discard),
    units: data.units.map((u) => ({ heads: set(u.heads), outer: set(u.outer), positional: u.positional })),
    impure: data.impure,
    loopOf,
    anchorOf: data.anchorOf,
    rowPieces: data.rowPieces.map((p) => p ?? undefined),
    inputs: data.inputs,
    layout: fixedLayout(root),
  };
}
