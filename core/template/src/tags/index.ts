/** The built-in tags of Django 5.2, by name. `extends` is handled by the parser itself. */
import type { TagCompiler } from '../parser.js';
import { autoescapeTag } from './autoescape.js';
import { blockTag } from './block.js';
import { commentTag } from './comment.js';
import { csrfTokenTag } from './csrf-token.js';
import { cycleTag, resetcycleTag } from './cycle.js';
import { debugTag } from './debug.js';
import { filterTag } from './filter.js';
import { firstofTag } from './firstof.js';
import { forTag } from './for.js';
import { ifTag } from './if.js';
import { ifchangedTag } from './ifchanged.js';
import { includeTag } from './include.js';
import { loadTag } from './load.js';
import { loremTag } from './lorem.js';
import { nowTag } from './now.js';
import { regroupTag } from './regroup.js';
import { spacelessTag } from './spaceless.js';
import { templatetagTag } from './templatetag.js';
import { urlTag } from './url.js';
import { verbatimTag } from './verbatim.js';
import { widthratioTag } from './widthratio.js';
import { withTag } from './with.js';

export const builtinTags: ReadonlyMap<string, TagCompiler> = new Map([
  ['autoescape', autoescapeTag],
  ['block', blockTag],
  ['comment', commentTag],
  ['csrf_token', csrfTokenTag],
  ['cycle', cycleTag],
  ['debug', debugTag],
  ['filter', filterTag],
  ['firstof', firstofTag],
  ['for', forTag],
  ['if', ifTag],
  ['ifchanged', ifchangedTag],
  ['include', includeTag],
  ['load', loadTag],
  ['lorem', loremTag],
  ['now', nowTag],
  ['regroup', regroupTag],
  ['resetcycle', resetcycleTag],
  ['spaceless', spacelessTag],
  ['templatetag', templatetagTag],
  ['url', urlTag],
  ['verbatim', verbatimTag],
  ['widthratio', widthratioTag],
  ['with', withTag],
]);
