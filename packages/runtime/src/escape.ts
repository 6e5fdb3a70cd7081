import { isSafe } from './safe.js';
import { pyStr } from './pyrepr.js';

const HAS_HTML_SPECIAL = /[&<>"']/;

/** Django `escape` on a plain string: `& < > " '` become `&amp; &lt; &gt; &quot; &#x27;`. */
export function escapeHtml(s: string): string {
  // Most values hold nothing to escape: one regex test, no allocation. Otherwise a char-code loop,
  // about three times faster than a `replace` callback on typical markup.
  if (!HAS_HTML_SPECIAL.test(s)) return s;
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    let entity: string;
    switch (s.charCodeAt(i)) {
      case 38:
        entity = '&amp;';
        break;
      case 60:
        entity = '&lt;';
        break;
      case 62:
        entity = '&gt;';
        break;
      case 34:
        entity = '&quot;';
        break;
      case 39:
        entity = '&#x27;';
        break;
      default:
        continue;
    }
    if (last !== i) out += s.slice(last, i);
    out += entity;
    last = i + 1;
  }
  return out + s.slice(last);
}

/** Django `conditional_escape`: a SafeString passes through, anything else is printed with `pyStr` and escaped. */
export function conditionalEscape(v: unknown): string {
  return isSafe(v) ? v.value : escapeHtml(pyStr(v));
}
