/** How Django prints a literal on its own. */
import { pyStr } from '@tessera/runtime';
import type { Literal } from './ir.js';

/**
 * What `{{ literal }}` prints: strings as written, numbers as Python prints them. A float literal
 * with an integral value keeps its `.0` (`{{ 1.0 }}` is `1.0`, `{{ 1e3 }}` is `1000.0`), which a JS
 * number cannot carry, so the spelling kept in `raw` decides.
 */
export function literalText(lit: Literal): string {
  if (typeof lit.value === 'string') return lit.value;
  const isFloat = /[.eE]/.test(lit.raw) && !/^[+-]?(inf|nan)/i.test(lit.raw);
  if (isFloat && Number.isInteger(lit.value) && Math.abs(lit.value) < 1e16) return `${lit.value}.0`;
  return pyStr(lit.value);
}
