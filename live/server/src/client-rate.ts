/**
 * A token bucket per client key (an address), for requests that are not tied to a socket. The table is
 * bounded: past `maxClients` keys the least recently seen one is forgotten, which only ever gives that
 * client a fresh bucket, never lets the table grow.
 */
import { RateLimiter } from './rate-limit.js';

/** Buckets by client key. */
export class RateLimiters {
  readonly #buckets = new Map<string, RateLimiter>();

  constructor(
    private readonly rate: { readonly perSecond: number; readonly burst: number },
    private readonly maxClients = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token from `key`'s bucket: 0 when allowed, else the seconds to wait before retrying. */
  take(key: string): number {
    let bucket = this.#buckets.get(key);
    if (bucket) this.#buckets.delete(key);
    else bucket = new RateLimiter(this.rate.perSecond, this.rate.burst, this.now);
    // Re-inserting keeps the map in least-recently-seen order.
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.maxClients) this.#buckets.delete(this.#buckets.keys().next().value as string);
    return bucket.take() ? 0 : Math.max(1, Math.ceil(1 / this.rate.perSecond));
  }

  /** How many clients are tracked. */
  get size(): number {
    return this.#buckets.size;
  }
}
