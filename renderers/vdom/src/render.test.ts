import { describe, expect, it } from 'vitest';
import renderer from './index.js';
import { prepare } from '../test/helpers.js';

const render = (source: string, context: Record<string, unknown> = {}) =>
  renderer.render(prepare({ 'main.html': source }), context);

describe('render keeps the template source spelling', () => {
  it('keeps attribute order, quoting, case and entity spelling', () => {
    const source = '<A Href=\'/x?a=1&amp;b=2\' data-x=y  title="&#39;{{ t }}&#x27;">&copy; &nbsp;{{ t }}</A>';
    expect(render(source, { t: '<&>' })).toBe(
      '<A Href=\'/x?a=1&amp;b=2\' data-x=y  title="&#39;&lt;&amp;&gt;&#x27;">&copy; &nbsp;&lt;&amp;&gt;</A>',
    );
  });

  it('keeps void elements, self-closing slashes, comments and whitespace as written', () => {
    const source = '<br/>\n  <img src="{{ s }}" >\t<!-- {{ s }} -->\r\n<input disabled />';
    expect(render(source, { s: 'a"b' })).toBe(
      '<br/>\n  <img src="a&quot;b" >\t<!-- a&quot;b -->\r\n<input disabled />',
    );
  });

  it('keeps raw text elements verbatim', () => {
    expect(
      render('<script>if (a < b && c) {}</script><style>p>b{}</style><textarea>{{ v }}</textarea>', { v: '</x>' }),
    ).toBe('<script>if (a < b && c) {}</script><style>p>b{}</style><textarea>&lt;/x&gt;</textarea>');
  });

  it('renders a fallback region byte for byte', () => {
    expect(render('<div><p>{{ a }}<div>b</div></p></div>', { a: 1 })).toBe('<div><p>1<div>b</div></p></div>');
  });
});
