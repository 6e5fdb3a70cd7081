import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

/** `{% lorem [count] [w|p|b] [random] %}` */
export const loremTag: TagCompiler = (p, token) => {
  const bits = splitContents(token.contents);
  const tag = bits[0];
  const random = bits[bits.length - 1] === 'random';
  if (random) bits.pop();
  let method: 'w' | 'p' | 'b' = 'b';
  const last = bits[bits.length - 1];
  if (last === 'w' || last === 'p' || last === 'b') {
    method = last;
    bits.pop();
  }
  const count = p.expr(bits.length > 1 ? bits.pop()! : '1', token);
  if (bits.length !== 1) throw p.error(token, `Incorrect format for '${tag}' tag`);
  return { kind: 'lorem', id: 0, loc: p.loc(token), deps: [], count, method, random };
};
