/**
 * Splits template source into tokens exactly as Django's Lexer does: a tag never spans a newline
 * (`{{ a\n}}` is text), `{% verbatim %}` turns everything up to its matching end tag into text, and
 * comments `{# #}` become tokens the parser drops.
 */

export type TokenType = 'text' | 'var' | 'block' | 'comment';

export interface Token {
  readonly type: TokenType;
  /** Text tokens: the raw text. Tags: the content between the delimiters, trimmed. */
  readonly contents: string;
  /** The token exactly as written, delimiters included. */
  readonly raw: string;
  readonly line: number;
  readonly col: number;
}

// Python's `.` stops only at '\n'; JavaScript's `.` also stops at '\r', U+2028 and U+2029.
const TAG_RE = /(\{%[^\n]*?%\}|\{\{[^\n]*?\}\}|\{#[^\n]*?#\})/;

/** Tokenizes `source`. Never throws: malformed tags are reported by the parser, which knows the context. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pieces = source.split(TAG_RE);
  let verbatimEnd: string | null = null;
  let line = 1;
  let col = 1;
  let inTag = false;
  for (const piece of pieces) {
    if (piece) {
      tokens.push(createToken(piece, inTag, line, col));
      const lastNewline = piece.lastIndexOf('\n');
      if (lastNewline === -1) col += piece.length;
      else {
        line += countNewlines(piece);
        col = piece.length - lastNewline;
      }
    }
    inTag = !inTag;
  }
  return tokens;

  function createToken(raw: string, tag: boolean, tokLine: number, tokCol: number): Token {
    if (tag) {
      const start = raw.slice(0, 2);
      const contents = raw.slice(2, -2).trim();
      if (start === '{%') {
        if (verbatimEnd !== null) {
          if (contents !== verbatimEnd) return { type: 'text', contents: raw, raw, line: tokLine, col: tokCol };
          verbatimEnd = null;
        } else if (contents.slice(0, 9) === 'verbatim' || contents.slice(0, 9) === 'verbatim ') {
          verbatimEnd = `end${contents}`;
        }
        return { type: 'block', contents, raw, line: tokLine, col: tokCol };
      }
      if (verbatimEnd === null) {
        return { type: start === '{{' ? 'var' : 'comment', contents, raw, line: tokLine, col: tokCol };
      }
    }
    return { type: 'text', contents: raw, raw, line: tokLine, col: tokCol };
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
