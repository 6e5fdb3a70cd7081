import type { Assign, Expr } from '../ir.js';
import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

const KWARG_RE = /^(?:([\p{L}\p{N}_]+)=)?(.+)$/su;

/** `{% url "name" arg key=value [as var] %}`, resolved by the `url` compile option. */
export const urlTag: TagCompiler = (p, token) => {
  let bits = splitContents(token.contents);
  if (bits.length < 2) throw p.error(token, `'${bits[0]}' takes at least one argument, a URL pattern name.`);
  const viewName = p.expr(bits[1]!, token);
  bits = bits.slice(2);
  let asVar: string | null = null;
  if (bits.length >= 2 && bits[bits.length - 2] === 'as') {
    asVar = bits[bits.length - 1]!;
    bits = bits.slice(0, -2);
  }
  const args: Expr[] = [];
  const kwargs: Assign[] = [];
  for (const bit of bits) {
    const m = KWARG_RE.exec(bit);
    if (!m) throw p.error(token, 'Malformed arguments to url tag');
    const value = p.expr(m[2]!, token);
    if (m[1]) {
      const i = kwargs.findIndex((k) => k.name === m[1]);
      if (i >= 0) kwargs[i] = { name: m[1], value };
      else kwargs.push({ name: m[1], value });
    } else args.push(value);
  }
  return { kind: 'url', id: 0, loc: p.loc(token), deps: [], viewName, args, kwargs, asVar };
};
