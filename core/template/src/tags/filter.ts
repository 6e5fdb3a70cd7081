import type { TagCompiler } from '../parser.js';

/** `{% filter f1|f2:arg %}...{% endfilter %}`: the chain applies to the rendered body. */
export const filterTag: TagCompiler = (p, token) => {
  const rest = token.contents.replace(/^\S+\s*/u, '');
  if (!rest) {
    // Django unpacks `contents.split(None, 1)` here, so a bare tag fails with Python's ValueError.
    throw Object.assign(
      new Error(`not enough values to unpack (expected 2, got 1) in {% filter %} (${p.name}, line ${token.line})`),
      { name: 'ValueError' },
    );
  }
  const { filters } = p.expr(`var|${rest}`, token);
  for (const f of filters) {
    if (f.name === 'escape' || f.name === 'safe') {
      throw p.error(token, `"filter ${f.name}" is not permitted.  Use the "autoescape" tag instead.`);
    }
  }
  const body = p.parse(['endfilter']);
  p.nextToken();
  return { kind: 'filterblock', id: 0, loc: p.loc(token), deps: [], filters, body };
};
