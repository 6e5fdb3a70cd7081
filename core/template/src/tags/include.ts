import type { Assign, IncludeTarget } from '../ir.js';
import type { TagCompiler } from '../parser.js';
import { splitContents } from '../split.js';

/**
 * `{% include name [with a=b ...] [only] %}`. A constant name is left as a `ref` target for
 * `resolve.ts` to inline; any other name is looked up when rendering.
 */
export const includeTag: TagCompiler = (p, token) => {
  const bits = splitContents(token.contents);
  if (bits.length < 2) {
    throw p.error(token, `'${bits[0]}' tag takes at least one argument: the name of the template to be included.`);
  }
  const seen = new Set<string>();
  const rest = bits.slice(2);
  let assigns: Assign[] = [];
  let only = false;
  while (rest.length) {
    const option = rest.shift()!;
    if (seen.has(option)) throw p.error(token, `The '${option}' option was specified more than once.`);
    if (option === 'with') {
      assigns = p.kwargs(rest, token, false);
      if (!assigns.length) throw p.error(token, `"with" in '${bits[0]}' tag needs at least one keyword argument.`);
    } else if (option === 'only') {
      only = true;
    } else {
      throw p.error(token, `Unknown argument for '${bits[0]}' tag: '${option}'.`);
    }
    seen.add(option);
  }
  const expr = p.expr(p.relativeName(bits[1]!, token, true), token);
  const constant = expr.filters.length === 0 && expr.base.kind === 'literal' && typeof expr.base.value === 'string';
  const target: IncludeTarget = constant
    ? { kind: 'ref', name: String((expr.base as { value: string }).value) }
    : { kind: 'dynamic', expr };
  return { kind: 'include', id: 0, loc: p.loc(token), deps: [], target, assigns, only };
};
