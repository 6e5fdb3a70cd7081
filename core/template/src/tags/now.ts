import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

/** `{% now "format" [as name] %}` */
export const nowTag: TagCompiler = (p, token) => {
  let bits = splitContents(token.contents);
  let asVar: string | null = null;
  if (bits.length === 4 && bits[2] === 'as') {
    asVar = bits[3]!;
    bits = bits.slice(0, 2);
  }
  if (bits.length !== 2) throw p.error(token, `'now' statement takes one argument`);
  return { kind: 'now', id: 0, loc: p.loc(token), deps: [], format: bits[1]!.slice(1, -1), asVar };
};
