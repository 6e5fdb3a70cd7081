import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer.js';

describe('tokenize', () => {
  it('splits text, variables, tags and comments with positions', () => {
    const tokens = tokenize('a {{ x }}\n{% if y %}{# c #}');
    expect(tokens.map((t) => [t.type, t.contents, t.line, t.col])).toEqual([
      ['text', 'a ', 1, 1],
      ['var', 'x', 1, 3],
      ['text', '\n', 1, 10],
      ['block', 'if y', 2, 1],
      ['comment', 'c', 2, 11],
    ]);
  });

  it('never lets a tag span a newline, as Django', () => {
    expect(tokenize('{{ a\n}}').map((t) => t.type)).toEqual(['text']);
  });

  it('keeps carriage returns inside tags, unlike a JavaScript dot', () => {
    expect(tokenize('{{ a\r }}')[0]).toMatchObject({ type: 'var', contents: 'a' });
  });

  it('turns everything inside verbatim into text, up to the matching end tag', () => {
    const tokens = tokenize('{% verbatim v %}{{ x }}{% endverbatim %}{% endverbatim v %}');
    expect(tokens.map((t) => [t.type, t.contents])).toEqual([
      ['block', 'verbatim v'],
      ['text', '{{ x }}'],
      ['text', '{% endverbatim %}'],
      ['block', 'endverbatim v'],
    ]);
  });
});
