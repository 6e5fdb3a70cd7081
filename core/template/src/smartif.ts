/**
 * Django's `{% if %}` expression parser (smartif.py): a Pratt parser with Django's binding powers
 * `or` 6 < `and` 7 < `not` 8 < `in`/`not in` 9 < `is`/`is not`/comparisons 10.
 */
import type { CompareOp, Cond } from './ir.js';
import type { Token } from './lexer.js';
import type { Parser } from './parser.js';

type Op = 'or' | 'and' | 'not' | CompareOp;
const POWER: Record<Op, number> = {
  or: 6,
  and: 7,
  not: 8,
  in: 9,
  'not in': 9,
  is: 10,
  'is not': 10,
  '==': 10,
  '!=': 10,
  '>': 10,
  '>=': 10,
  '<': 10,
  '<=': 10,
};

type Tok = { op: Op } | { text: string; cond: Cond } | null;

/** Parses the bits after `if`/`elif` into a condition tree. */
export function parseCondition(bits: readonly string[], p: Parser, token: Token): Cond {
  const toks: Exclude<Tok, null>[] = [];
  for (let i = 0; i < bits.length; i++) {
    let bit = bits[i]!;
    if (bit === 'is' && bits[i + 1] === 'not') {
      bit = 'is not';
      i++;
    } else if (bit === 'not' && bits[i + 1] === 'in') {
      bit = 'not in';
      i++;
    }
    if (Object.hasOwn(POWER, bit)) toks.push({ op: bit as Op });
    else toks.push({ text: bit, cond: { kind: 'value', expr: p.expr(bit, token) } });
  }
  let pos = 0;
  const next = (): Tok => toks[pos++] ?? null;
  let current = next();
  const lbp = (t: Tok): number => (t && 'op' in t ? POWER[t.op] : 0);
  const display = (t: Exclude<Tok, null>): string => ('op' in t ? t.op : t.text);

  const expression = (rbp: number): Cond => {
    const t = current;
    current = next();
    let left = nud(t);
    while (rbp < lbp(current)) {
      const op = current as { op: Op };
      current = next();
      left = led(op, left);
    }
    return left;
  };
  const nud = (t: Tok): Cond => {
    if (t === null) throw p.error(token, 'Unexpected end of expression in if tag.');
    if ('cond' in t) return t.cond;
    if (t.op === 'not') return { kind: 'not', operand: expression(POWER.not) };
    throw p.error(token, `Not expecting '${t.op}' in this position in if tag.`);
  };
  const led = (t: { op: Op }, left: Cond): Cond => {
    if (t.op === 'not') throw p.error(token, `Not expecting 'not' as infix operator in if tag.`);
    const right = expression(POWER[t.op]);
    if (t.op === 'or' || t.op === 'and') return { kind: t.op, left, right };
    return { kind: 'compare', op: t.op, left, right };
  };

  const cond = expression(0);
  if (current !== null) throw p.error(token, `Unused '${display(current)}' at end of if expression.`);
  return cond;
}
