import { describe, expect, it } from 'vitest';
import { compile, MemoryLoader, TemplateDoesNotExist, TemplateSyntaxError } from './index.js';

function error(source: string, extra: Record<string, string> = {}): TemplateSyntaxError | TemplateDoesNotExist {
  try {
    compile('page.html', new MemoryLoader({ 'page.html': source, ...extra }));
  } catch (err) {
    if (err instanceof TemplateSyntaxError || err instanceof TemplateDoesNotExist) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(source)} to fail`);
}

describe('syntax errors carry the template name, line and column', () => {
  const cases: [string, number, number, RegExp][] = [
    ['line one\n  {% for x in %}', 2, 3, /'for' statements should have at least four words/],
    ['{{ a }}\n\n{{ b|nope }}', 3, 1, /Invalid filter: 'nope'/],
    ['{% if a %}\nx', 1, 1, /Unclosed tag on line 1: 'if'. Looking for one of: elif, else, endif/],
    ['ok\n{% frobnicate %}', 2, 1, /Invalid block tag on line 2: 'frobnicate'/],
    ['{% for x in y %}{% endif %}', 1, 17, /Invalid block tag on line 1: 'endif', expected 'empty' or 'endfor'/],
    ['{{ a.__class__ }}', 1, 1, /may not begin with underscores/],
    ['{% if a == %}{% endif %}', 1, 1, /Unexpected end of expression in if tag/],
    ['{% if a b %}{% endif %}', 1, 1, /Unused 'b' at end of if expression/],
    ['{{ }}', 1, 1, /Empty variable tag on line 1/],
    ['{% %}', 1, 1, /Empty block tag on line 1/],
    ['{{ a|upper:"x" }}', 1, 1, /upper requires 1 arguments, 2 provided/],
    ['{{ a|cut }}', 1, 1, /cut requires 2 arguments, 1 provided/],
    ['{{ a"b }}', 1, 1, /Could not parse the remainder/],
    [
      '{% block a %}{% endblock %}{% block a %}{% endblock %}',
      1,
      28,
      /'block' tag with name 'a' appears more than once/,
    ],
    ['{% load static %}{% extends "b" %}', 1, 18, /must be the first tag/],
    ['{% cycle nope %}', 1, 1, /No named cycles in template/],
    ['{% autoescape maybe %}{% endautoescape %}', 1, 1, /'autoescape' argument should be 'on' or 'off'/],
    ['{% with %}{% endwith %}', 1, 1, /'with' expected at least one variable assignment/],
    ['{% include %}', 1, 1, /takes at least one argument/],
    ['{% filter safe %}{% endfilter %}', 1, 1, /"filter safe" is not permitted/],
  ];
  for (const [source, line, col, message] of cases) {
    it(`${JSON.stringify(source)} -> line ${line}, column ${col}`, () => {
      const err = error(source);
      expect(err).toBeInstanceOf(TemplateSyntaxError);
      expect(err.name).toBe('TemplateSyntaxError');
      expect(err.template).toBe('page.html');
      expect([err.line, err.col]).toEqual([line, col]);
      expect(err.message).toMatch(message);
      expect(err.message).toContain(`page.html, line ${line}, column ${col}`);
    });
  }

  it('reports the template that holds the error, through extends', () => {
    const err = error('{% extends "base.html" %}', { 'base.html': '\n{% if %}' });
    expect([err.template, err.line]).toEqual(['base.html', 2]);
  });

  it('raises TemplateDoesNotExist for a missing parent', () => {
    const err = error('{% extends "nowhere.html" %}');
    expect(err).toBeInstanceOf(TemplateDoesNotExist);
    expect(err.name).toBe('TemplateDoesNotExist');
  });

  it('raises TemplateDoesNotExist for a missing entry template', () => {
    expect(() => compile('x.html', new MemoryLoader({}))).toThrow(TemplateDoesNotExist);
  });

  it('refuses an extends cycle', () => {
    expect(() => compile('a', new MemoryLoader({ a: '{% extends "b" %}', b: '{% extends "a" %}' }))).toThrow(
      TemplateDoesNotExist,
    );
  });
});

describe('bad input never crashes the process', () => {
  const load = (source: string) => () => compile('t', new MemoryLoader({ t: source }));
  it('deeply nested tags give a TemplateSyntaxError, not a RangeError', () => {
    expect(load('{% if a %}'.repeat(20000) + '{% endif %}'.repeat(20000))).toThrow(TemplateSyntaxError);
    expect(load(`{% if ${'not '.repeat(20000)}a %}{% endif %}`)).toThrow(TemplateSyntaxError);
    expect(load(`{% if ${'a and '.repeat(20000)}a %}{% endif %}`)).toThrow(TemplateSyntaxError);
  });
  it('unterminated tags are syntax errors or text', () => {
    expect(load('{% for x in y %}')).toThrow(TemplateSyntaxError);
    expect(load('{% if x')()).toBeDefined();
    expect(load('{{ x')()).toBeDefined();
  });
  it('a 1 MB template compiles', () => {
    const t = compile('t', new MemoryLoader({ t: '<p>{{ x }}</p>\n'.repeat(70_000) }));
    expect(t.ir.body.filter((n) => n.kind === 'output').length).toBe(70_000);
  });
  it('binary garbage compiles to text or fails with TemplateSyntaxError', () => {
    let seed = 7;
    for (let round = 0; round < 20; round++) {
      const bytes = Array.from({ length: 5000 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % 256;
      });
      const source = String.fromCharCode(...bytes) + '{{' + String.fromCharCode(...bytes.slice(0, 50)) + '}}';
      try {
        compile('t', new MemoryLoader({ t: source }));
      } catch (err) {
        expect((err as Error).name).toBe('TemplateSyntaxError');
      }
    }
  });
});
