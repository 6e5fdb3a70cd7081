/** Django's `utils.text.wrap` (`wordwrap`), on Python's `textwrap` rules. */
import { codePointLength } from '../values/iterate.js';
import { pyError } from '../values/model.js';
import { pySplitlines, pyStrip } from '../values/str-methods.js';

// Python `str.expandtabs()` with tab size 8: columns restart after each line break.
function expandTabs(s: string): string {
  let out = '';
  let col = 0;
  for (const ch of s) {
    if (ch === '\t') {
      const n = 8 - (col % 8);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col = ch === '\n' || ch === '\r' ? 0 : col + 1;
    }
  }
  return out;
}

/**
 * Python `textwrap.TextWrapper(width, break_long_words=False, break_on_hyphens=False,
 * replace_whitespace=False).wrap(line)`.
 */
function wrapLine(line: string, width: number): string[] {
  const chunks = expandTabs(line)
    .split(/([\t\n\x0b\x0c\r ]+)/)
    .filter((c) => c !== '')
    .reverse();
  const lines: string[] = [];
  const blank = (c: string | undefined): boolean => c !== undefined && pyStrip(c) === '';
  while (chunks.length) {
    const cur: string[] = [];
    let curLen = 0;
    if (blank(chunks.at(-1)) && lines.length) chunks.pop();
    while (chunks.length) {
      const l = codePointLength(chunks.at(-1) ?? '');
      if (curLen + l > width) break;
      cur.push(chunks.pop() ?? '');
      curLen += l;
    }
    // A word longer than the width goes on its own line, unbroken.
    if (chunks.length && codePointLength(chunks.at(-1) ?? '') > width && cur.length === 0) cur.push(chunks.pop() ?? '');
    if (blank(cur.at(-1))) cur.pop();
    if (cur.length) lines.push(cur.join(''));
  }
  return lines;
}

/** Django `utils.text.wrap`: word-wrap at `width`, keeping existing line breaks and long words. */
export function wrap(text: string, width: number): string {
  const lines = pySplitlines(text);
  // textwrap checks the width when it wraps a line: text without lines never gets there.
  if (width <= 0 && lines.length) throw pyError('ValueError', `invalid width ${width} (must be > 0)`);
  const result: string[] = [];
  for (const line of lines) {
    const wrapped = wrapLine(line, width);
    if (wrapped.length) result.push(...wrapped);
    else result.push(line);
  }
  if (text.endsWith('\n')) result.push('');
  return result.join('\n');
}
