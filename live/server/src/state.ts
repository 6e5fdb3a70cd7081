/**
 * Change detection over a view's fields. Each top-level field is kept as its JSON text; a field
 * changed when its text differs. Changed values are handed to the renderer as fresh copies and
 * unchanged ones by their previous reference, which is what a renderer that skips unchanged regions
 * by identity needs.
 */
import { jsonProblem, type JsonObject } from '@tessera/live-protocol';

/** The rendered state of a view: own enumerable fields whose names do not start with `_`. */
function stateKeys(view: object): string[] {
  return Object.keys(view).filter((key) => !key.startsWith('_'));
}

/** Tracks the last committed state of one view. */
export class StateTracker {
  #text = new Map<string, string>();
  #values: Record<string, unknown> = {};
  #previous: { text: Map<string, string>; values: Record<string, unknown> } | null = null;

  constructor(private readonly view: object) {}

  /** The committed state, as the renderer saw it last. */
  get context(): Record<string, unknown> {
    return this.#values;
  }

  /**
   * Compares the view's fields with the committed state and commits them. Returns the changed
   * top-level keys with their new values (removed fields map to `undefined`), or null when nothing changed.
   * Throws a TypeError naming the field when a field is not JSON.
   */
  commit(): Record<string, unknown> | null {
    const fields = this.view as Record<string, unknown>;
    const keys = stateKeys(this.view);
    const changes: Record<string, unknown> = {};
    let changed = false;
    const next = new Map<string, string>();
    for (const key of keys) {
      const problem = jsonProblem(fields[key]);
      if (problem !== null) throw new TypeError(`state field "${key}" of ${this.view.constructor.name} is ${problem}`);
      const text = JSON.stringify(fields[key]);
      next.set(key, text);
      if (this.#text.get(key) !== text) {
        changes[key] = JSON.parse(text) as unknown;
        changed = true;
      }
    }
    for (const key of this.#text.keys()) {
      if (!next.has(key)) {
        changes[key] = undefined;
        changed = true;
      }
    }
    if (!changed) return null;
    this.#previous = { text: this.#text, values: this.#values };
    this.#text = next;
    const values: Record<string, unknown> = {};
    for (const key of keys) values[key] = Object.hasOwn(changes, key) ? changes[key] : this.#values[key];
    this.#values = values;
    return changes;
  }

  /** Puts the view's fields back to the committed state (after a handler threw). */
  restore(): void {
    const fields = this.view as Record<string, unknown>;
    for (const key of stateKeys(this.view)) {
      if (!this.#text.has(key)) delete fields[key];
    }
    for (const [key, text] of this.#text) fields[key] = JSON.parse(text) as unknown;
  }

  /** Undoes the last commit and puts the view's fields back to the state before it (its render failed). */
  revert(): void {
    if (this.#previous) {
      this.#text = this.#previous.text;
      this.#values = this.#previous.values;
      this.#previous = null;
    }
    this.restore();
  }

  /** Size of the committed state as JSON (bytes of its fields' names and values). */
  bytes(): number {
    let total = 2;
    for (const [key, text] of this.#text) total += Buffer.byteLength(key) + Buffer.byteLength(text) + 4;
    return total;
  }

  /** The committed state without the given keys, as JSON for the wire. */
  json(except: readonly string[] = []): JsonObject {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.#values)) if (!except.includes(key)) out[key] = value;
    return out as JsonObject;
  }
}
