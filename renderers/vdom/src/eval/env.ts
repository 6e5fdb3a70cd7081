import type { FilterSpec, RuntimeOptions } from '@tessera/runtime';
import type { Template } from '@tessera/template';

/**
 * Per-render state Django keeps in `context.render_context`: cycle positions. A new table is used
 * for each included template, as Django isolates render_context per template.
 */
export class RenderState {
  private readonly cycles = new Map<number, number>();

  /** The position of cycle `state` to use now; advances it. */
  nextCycle(state: number, length: number): number {
    const at = this.cycles.get(state) ?? 0;
    this.cycles.set(state, (at + 1) % length);
    return at;
  }

  /** `{% resetcycle %}` */
  resetCycle(state: number): void {
    this.cycles.delete(state);
  }
}

/** What evaluation needs besides the context: the template (filters, tags, loader) and settings. */
export interface EvalEnv {
  readonly template: Template;
  readonly options: RuntimeOptions;
  readonly state: RenderState;
  /** Resolved filters by name, shared by every render of one prepared template. */
  readonly filters: Map<string, FilterSpec>;
}

/** An Error whose `name` is the Python or Django class name, as the contract asks of render errors. */
export function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
