import type { TagCompiler } from '../parser.js';

/** `{% autoescape on|off %}...{% endautoescape %}` */
export const autoescapeTag: TagCompiler = (p, token) => {
  const args = token.contents.split(/\s+/u);
  if (args.length !== 2) throw p.error(token, `'autoescape' tag requires exactly one argument.`);
  if (args[1] !== 'on' && args[1] !== 'off') throw p.error(token, `'autoescape' argument should be 'on' or 'off'`);
  const body = p.parse(['endautoescape']);
  p.nextToken();
  return { kind: 'autoescape', on: args[1] === 'on', body };
};
