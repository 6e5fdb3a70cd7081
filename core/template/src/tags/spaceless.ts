import type { TagCompiler } from '../parser.js';

/** `{% spaceless %}...{% endspaceless %}` */
export const spacelessTag: TagCompiler = (p) => {
  const body = p.parse(['endspaceless']);
  p.nextToken();
  return { kind: 'spaceless', body };
};
