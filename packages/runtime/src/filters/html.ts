import type { FilterSpec } from './spec.js';

function notImplemented(): never {
  throw new Error('not implemented');
}

/** Django's built-in html filters. */
export const htmlFilters: Readonly<Record<string, FilterSpec>> = {
  escape: { fn: notImplemented, arg: 'none', isSafe: true },
  escapejs: { fn: notImplemented, arg: 'none' },
  escapeseq: { fn: notImplemented, arg: 'none', isSafe: true },
  force_escape: { fn: notImplemented, arg: 'none', isSafe: true },
  iriencode: { fn: notImplemented, arg: 'none', isSafe: true },
  json_script: { fn: notImplemented, arg: 'optional', isSafe: true },
  linebreaks: { fn: notImplemented, arg: 'none', isSafe: true, needsAutoescape: true },
  linebreaksbr: { fn: notImplemented, arg: 'none', isSafe: true, needsAutoescape: true },
  linenumbers: { fn: notImplemented, arg: 'none', isSafe: true, needsAutoescape: true },
  safe: { fn: notImplemented, arg: 'none', isSafe: true },
  safeseq: { fn: notImplemented, arg: 'none', isSafe: true },
  striptags: { fn: notImplemented, arg: 'none', isSafe: true },
  truncatechars_html: { fn: notImplemented, arg: 'required', isSafe: true },
  truncatewords_html: { fn: notImplemented, arg: 'required', isSafe: true },
  unordered_list: { fn: notImplemented, arg: 'none', isSafe: true, needsAutoescape: true },
  urlencode: { fn: notImplemented, arg: 'optional' },
  urlize: { fn: notImplemented, arg: 'none', isSafe: true, needsAutoescape: true },
  urlizetrunc: { fn: notImplemented, arg: 'required', isSafe: true, needsAutoescape: true },
};
