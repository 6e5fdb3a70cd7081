/**
 * Django's Context: a stack of frames searched from the top, with `True`, `False` and `None` at the
 * bottom, plus the render context (per-render state of `{% cycle %}` nodes).
 */
import { lookupPath, MISSING } from '@tessera/runtime';
import type { CycleNode, Template } from '@tessera/template';

const BUILTINS = new Map<string, unknown>([
  ['True', true],
  ['False', false],
  ['None', null],
]);

type Frame = Map<string, unknown>;

export class Context {
  readonly #frames: Frame[];
  /** The caller's context object: only its own enumerable properties are visible. */
  readonly #root: Record<string, unknown>;
  autoescape: boolean;
  /**
   * Django's render context: cycle positions (by state id) and `{% ifchanged %}` outside loops (by
   * negative node id). Each template render, including each `{% include %}`, gets a fresh one.
   */
  state: Map<number, unknown>;
  template: Template;
  /**
   * Cycles whose position is the enclosing loop's `forloop.counter0` (each renders once per iteration
   * and nothing else advances them): a renderer that re-renders single iterations marks them so the
   * position does not depend on render order. Empty for a plain top-to-bottom render.
   */
  positionalCycles: { has(node: CycleNode): boolean } = new WeakSet<CycleNode>();
  /** Templates being rendered out of line around this point (see `MAX_INCLUDE_DEPTH`). */
  depth = 0;

  constructor(template: Template, root: Record<string, unknown>, autoescape: boolean) {
    this.template = template;
    this.#root = root;
    this.#frames = [new Map()];
    this.autoescape = autoescape;
    this.state = new Map();
  }

  /** Looks a name up from the top frame down; MISSING when no frame has it. */
  get(name: string): unknown {
    for (let i = this.#frames.length - 1; i >= 0; i--) {
      const frame = this.#frames[i]!;
      if (frame.has(name)) return frame.get(name);
    }
    if (Object.prototype.propertyIsEnumerable.call(this.#root, name)) return this.#root[name];
    return BUILTINS.has(name) ? BUILTINS.get(name) : MISSING;
  }

  /** Resolves a dotted path (`user.name`), or MISSING when a step fails. */
  resolve(path: readonly string[]): unknown {
    const root = this.get(path[0]!);
    return root === MISSING ? MISSING : lookupPath(root, path, 1);
  }

  /** Django's `context[name] = value`: sets in the top frame. */
  set(name: string, value: unknown): void {
    this.#frames[this.#frames.length - 1]!.set(name, value);
  }

  /** Django's `set_upward`: sets where the name already lives, else in the top frame. */
  setUpward(name: string, value: unknown): void {
    for (let i = this.#frames.length - 1; i >= 0; i--) {
      const frame = this.#frames[i]!;
      if (frame.has(name)) {
        frame.set(name, value);
        return;
      }
    }
    // The bottom frame stands for the caller's dict, which Django would write into.
    if (Object.prototype.propertyIsEnumerable.call(this.#root, name)) this.#frames[0]!.set(name, value);
    else this.set(name, value);
  }

  push(values?: Iterable<[string, unknown]>): void {
    this.#frames.push(new Map(values));
  }

  pop(): void {
    this.#frames.pop();
  }

  /** Every visible name and its value, innermost last (for `{% debug %}`). */
  flatten(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...Object.fromEntries(BUILTINS), ...this.#root };
    for (const frame of this.#frames) for (const [k, v] of frame) out[k] = v;
    return out;
  }

  /** A context for `{% include ... only %}`: none of the names, same autoescape. */
  isolated(): Context {
    const inner = new Context(this.template, {}, this.autoescape);
    inner.depth = this.depth;
    return inner;
  }
}
