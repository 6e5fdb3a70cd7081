import { MISSING, lookupPath } from '@tessera/runtime';
import type { Template } from '@tessera/template';

const BUILTINS = new Map<string, unknown>([
  ['True', true],
  ['False', false],
  ['None', null],
]);

/**
 * Django's Context: frames searched from the top, the caller's context object below them (own
 * enumerable properties only) and `True`/`False`/`None` at the bottom; plus the render state that
 * Django keeps in `render_context` (cycle positions, `{% ifchanged %}` outside loops).
 */
export class Context {
  readonly #frames: Map<string, unknown>[] = [new Map()];
  readonly #root: Record<string, unknown>;
  /** Django's `context.autoescape`, switched by `{% autoescape %}`. */
  autoescape: boolean;
  /**
   * Django's render context: cycle positions (by state id) and `{% ifchanged %}` outside loops (by
   * negative node id). Each template render, including each `{% include %}`, gets a fresh one.
   */
  state: Map<number, unknown> = new Map();
  /** The template whose filters, tags and loader apply (changes inside dynamic includes). */
  template: Template;

  constructor(template: Template, root: Record<string, unknown>, autoescape: boolean) {
    this.template = template;
    this.#root = root;
    this.autoescape = autoescape;
  }

  /** The value bound to `name`, or MISSING. */
  get(name: string): unknown {
    for (let i = this.#frames.length - 1; i >= 0; i--) {
      const frame = this.#frames[i] as Map<string, unknown>;
      if (frame.has(name)) return frame.get(name);
    }
    if (Object.prototype.propertyIsEnumerable.call(this.#root, name)) return this.#root[name];
    return BUILTINS.has(name) ? BUILTINS.get(name) : MISSING;
  }

  /** Resolves a dotted path (`user.name`), or MISSING when a step fails. */
  resolve(path: readonly string[]): unknown {
    const root = this.get(path[0] as string);
    return root === MISSING ? MISSING : lookupPath(root, path, 1);
  }

  /** Django's `context[name] = value`: sets in the top frame. */
  set(name: string, value: unknown): void {
    (this.#frames[this.#frames.length - 1] as Map<string, unknown>).set(name, value);
  }

  /** Django's `set_upward`: where the name already lives, else the top frame. */
  setUpward(name: string, value: unknown): void {
    for (let i = this.#frames.length - 1; i >= 0; i--) {
      const frame = this.#frames[i] as Map<string, unknown>;
      if (frame.has(name)) {
        frame.set(name, value);
        return;
      }
    }
    this.set(name, value);
  }

  push(values?: Iterable<[string, unknown]>): void {
    this.#frames.push(new Map(values));
  }

  pop(): void {
    this.#frames.pop();
  }

  /** Every visible name and its value (for `{% debug %}`). */
  flatten(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...Object.fromEntries(BUILTINS), ...this.#root };
    for (const frame of this.#frames) for (const [k, v] of frame) out[k] = v;
    return out;
  }

  /** The context `{% include ... only %}` renders with: no names, same autoescape. */
  isolated(): Context {
    return new Context(this.template, {}, this.autoescape);
  }
}
