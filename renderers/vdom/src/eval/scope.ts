import { MISSING, lookupPath } from '@tessera/runtime';

/** Names every Django context holds below the user's frames. */
const BUILTINS: Readonly<Record<string, unknown>> = { True: true, False: false, None: null };

/**
 * Django's Context: a stack of frames searched from the top. Tags that bind names (`for`, `with`,
 * `include ... with`) push a frame; `as name` stores into the top frame. Frames are plain objects so a
 * lookup goes through the runtime's `lookup`, which calls callables and guards JS internals.
 */
export class Scope {
  private constructor(
    private readonly frames: Record<string, unknown>[],
    /** Django's `context.autoescape`. */
    readonly autoescape: boolean,
  ) {}

  /** A context holding `values`, as `Context(values)`. */
  static root(values: Record<string, unknown>, autoescape = true): Scope {
    return new Scope([values], autoescape);
  }

  /** `{% include ... only %}`: a fresh stack holding only `values`, same autoescape. */
  isolated(values: Record<string, unknown>): Scope {
    return new Scope([values], this.autoescape);
  }

  /** A child context with one more frame on top. */
  push(values: Record<string, unknown> = {}): Scope {
    return new Scope([...this.frames, values], this.autoescape);
  }

  /** The same stack with autoescape switched, for `{% autoescape on|off %}`. */
  withAutoescape(on: boolean): Scope {
    return on === this.autoescape ? this : new Scope(this.frames, on);
  }

  /** Django's `context[name] = value`: stores into the top frame. */
  set(name: string, value: unknown): void {
    (this.frames[this.frames.length - 1] as Record<string, unknown>)[name] = value;
  }

  /** Django's `context.set_upward`: the nearest frame that has `name`, else the top one. */
  setUpward(name: string, value: unknown): void {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i] as Record<string, unknown>;
      if (Object.hasOwn(frame, name)) {
        frame[name] = value;
        return;
      }
    }
    this.set(name, value);
  }

  /** Whether `name` is bound in some frame (Django's `name in context`). */
  has(name: string): boolean {
    return this.frameOf(name) !== undefined;
  }

  private frameOf(name: string): Record<string, unknown> | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i] as Record<string, unknown>;
      if (Object.hasOwn(frame, name)) return frame;
    }
    return undefined;
  }

  /** Resolves a dotted variable path; MISSING when any step fails (Django's VariableDoesNotExist). */
  resolve(path: readonly string[]): unknown {
    const name = path[0] as string;
    const frame = this.frameOf(name) ?? (Object.hasOwn(BUILTINS, name) ? BUILTINS : undefined);
    return frame === undefined ? MISSING : lookupPath(frame, path);
  }
}
