/**
 * Django's semantics for the filters of the `filtered` scenario, for peers that lack them. Each is
 * exact for the fixture data (ASCII names, prices with two decimals); the report names the engines that
 * use them.
 */

/** `truncatechars:n`: longer text keeps n-1 characters and an ellipsis. */
export function truncatechars(value: unknown, length: unknown): string {
  const text = String(value);
  const n = Number(length);
  const chars = Array.from(text);
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}\u2026`;
}

/** `floatformat:n` for positive n. */
export function floatformat(value: unknown, digits: unknown): string {
  return Number(value).toFixed(Number(digits));
}
