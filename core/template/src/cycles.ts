/**
 * Which `{% cycle %}` nodes advance one shared state, and which state each `{% resetcycle %}` resets.
 * `{% cycle a b as row %}` owns a state; a later `{% cycle row %}` is a copy of that node (with its own
 * location) that advances the same state; `{% resetcycle row %}` resets it.
 *
 * This is kept beside the tree, not in it, because the IR is plain JSON and `finalize` numbers the
 * states only once the page is resolved. One instance belongs to a compile environment: its parsers
 * record the links while parsing and `finalize` reads them; keys are the parsed nodes, which `resolve`
 * passes through unchanged.
 */
import type { CycleNode, ResetCycleNode } from './ir.js';

/** The cycle-state links of every template parsed in one compile environment. */
export class CycleStates {
  readonly #origins = new Map<CycleNode, CycleNode>();
  readonly #resets = new Map<ResetCycleNode, CycleNode>();

  /** `{% cycle name %}`: `ref` advances the state of the named cycle `named`. */
  share(ref: CycleNode, named: CycleNode): void {
    this.#origins.set(ref, this.origin(named));
  }

  /** The cycle that owns `node`'s state: the named cycle it refers to, or `node` itself. */
  origin(node: CycleNode): CycleNode {
    return this.#origins.get(node) ?? node;
  }

  /** `{% resetcycle %}`: `node` resets the state of `target`. */
  reset(node: ResetCycleNode, target: CycleNode): void {
    this.#resets.set(node, this.origin(target));
  }

  /** The cycles (state owners) that `node` resets. */
  resetTargets(node: ResetCycleNode): CycleNode[] {
    const target = this.#resets.get(node);
    return target ? [target] : [];
  }
}
