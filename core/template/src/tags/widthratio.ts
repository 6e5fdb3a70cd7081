import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

/** `{% widthratio value max width [as name] %}` */
export const widthratioTag: TagCompiler = (p, token) => {
  const bits = splitContents(token.contents);
  let asVar: string | null = null;
  if (bits.length === 6) {
    if (bits[4] !== 'as') throw p.error(token, `Invalid syntax in widthratio tag. Expecting 'as' keyword`);
    asVar = bits[5]!;
  } else if (bits.length !== 4) {
    throw p.error(token, 'widthratio takes at least three arguments');
  }
  return {
    kind: 'widthratio',
    id: 0,
    loc: p.loc(token),
    deps: [],
    value: p.expr(bits[1]!, token),
    max: p.expr(bits[2]!, token),
    width: p.expr(bits[3]!, token),
    asVar,
  };
};
