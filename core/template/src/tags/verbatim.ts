import type { TagCompiler } from '../parser.js';

/** `{% verbatim [name] %}...{% endverbatim [name] %}`: the lexer already made the inside plain text. */
export const verbatimTag: TagCompiler = (p) => {
  const body = p.parse(['endverbatim']);
  p.nextToken();
  const value = body.map((n) => (n.kind === 'text' ? n.value : '')).join('');
  return { kind: 'text', value };
};
