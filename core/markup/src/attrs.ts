import { decodeHTMLAttribute } from 'entities';

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\f' || c === '\r';

/** `s` with ASCII upper-case letters lowered: the HTML parser lowers tag and attribute names in ASCII only. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** An attribute as the DOM holds it: lower-cased name, decoded value. */
export type Attr = readonly [name: string, value: string];

/**
 * Reads the attributes of one complete start tag (`<a href="x" hidden>`) as the HTML parser does:
 * names lower-cased, values decoded, a repeated name ignored. Returns null when `raw` is not exactly
 * one start tag (a rendered value closed the tag early, say).
 */
export function readStartTag(raw: string): Attr[] | null {
  let i = 1;
  while (i < raw.length && !isSpace(raw[i]) && raw[i] !== '/' && raw[i] !== '>') i++;
  const attrs: Attr[] = [];
  const seen = new Set<string>();
  for (;;) {
    while (isSpace(raw[i]) || raw[i] === '/') i++;
    if (i >= raw.length) return null;
    if (raw[i] === '>') return i === raw.length - 1 ? attrs : null;
    const start = i;
    i++;
    while (i < raw.length && !isSpace(raw[i]) && raw[i] !== '/' && raw[i] !== '>' && raw[i] !== '=') i++;
    const name = asciiLower(raw.slice(start, i));
    while (isSpace(raw[i])) i++;
    let value = '';
    if (raw[i] === '=') {
      i++;
      while (isSpace(raw[i])) i++;
      const q = raw[i];
      if (q === '"' || q === "'") {
        const end = raw.indexOf(q, i + 1);
        if (end < 0) return null;
        value = raw.slice(i + 1, end);
        i = end + 1;
      } else {
        const from = i;
        while (i < raw.length && !isSpace(raw[i]) && raw[i] !== '>') i++;
        value = raw.slice(from, i);
      }
    }
    if (!seen.has(name)) {
      seen.add(name);
      attrs.push([name, decodeHTMLAttribute(value)]);
    }
  }
}
