/**
 * Per-position state of the generator: which context level is current, whether autoescape is on,
 * which buffer variable receives output, and where per-template or per-loop state is reset.
 */
import type { Scope } from './scope.js';
import type { Slot } from './writer.js';

/** Declarations hoisted to the top of one generated function (`let cy3 = 0;`). */
export class FunctionState {
  /** `let` statements for the top of the function, in declaration order. */
  readonly declarations: string[] = [];
  readonly #declared = new Set<string>();
  /**
   * In a bytes function: its output variable and the `ResponseBuffer` that variable is flushed into
   * (`null` in string functions).
   */
  sink: { readonly buf: string; readonly writer: string } | null = null;

  /** Declares `name` once with `init`; returns whether this call declared it. */
  declare(name: string, init: string): boolean {
    if (this.#declared.has(name)) return false;
    this.#declared.add(name);
    this.declarations.push(`let ${name} = ${init};`);
    return true;
  }

  /** Declares a scratch variable that an inline expression assigns before reading (`let t9;`). */
  temp(name: string): string {
    this.#declared.add(name);
    this.declarations.push(`let ${name};`);
    return name;
  }
}

/** Where generation currently is. Immutable: nested constructs derive a new frame. */
export interface Frame {
  readonly scope: Scope;
  readonly autoescape: boolean;
  /** JS variable receiving output. */
  readonly buf: string;
  readonly fn: FunctionState;
  /**
   * Django keeps cycle positions in the render context, which every `{% include %}` isolates: cycle
   * state is reset where the innermost include starts (`null`: the function's own start).
   */
  readonly cycleReset: Slot | null;
  /**
   * `{% ifchanged %}` keeps its last value in the innermost `forloop`, or in the render context outside
   * loops: reset where that loop (or include) starts.
   */
  readonly ifchangedReset: Slot | null;
  readonly inLoop: boolean;
}
