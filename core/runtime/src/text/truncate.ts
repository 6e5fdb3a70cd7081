/**
 * Django's `Truncator` on plain text (`truncatechars`, `truncatewords`), and the truncation-text rules
 * the HTML truncators in `html/text.ts` share.
 */
import { pySplit } from '../values/str-methods.js';

// Unicode combining marks (Python's unicodedata.combining() != 0), approximated by category Mn/Me.
const COMBINING = /[\p{Mn}\p{Me}]/u;
const NON_ASCII = /[\u0080-\uffff]/;

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
  // ASCII has no combining marks and is its own NFC form: every UTF-16 unit is one counted character,
  // and the ellipsis takes one place (`truncateCharsLength(length)` is `length - 1`).
  if (!NON_ASCII.test(text)) {
    return text.length <= length ? text : addTruncationText(text.slice(0, length - 1));
  }
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
