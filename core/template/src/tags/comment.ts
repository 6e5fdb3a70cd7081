import type { TagCompiler } from '../parser.js';

/** `{% comment [note] %}...{% endcomment %}`: everything inside is skipped unparsed. */
export const commentTag: TagCompiler = (p, token) => {
  p.skipPast('endcomment', token);
  return null;
};
