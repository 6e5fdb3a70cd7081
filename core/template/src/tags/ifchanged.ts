import type { Node } from '../ir.js';
import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

/** `{% ifchanged [values] %}...{% else %}...{% endifchanged %}` */
export const ifchangedTag: TagCompiler = (p, token) => {
  const bits = splitContents(token.contents);
  const body = p.parse(['else', 'endifchanged']);
  let otherwise: Node[] | null = null;
  if (p.nextToken().contents === 'else') {
    otherwise = p.parse(['endifchanged']);
    p.nextToken();
  }
  const values = bits.slice(1).map((b) => p.expr(b, token));
  return { kind: 'ifchanged', id: 0, loc: p.loc(token), deps: [], values, body, otherwise };
};
