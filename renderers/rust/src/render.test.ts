import { markSafe } from '@tessera/runtime';
import { compile, Library, MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import renderer, { encodeContext } from './index.js';

function render(source: string, context: Record<string, unknown>, templates: Record<string, string> = {}): string {
  return renderer.render(renderer.prepare(compile('main.html', new MemoryLoader({ ...templates, 'main.html': source }))), context);
}

function errorOf(fn: () => unknown): { name: string; message: string } {
  try {
    fn();
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error('expected a throw');
}

describe('render', () => {
  it('renders loops, filters, escaping and inheritance as Django', () => {
    const templates = { 'base.html': '<title>{% block t %}Base{% endblock %}</title>' };
    expect(render("{% extends 'base.html' %}{% block t %}{{ block.super }}+{{ n|add:2 }}{% endblock %}", { n: 1 }, templates)).toBe(
      '<title>Base+3</title>',
    );
    expect(render('{% for x in xs %}{{ forloop.revcounter }}{{ x|upper }}{% if not forloop.last %},{% endif %}{% endfor %}', { xs: ['a', '<b>'] })).toBe(
      '2A,1&lt;B&gt;',
    );
    expect(render('{{ v }}|{{ f }}|{{ l }}|{{ d.items }}', { v: null, f: 0.5, l: [1, 'a'], d: { k: true } })).toBe(
      'None|0.5|[1, &#x27;a&#x27;]|dict_items([(&#x27;k&#x27;, True)])',
    );
  });

  it('carries SafeStrings, NaN, infinities and undefined across the boundary', () => {
    expect(encodeContext({ s: markSafe('<b>'), n: Number.NaN })).toBe('{"s":{"\\u0000s":"<b>"},"n":{"\\u0000f":"NaN"}}');
    expect(render('{{ s }}{{ n }}{{ i }}{{ u }}', { s: markSafe('<b>'), n: Number.NaN, i: -Infinity, u: undefined })).toBe('<b>nan-infNone');
  });

  it('names errors after the Python classes Django raises', () => {
    expect(errorOf(() => render('{{ x|divisibleby:0 }}', { x: 4 })).name).toBe('ZeroDivisionError');
    expect(errorOf(() => render('{{ x|add:y }}', { x: 1 })).name).toBe('VariableDoesNotExist');
    expect(errorOf(() => render('{% for a, b in xs %}{% endfor %}', { xs: [[1, 2, 3]] })).name).toBe('ValueError');
    expect(errorOf(() => render("{% include 'nope.html' %}", {})).name).toBe('TemplateDoesNotExist');
  });

  it('refuses what it cannot render instead of rendering it wrongly', () => {
    const dated = errorOf(() => render('{{ d }}', { d: new Date(0) }));
    expect(dated).toEqual({ name: 'UnsupportedError', message: "context value at 'd' is a Date (renderer-rust has no date values)" });
    expect(errorOf(() => render('{{ f }}', { f: () => 1 })).name).toBe('UnsupportedError');
    expect(errorOf(() => render('{{ m }}', { m: new Map() })).name).toBe('UnsupportedError');
    expect(errorOf(() => render('{{ x|date:"Y" }}', {})).message).toContain("filter 'date'");
    expect(errorOf(() => render('{% now "Y" %}', {})).name).toBe('UnsupportedError');
  });

  it('refuses custom filters from JS libraries with a clear error', () => {
    const libraries = { mine: new Library().filter('shout', (v) => `${String(v)}!`) };
    const template = compile('t', new MemoryLoader({ t: '{% load mine %}{{ x|shout }}' }), { libraries });
    const err = errorOf(() => renderer.prepare(template));
    expect(err.name).toBe('UnsupportedError');
    expect(err.message).toContain("filter 'shout' from library 'mine'");
  });

  it('stops unbounded recursion with RecursionError', () => {
    expect(errorOf(() => render("{% include 'main.html' %}", {})).name).toBe('RecursionError');
  });
});
