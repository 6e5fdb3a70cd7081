/**
 * The event ledger of one view: which event refs it has answered, so an event a client sends again (it
 * never saw the answer: the socket dropped, or the process that had the view died) is answered again
 * instead of being applied twice. It is stored with the view's state, in the same write, so a process
 * that takes the view over knows exactly which events the state already contains.
 *
 * A client numbers its events 1, 2, 3, ... for the life of its page. The ledger keeps the outcome of the
 * last `limit` refs; a ref below every kept one (`floor`) is an old event and counts as answered too.
 */
import { isCount } from '@tessera/live-protocol';

/** How an event was answered: applied (`ok`, with or without a change), or refused with `error`. */
export type Outcome = { readonly ok: true } | { readonly error: string };

/** The ledger as stored: kept refs with their outcomes, and the largest ref dropped from it (-1: none). */
export interface LedgerJson {
  readonly floor: number;
  readonly refs: readonly (readonly [number, string | null])[];
}

/** Answered event refs of one view, at most `limit` kept. */
export class EventLedger {
  /** The largest ref dropped from the ledger; -1 while none was. */
  #floor = -1;
  readonly #refs = new Map<number, Outcome>();

  constructor(readonly limit: number) {}

  /** The outcome of `ref` when it was answered before, else undefined. */
  seen(ref: number): Outcome | undefined {
    const kept = this.#refs.get(ref);
    if (kept) return kept;
    return ref <= this.#floor ? { ok: true } : undefined;
  }

  /** Records the answer to `ref`, dropping the oldest refs past the limit. */
  record(ref: number, outcome: Outcome): void {
    this.#refs.set(ref, outcome);
    while (this.#refs.size > this.limit) {
      const oldest = Math.min(...this.#refs.keys());
      this.#refs.delete(oldest);
      this.#floor = Math.max(this.#floor, oldest);
    }
  }

  toJSON(): LedgerJson {
    return {
      floor: this.#floor,
      refs: [...this.#refs].map(([ref, outcome]) => [ref, 'error' in outcome ? outcome.error : null] as const),
    };
  }

  /** A ledger from its stored form; null when `json` is not one (a corrupt or foreign record). */
  static from(json: unknown, limit: number): EventLedger | null {
    if (typeof json !== 'object' || json === null) return null;
    const { floor, refs } = json as Record<string, unknown>;
    if (!(floor === -1 || isCount(floor)) || !Array.isArray(refs)) return null;
    const ledger = new EventLedger(limit);
    ledger.#floor = floor;
    for (const entry of refs) {
      if (!Array.isArray(entry) || entry.length !== 2 || !isCount(entry[0])) return null;
      const error = entry[1];
      if (error !== null && typeof error !== 'string') return null;
      ledger.record(entry[0], error === null ? { ok: true } : { error });
    }
    return ledger;
  }
}
