import { pyError } from '../values/model.js';

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * Python `urllib.parse.quote(s, safe)`: UTF-8 percent-encoding of everything but ASCII alphanumerics, `_.-~`
 * and `safe`. A lone surrogate has no UTF-8 form: UnicodeEncodeError, as Python's strict encoder raises.
 */
export function pyQuote(s: string, safe = '/'): string {
  let out = '';
  let position = 0;
  for (const ch of s) {
    if (ch.length === 1 && (ALWAYS_SAFE.test(ch) || (safe.includes(ch) && ch.charCodeAt(0) < 128))) {
      out += ch;
      position++;
      continue;
    }
    const unit = ch.charCodeAt(0);
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      const escaped = `\\u${unit.toString(16)}`;
      throw pyError(
        'UnicodeEncodeError',
        `'utf-8' codec can't encode character '${escaped}' in position ${position}: surrogates not allowed`,
      );
    }
    position++;
    for (const b of encoder.encode(ch)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Python `quote_plus`: as `quote`, with spaces as `+`. */
function pyQuotePlus(s: string, safe = ''): string {
  return s.includes(' ') ? pyQuote(s, safe + ' ').replaceAll(' ', '+') : pyQuote(s, safe);
}

/** Python `urllib.parse.unquote`: `%XX` runs decoded as UTF-8, invalid bytes as U+FFFD. */
function pyUnquote(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return decoder.decode(bytes);
  });
}

const USES_NETLOC = new Set([
  '',
  'ftp',
  'http',
  'gopher',
  'nntp',
  'telnet',
  'imap',
  'wais',
  'file',
  'mms',
  'https',
  'shttp',
  'snews',
  'prospero',
  'rtsp',
  'rtsps',
  'rtspu',
  'rsync',
  'svn',
  'svn+ssh',
  'sftp',
  'nfs',
  'git',
  'git+ssh',
  'ws',
  'wss',
  'itms-services',
]);
const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+\-.]*$/;

interface SplitUrl {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

/** Python 3.11 `urlsplit`; undefined where it raises ValueError (unbalanced IPv6 brackets). */
function pyUrlsplit(input: string): SplitUrl | undefined {
  let url = input.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  let query = '';
  let fragment = '';
  const colon = url.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  if (url.startsWith('//')) {
    const rest = url.slice(2);
    const end = rest.search(/[/?#]/);
    netloc = end < 0 ? rest : rest.slice(0, end);
    url = end < 0 ? '' : rest.slice(end);
    if (netloc.includes('[') !== netloc.includes(']')) return undefined;
    if (netloc.includes('[')) {
      const host = netloc.split(']')[0]?.split('[')[1] ?? '';
      if (!isIPv6(host) && !/^v[0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+$/i.test(host)) return undefined;
    }
  }
  const hash = url.indexOf('#');
  if (hash >= 0) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const q = url.indexOf('?');
  if (q >= 0) {
    query = url.slice(q + 1);
    url = url.slice(0, q);
  }
  return { scheme, netloc, path: url, query, fragment };
}

/** Python 3.11 `urlunsplit`. */
function pyUrlunsplit(p: SplitUrl): string {
  let url = p.path;
  if (p.netloc || (p.scheme && USES_NETLOC.has(p.scheme) && !url.startsWith('//'))) {
    if (url && !url.startsWith('/')) url = '/' + url;
    url = '//' + p.netloc + url;
  }
  if (p.scheme) url = p.scheme + ':' + url;
  if (p.query) url += '?' + p.query;
  if (p.fragment) url += '#' + p.fragment;
  return url;
}

/** Python `parse_qsl(query, keep_blank_values=True)`. */
function parseQsl(query: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    out.push([pyUnquote(name.replaceAll('+', ' ')), pyUnquote(value.replaceAll('+', ' '))]);
  }
  return out;
}

const URL_SAFE = "!$&'()*+,;=" + ':/?#[]@' + '~';

function unquoteQuote(segment: string): string {
  return pyQuote(pyUnquote(segment), URL_SAFE);
}

/** Django `smart_urlquote`: quote a URL unless it is already quoted. */
export function smartUrlquote(url: string): string {
  const parts = pyUrlsplit(url);
  if (!parts) return unquoteQuote(url);
  const query = parts.query
    ? parseQsl(parts.query)
        .map(([k, v]) => `${pyQuotePlus(pyUnquote(k))}=${pyQuotePlus(pyUnquote(v))}`)
        .join('&')
    : parts.query;
  return pyUrlunsplit({
    scheme: parts.scheme,
    netloc: unquoteQuote(parts.netloc),
    path: unquoteQuote(parts.path),
    query,
    fragment: unquoteQuote(parts.fragment),
  });
}

/** Python `ipaddress.IPv4Address` acceptance: four decimal octets, no leading zeros. */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** Python `ipaddress.IPv6Address` acceptance, including an embedded IPv4 tail and `::` compression. */
export function isIPv6(s: string): boolean {
  if (s.length > 45 || !s.includes(':')) return false;
  let groups = s.split(':');
  let extra = 0;
  const last = groups.at(-1) ?? '';
  if (last.includes('.')) {
    if (!isIPv4(last)) return false;
    groups = groups.slice(0, -1);
    extra = 2;
  }
  const doubles = s.split('::').length - 1;
  if (doubles > 1) return false;
  const hex = /^[0-9a-fA-F]{1,4}$/;
  if (doubles === 1) {
    const [head = '', tail = ''] = s.slice(0, extra ? s.lastIndexOf(':') + 1 : undefined).split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':').filter((x) => x !== '') : [];
    return [...h, ...t].every((g) => hex.test(g)) && h.length + t.length + extra <= 7;
  }
  return groups.length + extra === 8 && groups.every((g) => hex.test(g));
}
