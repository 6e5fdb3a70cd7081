import { codePointLength } from './iterate.js';
import { pyError } from './values.js';
import { pySplit, pyStrip } from './strmethods.js';

/** Python `s.center(width)`, counting code points; CPython puts the odd space on the left when width is odd. */
export function pyCenter(s: string, width: number): string {
  const marg = width - codePointLength(s);
  if (marg <= 0) return s;
  const left = Math.floor(marg / 2) + (marg & width & 1);
  return ' '.repeat(left) + s + ' '.repeat(marg - left);
}

/** Python `s.ljust(width)`. */
export function pyLjust(s: string, width: number): string {
  const n = width - codePointLength(s);
  return n > 0 ? s + ' '.repeat(n) : s;
}

/** Python `s.rjust(width)`. */
export function pyRjust(s: string, width: number): string {
  const n = width - codePointLength(s);
  return n > 0 ? ' '.repeat(n) + s : s;
}

/** Python `str.splitlines()`. */
function pySplitlines(s: string): string[] {
  const lines = s.split(/\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

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
  if (width <= 0) throw pyError('ValueError', `invalid width ${width} (must be > 0)`);
  const result: string[] = [];
  for (const line of pySplitlines(text)) {
    const wrapped = wrapLine(line, width);
    if (wrapped.length) result.push(...wrapped);
    else result.push(line);
  }
  if (text.endsWith('\n')) result.push('');
  return result.join('\n');
}

// Unicode combining marks (Python's unicodedata.combining() != 0), approximated by category Mn/Me.
const COMBINING = /[\p{Mn}\p{Me}]/u;

/** Django's `add_truncation_text` with the default `…` or an explicit replacement. */
export function addTruncationText(text: string, truncate = '…'): string {
  if (truncate.includes('%(truncated_text)s')) return truncate.replace('%(truncated_text)s', text);
  return text.endsWith(truncate) ? text : text + truncate;
}

/** Django `calculate_truncate_chars_length`: room left for text once the replacement is counted. */
export function truncateCharsLength(length: number, replacement = '…'): number {
  let n = length;
  for (const ch of addTruncationText('', replacement)) {
    if (!COMBINING.test(ch)) {
      n--;
      if (n === 0) break;
    }
  }
  return n;
}

/** Django `Truncator(text).chars(length)` (plain text): combining marks do not count. */
export function truncateChars(text: string, length: number): string {
  if (length <= 0) return '';
  const chars = Array.from(text.normalize('NFC'));
  const truncateLen = truncateCharsLength(length);
  let sLen = 0;
  let end: number | undefined;
  for (let i = 0; i < chars.length; i++) {
    if (COMBINING.test(chars[i] ?? '')) continue;
    sLen++;
    if (end === undefined && sLen > truncateLen) end = i;
    if (sLen > length) return addTruncationText(chars.slice(0, end ?? 0).join(''));
  }
  return chars.join('');
}

/** Django `Truncator(text).words(length, truncate=' …')` (plain text): whitespace collapses to single spaces. */
export function truncateWords(text: string, length: number): string {
  if (length <= 0) return '';
  const words = pySplit(text);
  if (words.length > length) return addTruncationText(words.slice(0, length).join(' '), ' …');
  return words.join(' ');
}
