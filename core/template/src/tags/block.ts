import type { TagCompiler } from '../parser.js';

/** `{% block name %}...{% endblock [name] %}` */
export const blockTag: TagCompiler = (p, token) => {
  const bits = token.contents.split(/\s+/u);
  if (bits.length !== 2) throw p.error(token, `'${bits[0]}' tag takes only one argument`);
  const name = bits[1]!;
  if (p.blockNames.has(name)) throw p.error(token, `'${bits[0]}' tag with name '${name}' appears more than once`);
  p.blockNames.add(name);
  const body = p.parse(['endblock']);
  const end = p.nextToken();
  if (end.contents !== 'endblock' && end.contents !== `endblock ${name}`) {
    throw p.invalidBlockTag(end, 'endblock', ['endblock', `endblock ${name}`]);
  }
  return { kind: 'block', id: 0, loc: p.loc(token), deps: [], name, body, parent: null };
};
