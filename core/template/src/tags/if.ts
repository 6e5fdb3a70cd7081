import type { Cond, IfBranch } from '../ir.js';
import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';
import { parseCondition } from '../smartif.js';

/** `{% if cond %}...{% elif cond %}...{% else %}...{% endif %}` */
export const ifTag: TagCompiler = (p, token) => {
  const branches: IfBranch[] = [];
  let cond: Cond = parseCondition(splitContents(token.contents).slice(1), p, token);
  branches.push({ cond, body: p.parse(['elif', 'else', 'endif']) });
  let next = p.nextToken();
  while (next.contents.startsWith('elif')) {
    cond = parseCondition(splitContents(next.contents).slice(1), p, next);
    branches.push({ cond, body: p.parse(['elif', 'else', 'endif']) });
    next = p.nextToken();
  }
  if (next.contents === 'else') {
    branches.push({ cond: null, body: p.parse(['endif']) });
    next = p.nextToken();
  }
  if (next.contents !== 'endif') throw p.error(next, `Malformed template tag at line ${next.line}: "${next.contents}"`);
  return { kind: 'if', id: 0, loc: p.loc(token), deps: [], branches };
};
