/**
 * Django's `smart_split` and `Token.split_contents`: split tag contents on whitespace, keeping quoted
 * strings (with backslash escapes) and `_("...")` together.
 */

const SMART_SPLIT_RE = /((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^\s'"]*)+)|\S+)/gu;

/** The bits of a tag, as Django's `token.split_contents()` returns them (the tag name first). */
export function splitContents(contents: string): string[] {
  const bits = contents.match(SMART_SPLIT_RE) ?? [];
  const out: string[] = [];
  for (let i = 0; i < bits.length; i++) {
    let bit = bits[i]!;
    if (bit.startsWith('_("') || bit.startsWith("_('")) {
      const sentinel = `${bit[2]})`;
      const parts = [bit];
      while (!bit.endsWith(sentinel) && i + 1 < bits.length) {
        bit = bits[++i]!;
        parts.push(bit);
      }
      bit = parts.join(' ');
    }
    out.push(bit);
  }
  return out;
}
