/**
 * Django's FilterExpression and Variable parsing: `base|filter:arg|filter`, where the base and the
 * argument are string literals, `_("translated")` literals, numbers or dotted lookups.
 */
import type { Expr, FilterCall, Literal, Operand, Var } from './ir.js';

/** What expression parsing needs from the parser: filter lookup and error reporting. */
export interface ExprScope {
  /** Throws TemplateSyntaxError (via `error`) for an unknown filter or a wrong argument count. */
  checkFilter(name: string, hasArg: boolean): void;
  error(message: string): never;
}

const W = '[\\p{L}\\p{N}_]';
const STR_DQ = '"[^"\\\\]*(?:\\\\.[^"\\\\]*)*"';
const STR_SQ = "'[^'\\\\]*(?:\\\\.[^'\\\\]*)*'";
const CONSTANT = `(?:_\\(${STR_DQ}\\)|_\\(${STR_SQ}\\)|${STR_DQ}|${STR_SQ})`;
const NUM = '[-+.]?\\p{Nd}[\\p{Nd}.e]*';
const VAR_CHARS = `(?:${W}|\\.)`;
const FILTER_RE_SOURCE =
  `^(?<constant>${CONSTANT})|` +
  `^(?<var>${VAR_CHARS}+|${NUM})|` +
  `(?:\\s*\\|\\s*(?<filter_name>${W}+)(?::(?:(?<constant_arg>${CONSTANT})|(?<var_arg>${VAR_CHARS}+|${NUM})))?)`;

/** Parses a filter expression such as `user.name|default:"anonymous"|upper`. */
export function parseExpr(token: string, scope: ExprScope): Expr {
  const re = new RegExp(FILTER_RE_SOURCE, 'gu');
  let base: Operand | null = null;
  const filters: FilterCall[] = [];
  let upto = 0;
  for (let m = re.exec(token); m !== null; m = re.exec(token)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const start = m.index;
    if (upto !== start) {
      scope.error(
        `Could not parse some characters: ${token.slice(0, upto)}|${token.slice(upto, start)}|${token.slice(start)}`,
      );
    }
    const g = m.groups!;
    if (base === null) {
      if (g['constant'] !== undefined) base = parseOperand(g['constant'], scope);
      else if (g['var'] === undefined) scope.error(`Could not find variable at start of ${token}.`);
      else base = parseOperand(g['var'], scope);
    } else {
      const name = g['filter_name']!;
      const rawArg = g['constant_arg'] ?? g['var_arg'];
      const arg = rawArg === undefined ? null : parseOperand(rawArg, scope);
      scope.checkFilter(name, arg !== null);
      filters.push({ name, arg });
    }
    upto = re.lastIndex;
  }
  if (upto !== token.length) {
    scope.error(`Could not parse the remainder: '${token.slice(upto)}' from '${token}'`);
  }
  if (base === null) scope.error(`Could not find variable at start of ${token}.`);
  return { base, filters };
}

/** Django's Variable: a number, a (possibly translated) string literal, or a dotted lookup. */
export function parseOperand(text: string, scope: Pick<ExprScope, 'error'>): Operand {
  const num = parseNumber(text);
  if (num !== null) return { kind: 'literal', value: num, raw: text };
  let body = text;
  let translated = false;
  if (body.startsWith('_(') && body.endsWith(')')) {
    translated = true;
    body = body.slice(2, -1);
  }
  const str = unescapeStringLiteral(body);
  if (str !== null) {
    // Django doubles '%' in translated literals before gettext, which returns the msgid unchanged
    // when no catalog has it: Tessera does not translate, so the doubling is all that remains.
    const lit: Literal = translated
      ? { kind: 'literal', value: str.replaceAll('%', '%%'), raw: text, translated: true }
      : { kind: 'literal', value: str, raw: text };
    return lit;
  }
  if (body.includes('._') || body.startsWith('_')) {
    scope.error(`Variables and attributes may not begin with underscores: '${body}'`);
  }
  const v: Var = { kind: 'var', path: body.split('.') };
  return v;
}

/** Python's `float(s)` / `int(s)` as Django's Variable applies them; `null` when `s` is not a number. */
export function parseNumber(s: string): number | null {
  if (s.includes('.') || s.toLowerCase().includes('e')) {
    if (s.endsWith('.')) return null;
    return pyFloat(s);
  }
  return pyInt(s);
}

const DIGITS = '\\d(?:_?\\d)*';
const INT_RE = new RegExp(`^\\s*[+-]?${DIGITS}\\s*$`);
const FLOAT_RE = new RegExp(`^\\s*[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?\\s*$`);
const SPECIAL_FLOAT_RE = /^\s*([+-]?)(inf|infinity|nan)\s*$/i;

function pyInt(s: string): number | null {
  return INT_RE.test(s) ? Number(s.replaceAll('_', '').trim()) : null;
}

function pyFloat(s: string): number | null {
  if (FLOAT_RE.test(s)) return Number(s.replaceAll('_', '').trim());
  const special = SPECIAL_FLOAT_RE.exec(s);
  if (!special) return null;
  if (special[2]!.toLowerCase() === 'nan') return Number.NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}

/** Django's `unescape_string_literal`, or `null` when `s` is not a quoted literal. */
export function unescapeStringLiteral(s: string): string | null {
  const q = s[0];
  if (s.length < 2 || (q !== '"' && q !== "'") || s[s.length - 1] !== q) return null;
  return s.slice(1, -1).replaceAll(`\\${q}`, q).replaceAll('\\\\', '\\');
}
