import type { TagCompiler } from '../parser.js';

/** `{% csrf_token %}`: the hidden input for the `csrf_token` context value. */
export const csrfTokenTag: TagCompiler = (p, token) => ({ kind: 'csrf_token', id: 0, loc: p.loc(token), deps: [] });
