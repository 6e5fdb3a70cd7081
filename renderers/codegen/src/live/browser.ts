/**
 * The browser runtime of generated view modules (`viewModule`): the helpers generated code may call
 * and the live document that diffs slot values into patches. It imports no generator, parser or
 * template compiler. Built-in filters come from `@tessera/runtime/filters/<group>`, imported by a
 * view module only for the groups its code uses.
 */
export * from '../portable-helpers.js';
import { pyError, renderValueWith, type FilterSpec, type RuntimeOptions } from '@tessera/runtime';
import { outputsWith, type Outputs } from '../helpers.js';
import type { RenderContext } from '@tessera/template';
import { CompiledDocument } from './document.js';
import { loadProgram, type LiveCode, type ProgramData } from './program.js';

/**
 * `{{ v }}` printers for the browser. A view's context there is decoded from JSON, so it holds no Date;
 * one that does anyway is refused (the local render fails and the client recovers as from a refused
 * patch) rather than printed without Django's date format, which stays on the server with its zone tables.
 */
export function outputs(options: RuntimeOptions): Outputs {
  return outputsWith(options, (v, autoescape, o) =>
    renderValueWith(v, autoescape, o, () => {
      throw pyError('TypeError', 'a Date in a view rendered in the browser (its context comes from JSON)');
    }),
  );
}

/** What generated code reads from its template in the browser: runtime options and its filters. */
export interface ViewTemplate {
  readonly options: { readonly runtime: RuntimeOptions };
  filter(name: string): FilterSpec | undefined;
}

/** The template a view module's code runs against: the browser clock, the server's time zone. */
export function viewTemplate(
  timezone: string,
  filters: Readonly<Record<string, FilterSpec | undefined>>,
): ViewTemplate {
  const runtime: RuntimeOptions = { now: () => new Date(), timezone };
  return { options: { runtime }, filter: (name) => filters[name] };
}

/** Mounts a view module's program: `mount(context)` of the module. */
export function mountView(data: ProgramData, code: LiveCode): (context: RenderContext) => CompiledDocument {
  const program = loadProgram(data, code);
  return (context) => new CompiledDocument(program, context);
}
