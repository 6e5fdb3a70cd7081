import { isSafe } from './safe.js';
import { pyStr } from './pyrepr.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
};
const HTML_SPECIAL = /[&<>"']/g;
// Non-global twin for `test`, which would otherwise carry `lastIndex` state between calls.
const HAS_HTML_SPECIAL = /[&<>"']/;

/** Django `escape` on a plain string: `& < > " '` become `&amp; &lt; &gt; &quot; &#x27;`. */
export function escapeHtml(s: string): string {
  // Most values contain nothing to escape; testing first avoids allocating a new string.
  return HAS_HTML_SPECIAL.test(s) ? s.replace(HTML_SPECIAL, (c) => HTML_ESCAPES[c] ?? c) : s;
}

/** Django `conditional_escape`: a SafeString passes through, anything else is printed with `pyStr` and escaped. */
export function conditionalEscape(v: unknown): string {
  return isSafe(v) ? v.value : escapeHtml(pyStr(v));
}
