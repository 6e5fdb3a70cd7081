import type { TagCompiler } from '../parser.js';

/** `{% debug %}`: renders nothing unless the `debug` option is on, like Django with DEBUG = False. */
export const debugTag: TagCompiler = (p, token) => ({ kind: 'debug', id: 0, loc: p.loc(token), deps: [] });
