import { escapeHtml } from './escape.js';
import { unescapeHtml } from './parser.js';
import { codePointLength } from '../values/iterate.js';
import { isIPv4, isIPv6, pyQuote, smartUrlquote } from './urls.js';

const MAX_URL_LENGTH = 2048;
const TRAILING_PUNCTUATION = '.,:;!';
const WRAPPING: readonly [string, string][] = [
  ['(', ')'],
  ['[', ']'],
];
const WORD_SPLIT = /([\s<>"']+)/u;
const SIMPLE_URL = /^https?:\/\/\[?[\p{L}\p{N}_]/iu;
const SIMPLE_URL_2 = /^www\.|^(?!http)[\p{L}\p{N}_][^@]+\.(com|edu|gov|int|mil|net|org)($|\/.*)$/iu;

// Django's EmailValidator (allowlist=[]) patterns.
const USER =
  /^(?:[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$|"([\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*"$)/i;
const HOST = '[a-z\u00a1-\uffff0-9](?:[a-z\u00a1-\uffff0-9-]{0,61}[a-z\u00a1-\uffff0-9])?';
const DOMAIN = '(?:\\.(?!-)[a-z\u00a1-\uffff0-9-]{1,63}(?<!-))*';
const TLD = '\\.(?!-)(?:[a-z\u00a1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)';
const DOMAIN_RE = new RegExp(`^${HOST}${DOMAIN}${TLD}$`, 'i');
const LITERAL_RE = /^\[([A-F0-9:.]+)\]$/i;

function rstripChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

function lstripChars(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s.charAt(start))) start++;
  return s.slice(start);
}

function countOf(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** Django `Urlizer.trim_punctuation`: split leading wrappers and trailing punctuation off a word. */
function trimPunctuation(word: string): [string, string, string] {
  let middle = lstripChars(word, WRAPPING.map(([o]) => o).join(''));
  const lead = word.slice(0, word.length - middle.length);
  let trail = '';
  const counts = new Map<string, number>();
  const initial = middle;
  const count = (ch: string): number => {
    if (!counts.has(ch)) counts.set(ch, countOf(initial, ch));
    return counts.get(ch) ?? 0;
  };
  let trimmed = true;
  while (trimmed && middle) {
    trimmed = false;
    for (const [opening, closing] of WRAPPING) {
      if (count(opening) < count(closing)) {
        if (rstripChars(middle, closing) !== middle) {
          const strip = count(closing) - count(opening);
          trail = middle.slice(-strip);
          middle = middle.slice(0, -strip);
          trimmed = true;
          counts.set(closing, count(closing) - strip);
        }
      }
    }
    const amp = middle.lastIndexOf('&');
    const stripped = rstripChars(middle, amp === -1 ? TRAILING_PUNCTUATION : TRAILING_PUNCTUATION.replace(';', ''));
    if (stripped !== middle) {
      trail = middle.slice(stripped.length) + trail;
      middle = stripped;
      trimmed = true;
    }
    if (middle.endsWith(';')) {
      const potential = amp === -1 ? middle.slice(-1) : middle.slice(amp);
      const unescaped = unescapeHtml(potential);
      if (unescaped === potential || unescaped.endsWith(';')) {
        const rstripped = rstripChars(middle, TRAILING_PUNCTUATION);
        const trailStart = rstripped.length;
        const trailingSemicolons = middle.length - rstripChars(middle, ';').length;
        if (amp > -1 && trailingSemicolons > 1) {
          const recent = middle.slice(trailStart).indexOf(';');
          const cut = recent + trailStart + 1;
          trail = middle.slice(cut) + trail;
          middle = rstripped + middle.slice(trailStart, cut);
        } else {
          trail = middle.slice(trailStart) + trail;
          middle = rstripped;
        }
        trimmed = true;
      }
    }
  }
  return [lead, middle, trail];
}

function isEmailSimple(value: string): boolean {
  if (!value?.includes('@') || codePointLength(value) > 320) return false;
  const at = value.lastIndexOf('@');
  const user = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!USER.test(user)) return false;
  if (DOMAIN_RE.test(domain)) return true;
  const literal = LITERAL_RE.exec(domain);
  return literal !== null && (isIPv4(literal[1] ?? '') || isIPv6(literal[1] ?? ''));
}

function trimUrl(x: string, limit: number | undefined): string {
  const chars = Array.from(x);
  if (limit === undefined || chars.length <= limit) return x;
  return chars.slice(0, Math.max(0, limit - 1)).join('') + '…';
}

function handleWord(word: string, safeInput: boolean, limit: number | undefined, autoescape: boolean): string {
  if (word.includes('.') || word.includes('@') || word.includes(':')) {
    let [lead, middle, trail] = trimPunctuation(word);
    let url: string | undefined;
    let nofollow = ' rel="nofollow"';
    const len = codePointLength(middle);
    if (len <= MAX_URL_LENGTH && SIMPLE_URL.test(middle)) url = smartUrlquote(unescapeHtml(middle));
    else if (len <= MAX_URL_LENGTH && SIMPLE_URL_2.test(middle)) url = smartUrlquote('http://' + unescapeHtml(middle));
    else if (!middle.includes(':') && isEmailSimple(middle)) {
      const at = middle.lastIndexOf('@');
      url = `mailto:${pyQuote(middle.slice(0, at), '')}@${pyQuote(middle.slice(at + 1), '')}`;
      nofollow = '';
    }
    if (url) {
      let trimmed = trimUrl(middle, limit);
      if (autoescape && !safeInput) {
        lead = escapeHtml(lead);
        trail = escapeHtml(trail);
        trimmed = escapeHtml(trimmed);
      }
      return `${lead}<a href="${escapeHtml(url)}"${nofollow}>${trimmed}</a>${trail}`;
    }
  }
  return !safeInput && autoescape ? escapeHtml(word) : word;
}

/**
 * Django `urlize(text, trim_url_limit, nofollow=True, autoescape)`: links for http(s) URLs, `www.`
 * and bare domains of the seven original gTLDs, and e-mail addresses.
 */
export function urlize(text: string, options: { safeInput: boolean; autoescape: boolean; limit?: number }): string {
  return text
    .split(WORD_SPLIT)
    .map((w) => handleWord(w, options.safeInput, options.limit, options.autoescape))
    .join('');
}
