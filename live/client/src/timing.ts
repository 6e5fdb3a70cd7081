/**
 * Client-side pacing of events, as `@debounce` and `@throttle` ask. Keyed by handler name: only the
 * last call of a burst survives a debounce; a throttle sends the first call at once and the last one
 * of each window when the window ends.
 */
import type { HandlerMeta } from '@tessera/live-protocol';

type Timer = ReturnType<typeof setTimeout>;

/** Paces calls per handler. */
export class Pacer {
  #debounced = new Map<string, { timer: Timer; send: () => void }>();
  #throttled = new Map<string, { last: number; timer: Timer | null; send: (() => void) | null }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Sends now or later, according to `meta`. */
  schedule(name: string, meta: HandlerMeta | undefined, send: () => void): void {
    if (meta?.debounce !== undefined) {
      const previous = this.#debounced.get(name);
      if (previous) clearTimeout(previous.timer);
      const timer = setTimeout(() => {
        this.#debounced.delete(name);
        send();
      }, meta.debounce);
      this.#debounced.set(name, { timer, send });
      return;
    }
    if (meta?.throttle !== undefined) {
      const wait = meta.throttle;
      const entry = this.#throttled.get(name) ?? { last: -Infinity, timer: null, send: null };
      this.#throttled.set(name, entry);
      const since = this.now() - entry.last;
      if (since >= wait && entry.timer === null) {
        entry.last = this.now();
        send();
        return;
      }
      entry.send = send;
      entry.timer ??= setTimeout(
        () => {
          entry.timer = null;
          entry.last = this.now();
          const trailing = entry.send;
          entry.send = null;
          trailing?.();
        },
        Math.max(0, wait - since),
      );
      return;
    }
    send();
  }

  /** Drops every waiting call. */
  cancel(): void {
    for (const { timer } of this.#debounced.values()) clearTimeout(timer);
    for (const { timer } of this.#throttled.values()) if (timer) clearTimeout(timer);
    this.#debounced.clear();
    this.#throttled.clear();
  }
}
