import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

/** `{% regroup list by key as name %}`: `key` is compiled as `name.key`, evaluated per item. */
export const regroupTag: TagCompiler = (p, token) => {
  const bits = splitContents(token.contents);
  if (bits.length !== 6) throw p.error(token, `'regroup' tag takes five arguments`);
  const target = p.expr(bits[1]!, token);
  if (bits[2] !== 'by') throw p.error(token, `second argument to 'regroup' tag must be 'by'`);
  if (bits[4] !== 'as') throw p.error(token, `next-to-last argument to 'regroup' tag must be 'as'`);
  const asVar = bits[5]!;
  const by = p.expr(`${asVar}.${bits[3]}`, token);
  return { kind: 'regroup', id: 0, loc: p.loc(token), deps: [], target, by, asVar };
};
