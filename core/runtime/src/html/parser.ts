import { decodeHTML } from 'entities';
import { pyError } from '../values/model.js';

/**
 * A port of CPython 3.11's `html.parser.HTMLParser` tokenizer, which Django's `strip_tags` and
 * `Truncator(html=True)` are built on: matching its (tolerant, non-HTML5) idea of where tags, comments,
 * character references and text begin and end is what makes `striptags` and `truncate*_html` agree
 * with Django byte for byte.
 */
export interface HtmlHandler {
  data(text: string): void;
  startTag(tag: string, rawText: string): void;
  startEndTag(tag: string, rawText: string): void;
  endTag(tag: string): void;
  charRef(name: string): void;
  entityRef(name: string): void;
}

/** Python `html.unescape`: HTML5 named and numeric character references, legacy names without `;`. */
export function unescapeHtml(s: string): string {
  return s.includes('&') ? decodeHTML(s) : s;
}

const INTERESTING_NORMAL = /[&<]/g;
const INCOMPLETE = /&[a-zA-Z#]/y;
const ENTITYREF = /&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]/y;
const CHARREF = /&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]/y;
const STARTTAGOPEN = /<[a-zA-Z]/y;
const PICLOSE = />/g;
const COMMENTCLOSE = /--\s*>/g;
const TAGFIND_TOLERANT = /([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|\/(?!>))*/y;
const ATTRFIND_TOLERANT = /((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|\/(?!>))*/y;
const LOCATESTARTTAGEND_TOLERANT =
  /<[a-zA-Z][^\t\n\r\f />\x00]*(?:[\s/]*(?:(?<=['"\s/])[^\s/>][^\s/=>]*(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?(?:\s|\/(?!>))*)*)?\s*/y;
const ENDTAGFIND = /<\/\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>/y;
const DECLNAME = /[a-zA-Z][-_.a-zA-Z0-9]*\s*/y;
const MARKED_SECTION_CLOSE = /]\s*]\s*>/g;
const MS_MARKED_SECTION_CLOSE = /]\s*>/g;
const CDATA_ELEMENTS = new Set(['script', 'style']);
const NEAR_END_BREAK = /[\s;]/g;

function matchAt(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

function searchFrom(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

/** One HTMLParser run over `raw`: `end` false is `feed()` alone, true is `feed()` then `close()`. */
export function parseHtml(
  raw: string,
  handler: HtmlHandler,
  options: { convertCharrefs: boolean; close: boolean },
): void {
  let rawdata = raw;
  let cdataElem: string | null = null;
  let interesting: RegExp = INTERESTING_NORMAL;
  const { convertCharrefs } = options;

  const textData = (s: string): void => handler.data(convertCharrefs && !cdataElem ? unescapeHtml(s) : s);

  const parseComment = (i: number): number => {
    const m = searchFrom(COMMENTCLOSE, rawdata, i + 4);
    return m ? m.index + m[0].length : -1;
  };

  const parseBogusComment = (i: number): number => {
    const pos = rawdata.indexOf('>', i + 2);
    return pos === -1 ? -1 : pos + 1;
  };

  const parseMarkedSection = (i: number): number => {
    const start = i + 3;
    if (start === rawdata.length) return -1;
    const m = matchAt(DECLNAME, rawdata, start);
    if (!m) throw pyError('AssertionError', `expected name token at ${JSON.stringify(rawdata.slice(i, i + 20))}`);
    if (start + m[0].length === rawdata.length) return -1;
    const name = m[0].trim().toLowerCase();
    let close: RegExpExecArray | null;
    if (['temp', 'cdata', 'ignore', 'include', 'rcdata'].includes(name))
      close = searchFrom(MARKED_SECTION_CLOSE, rawdata, start);
    else if (['if', 'else', 'endif'].includes(name)) close = searchFrom(MS_MARKED_SECTION_CLOSE, rawdata, start);
    else
      throw pyError(
        'AssertionError',
        `unknown status keyword ${JSON.stringify(rawdata.slice(start, start + m[0].length))} in marked section`,
      );
    return close ? close.index + close[0].length : -1;
  };

  const parseHtmlDeclaration = (i: number): number => {
    if (rawdata.startsWith('<!--', i)) return parseComment(i);
    if (rawdata.startsWith('<![', i)) return parseMarkedSection(i);
    if (rawdata.slice(i, i + 9).toLowerCase() === '<!doctype') {
      const gt = rawdata.indexOf('>', i + 9);
      return gt === -1 ? -1 : gt + 1;
    }
    return parseBogusComment(i);
  };

  const checkForWholeStartTag = (i: number): number => {
    const m = matchAt(LOCATESTARTTAGEND_TOLERANT, rawdata, i);
    if (!m) throw pyError('AssertionError', 'we should not get here!');
    const j = i + m[0].length;
    const next = rawdata.charAt(j);
    if (next === '>') return j + 1;
    if (next === '/') {
      if (rawdata.startsWith('/>', j)) return j + 2;
      return -1;
    }
    if (next === '') return -1;
    if (/[a-zA-Z=/]/.test(next)) return -1;
    return j > i ? j : i + 1;
  };

  const parseStartTag = (i: number): number => {
    const endpos = checkForWholeStartTag(i);
    if (endpos < 0) return endpos;
    const text = rawdata.slice(i, endpos);
    const m = matchAt(TAGFIND_TOLERANT, rawdata, i + 1);
    if (!m) throw pyError('AssertionError', 'unexpected call to parse_starttag()');
    let k = i + 1 + m[0].length;
    const tag = (m[1] ?? '').toLowerCase();
    while (k < endpos) {
      const a = matchAt(ATTRFIND_TOLERANT, rawdata, k);
      if (!a || a[0].length === 0) break;
      k += a[0].length;
    }
    const end = rawdata.slice(k, endpos).trim();
    if (end !== '>' && end !== '/>') {
      handler.data(text);
      return endpos;
    }
    if (end.endsWith('/>')) handler.startEndTag(tag, text);
    else {
      handler.startTag(tag, text);
      if (CDATA_ELEMENTS.has(tag)) {
        cdataElem = tag;
        interesting = new RegExp(`</\\s*${tag}\\s*>`, 'gi');
      }
    }
    return endpos;
  };

  const parseEndTag = (i: number): number => {
    const gt = rawdata.indexOf('>', i + 1);
    if (gt < 0) return -1;
    let gtpos = gt + 1;
    const m = matchAt(ENDTAGFIND, rawdata, i);
    if (!m) {
      if (cdataElem !== null) {
        handler.data(rawdata.slice(i, gtpos));
        return gtpos;
      }
      const name = matchAt(TAGFIND_TOLERANT, rawdata, i + 2);
      if (!name) return rawdata.startsWith('</>', i) ? i + 3 : parseBogusComment(i);
      gtpos = rawdata.indexOf('>', i + 2 + name[0].length);
      handler.endTag((name[1] ?? '').toLowerCase());
      return gtpos + 1;
    }
    gtpos = i + m[0].length;
    const elem = (m[1] ?? '').toLowerCase();
    if (cdataElem !== null && elem !== cdataElem) {
      handler.data(rawdata.slice(i, gtpos));
      return gtpos;
    }
    handler.endTag(elem);
    cdataElem = null;
    interesting = INTERESTING_NORMAL;
    return gtpos;
  };

  const goahead = (end: boolean): void => {
    let i = 0;
    const n = rawdata.length;
    while (i < n) {
      let j: number;
      if (convertCharrefs && !cdataElem) {
        j = rawdata.indexOf('<', i);
        if (j < 0) {
          const amppos = rawdata.lastIndexOf('&');
          if (amppos >= Math.max(i, n - 34) && !searchFrom(NEAR_END_BREAK, rawdata, amppos)) break;
          j = n;
        }
      } else {
        const m = searchFrom(interesting, rawdata, i);
        if (m) j = m.index;
        else {
          if (cdataElem) break;
          j = n;
        }
      }
      if (i < j) textData(rawdata.slice(i, j));
      i = j;
      if (i === n) break;
      if (rawdata.startsWith('<', i)) {
        let k: number;
        if (matchAt(STARTTAGOPEN, rawdata, i)) k = parseStartTag(i);
        else if (rawdata.startsWith('</', i)) k = parseEndTag(i);
        else if (rawdata.startsWith('<!--', i)) k = parseComment(i);
        else if (rawdata.startsWith('<?', i)) {
          const m = searchFrom(PICLOSE, rawdata, i + 2);
          k = m ? m.index + 1 : -1;
        } else if (rawdata.startsWith('<!', i)) k = parseHtmlDeclaration(i);
        else if (i + 1 < n) {
          handler.data('<');
          k = i + 1;
        } else break;
        if (k < 0) {
          if (!end) break;
          k = rawdata.indexOf('>', i + 1);
          if (k < 0) {
            k = rawdata.indexOf('<', i + 1);
            if (k < 0) k = i + 1;
          } else k += 1;
          textData(rawdata.slice(i, k));
        }
        i = k;
      } else if (rawdata.startsWith('&#', i)) {
        const m = matchAt(CHARREF, rawdata, i);
        if (m) {
          handler.charRef(m[0].slice(2, -1));
          let k = i + m[0].length;
          if (rawdata[k - 1] !== ';') k -= 1;
          i = k;
          continue;
        }
        if (rawdata.slice(i).includes(';')) {
          handler.data(rawdata.slice(i, i + 2));
          i += 2;
        }
        break;
      } else if (rawdata.startsWith('&', i)) {
        const m = matchAt(ENTITYREF, rawdata, i);
        if (m) {
          handler.entityRef(m[1] ?? '');
          let k = i + m[0].length;
          if (rawdata[k - 1] !== ';') k -= 1;
          i = k;
          continue;
        }
        const inc = matchAt(INCOMPLETE, rawdata, i);
        if (inc) {
          if (end && inc[0] === rawdata.slice(i)) i += 1;
          break;
        } else if (i + 1 < n) {
          handler.data('&');
          i += 1;
        } else break;
      } else {
        throw pyError('AssertionError', 'interesting.search() lied');
      }
    }
    if (end && i < n && !cdataElem) {
      textData(rawdata.slice(i, n));
      i = n;
    }
    rawdata = rawdata.slice(i);
  };

  goahead(false);
  if (options.close) goahead(true);
}
