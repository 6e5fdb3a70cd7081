/**
 * The limits one socket lives under, in one place so `Connection` only asks and acts: the message rate,
 * the backlog of messages waiting for the view, the server-side floor under `@debounce`/`@throttle`,
 * the budget of error replies and the run of malformed frames after which the socket is closed.
 */
import type { ClientMessage, HandlerMeta } from '@tessera/live-protocol';
import { RateLimiter } from './rate-limit.js';

/** Per-socket limits (see LiveServerOptions for each one's meaning and default). */
export interface SocketLimits {
  readonly rate: { readonly perSecond: number; readonly burst: number };
  readonly errorRate: { readonly perSecond: number; readonly burst: number };
  readonly maxPendingEvents: number;
  readonly maxBadFrames: number;
  readonly maxBufferedBytes: number;
  readonly mountTimeoutMs: number;
  readonly pacingFloor: number;
}

/** Why a well-formed message is refused before it reaches the view, or null when it may go on. */
export type Refusal = { readonly code: 'rate_limited' | 'unknown_event'; readonly message: string } | null;

/** The bookkeeping of one socket's limits. */
export class SocketGuard {
  readonly #messages: RateLimiter;
  readonly #errors: RateLimiter;
  #pending = 0;
  #badFrames = 0;
  /** When each paced handler last had an event admitted. */
  readonly #lastPaced = new Map<string, number>();

  constructor(
    readonly limits: SocketLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.#messages = new RateLimiter(limits.rate.perSecond, limits.rate.burst, now);
    this.#errors = new RateLimiter(limits.errorRate.perSecond, limits.errorRate.burst, now);
  }

  /** A malformed frame; true when the socket has sent too many in a row and must be closed. */
  badFrame(): boolean {
    this.#badFrames += 1;
    return this.#badFrames >= this.limits.maxBadFrames;
  }

  /**
   * Whether a parsed message may be queued. `handlers` are the mounted view's (null before the mount);
   * `ping` is only rate-limited, since it is answered at once.
   */
  admit(message: ClientMessage, handlers: ReadonlyMap<string, HandlerMeta> | null): Refusal {
    this.#badFrames = 0;
    if (!this.#messages.take()) return { code: 'rate_limited', message: 'too many messages' };
    if (message.t === 'ping') return null;
    if (this.#pending >= this.limits.maxPendingEvents)
      return { code: 'rate_limited', message: 'too many messages waiting' };
    if (message.t !== 'event' || handlers === null) return null;
    const meta = handlers.get(message.name);
    if (meta === undefined) return { code: 'unknown_event', message: `no @event handler "${message.name}"` };
    const interval = Math.max(meta.debounce ?? 0, meta.throttle ?? 0) * this.limits.pacingFloor;
    if (interval > 0) {
      const now = this.now();
      const last = this.#lastPaced.get(message.name);
      if (last !== undefined && now - last < interval)
        return { code: 'rate_limited', message: `"${message.name}" is paced` };
      this.#lastPaced.set(message.name, now);
    }
    return null;
  }

  /** A message was queued for the view. */
  queued(): void {
    this.#pending += 1;
  }

  /** A queued message was handled. */
  handled(): void {
    this.#pending -= 1;
  }

  /** Takes one error reply from the budget; false when the socket has used it up and must be closed. */
  errorAllowed(): boolean {
    return this.#errors.take();
  }
}
