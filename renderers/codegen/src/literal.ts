/**
 * The only way template-derived text enters generated source: as a JSON string literal.
 *
 * `JSON.stringify` escapes quotes, backslashes and control characters; U+2028 and U+2029 are legal in
 * JSON strings and in ES2019 string literals, but older tools and `//` comments treat them as line
 * breaks, so they are escaped too. The result can be pasted into any expression or comment position.
 */
export function jsString(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A finite JS number as source text (`-0` kept as `-0`); non-finite numbers as their global names. */
export function jsNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return Object.is(n, -0) ? '-0' : String(n);
}
