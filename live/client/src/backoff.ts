/**
 * Reconnect delays: exponential backoff with full jitter (a uniform draw in [0, min(cap, base * 2^attempt))),
 * which spreads a crowd of clients reconnecting to a restarted server.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
