import type { Node } from '../ir.js';
import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

/** `{% for a[, b] in seq [reversed] %}...{% empty %}...{% endfor %}` */
export const forTag: TagCompiler = (p, token) => {
  const bits = splitContents(token.contents);
  if (bits.length < 4) throw p.error(token, `'for' statements should have at least four words: ${token.contents}`);
  const reversed = bits[bits.length - 1] === 'reversed';
  const inIndex = bits.length + (reversed ? -3 : -2);
  if (bits[inIndex] !== 'in')
    throw p.error(token, `'for' statements should use the format 'for x in y': ${token.contents}`);
  const targets = bits.slice(1, inIndex).join(' ').split(/ *, */);
  for (const t of targets) {
    if (!t || /[ "'|]/.test(t)) throw p.error(token, `'for' tag received an invalid argument: ${token.contents}`);
  }
  const iterable = p.expr(bits[inIndex + 1]!, token);
  const body = p.parse(['empty', 'endfor']);
  let empty: Node[] | null = null;
  // As Django: only a bare `{% empty %}` opens the empty branch; any other stop token is consumed.
  if (p.nextToken().contents === 'empty') {
    empty = p.parse(['endfor']);
    p.nextToken();
  }
  return {
    kind: 'for',
    id: 0,
    loc: p.loc(token),
    deps: [],
    targets,
    iterable,
    reversed,
    body,
    empty,
    usesForloop: false,
  };
};
