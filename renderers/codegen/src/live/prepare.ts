/**
 * Preparing a template for the live engine: its slot structure, the generated mount and update
 * functions, and per unit (top-level slot or loop) the context names it reads.
 */
export type { LiveCode, LiveProgram, Recorder, Unit } from './program.js';
import {
  depsOf,
  fixedLayout,
  flat,
  headOf,
  rowPieces,
  StructureBuilder,
  type LElement,
  type LLoop,
} from '@tessera/markup';
import type { Node } from '@tessera/template';
import { Generator, type GeneratedImports } from '../generator.js';
import { codegenHelpers, factoryOf, renderFunction } from '../prepare.js';
import type { CodegenTemplate } from '../template.js';
import { liveSource } from './emit.js';
import type { LiveCode, LiveProgram, Unit } from './program.js';

/** A template prepared for the live engine: its program, and what only the server has. */
export interface LivePrepared extends LiveProgram {
  readonly template: CodegenTemplate;
  /** The generated JavaScript. */
  readonly source: string;
  /** What the generated code reads from outside (helpers, filters, tags). */
  readonly imports: GeneratedImports;
}

const cache = new WeakMap<CodegenTemplate, LivePrepared>();

/** Analyses and compiles `template` for the live engine (cached per Template). */
export function prepareLive(template: CodegenTemplate): LivePrepared {
  const known = cache.get(template);
  if (known !== undefined) return known;
  const structure = new StructureBuilder().build(template.ir.body);
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
  const generator = new Generator(template);
  const source = liveSource(generator, structure, inputs);
  const code = factoryOf(source)(codegenHelpers(), template) as unknown as LiveCode;
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
    imports: generator.imports,
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
