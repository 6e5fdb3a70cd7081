import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

/** `{% firstof a b "fallback" [as name] %}` */
export const firstofTag: TagCompiler = (p, token) => {
  let bits = splitContents(token.contents).slice(1);
  if (!bits.length) throw p.error(token, `'firstof' statement requires at least one argument`);
  let asVar: string | null = null;
  if (bits.length >= 2 && bits[bits.length - 2] === 'as') {
    asVar = bits[bits.length - 1]!;
    bits = bits.slice(0, -2);
  }
  return { kind: 'firstof', id: 0, loc: p.loc(token), deps: [], values: bits.map((b) => p.expr(b, token)), asVar };
};
