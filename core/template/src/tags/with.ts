import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

/** `{% with a=b c=d %}` or the old `{% with b as a %}`, up to `{% endwith %}`. */
export const withTag: TagCompiler = (p, token) => {
  const bits = splitContents(token.contents);
  const rest = bits.slice(1);
  const assigns = p.kwargs(rest, token, true);
  if (!assigns.length) throw p.error(token, `'${bits[0]}' expected at least one variable assignment`);
  if (rest.length) throw p.error(token, `'${bits[0]}' received an invalid token: '${rest[0]}'`);
  const body = p.parse(['endwith']);
  p.nextToken();
  return { kind: 'with', id: 0, loc: p.loc(token), deps: [], assigns, body };
};
