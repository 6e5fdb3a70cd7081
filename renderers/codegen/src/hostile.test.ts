/**
 * A template can never inject JavaScript into its generated function: every template-derived string
 * reaches the source as a JSON literal, and identifiers are generated, never taken from the template.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { compile, MemoryLoader } from '@tessera/template';
import { renderFunction, toSource } from './prepare.js';

const PAYLOADS = [
  '"); process.exit(1); ("',
  "'); process.exit(1); ('",
  '</script><script>process.exit(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile payload, on purpose
  '${process.exit(1)}',
  '`; process.exit(1); `',
  'a\u2028process.exit(1)\u2029b',
  '*/ process.exit(1); /*',
  '\\"); process.exit(1); //',
];

let exit: MockInstance;
beforeEach(() => {
  exit = vi.spyOn(process, 'exit').mockImplementation((() => {
    throw new Error('process.exit reached');
  }) as never);
});
afterEach(() => {
  expect(exit).not.toHaveBeenCalled();
  exit.mockRestore();
});

function run(templates: Record<string, string>, context: Record<string, unknown> = {}, entry = 'main.html') {
  const template = compile(entry, new MemoryLoader(templates));
  return { source: toSource(template), output: renderFunction(template)(context) };
}

/** Outside its double-quoted string literals, the source must not contain the payload's code. */
function expectInert(source: string, payload: string): void {
  expect(payload).toContain('process.exit');
  const code = source.replace(/"(?:[^"\\\n\r\u2028\u2029]|\\.)*"/g, '""');
  expect(code).not.toContain('process.exit');
  expect(source).not.toMatch(/[\u2028\u2029]/);
  expect(() => new Function('h', 't', source)).not.toThrow();
}

describe.each(PAYLOADS)('payload %j', (payload) => {
  it('as static text', () => {
    const { source, output } = run({ 'main.html': `<p>${payload}</p>` });
    expect(output).toBe(`<p>${payload}</p>`);
    expectInert(source, payload);
  });

  it('as a string literal and a filter argument', () => {
    const quoted = payload.includes('"') ? `'${payload.replace(/'/g, '')}'` : `"${payload}"`;
    const text = quoted.slice(1, -1);
    const { source, output } = run(
      { 'main.html': `{{ ${quoted} }}|{{ missing|default:${quoted} }}|{% if x == ${quoted} %}eq{% endif %}` },
      { x: text },
    );
    expect(output).toBe(`${text}|${text}|eq`);
    if (text.includes('process.exit')) expectInert(source, text);
  });

  it('as context data, escaped on output', () => {
    const { output } = run({ 'main.html': '{{ v }}' }, { v: payload });
    expect(output).not.toContain('<script>');
    expect(output).not.toContain('"');
  });

  it('as a template name (static and dynamic include)', () => {
    const templates = {
      'main.html': `{% include ${JSON.stringify(payload)} %}|{% include name %}`,
      [payload]: '[{{ v }}]',
    };
    if (payload.includes('\\')) return; // not a valid DTL string literal
    const { source, output } = run(templates, { name: payload, v: 1 });
    expect(output).toBe('[1]|[1]');
    expectInert(source, payload);
  });
});

describe('template names that collide with JavaScript', () => {
  const names = [
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'prototype',
    'h',
    't',
    'c2',
    's3',
    'get',
    'out',
    'UNSET',
    'MISSING',
    'undefined',
    'NaN',
    'this',
    'arguments',
    'eval',
  ];

  it.each(names)('%s resolves only from the context', (name) => {
    expect(run({ 'main.html': `[{{ ${name} }}]` }).output).toBe('[]');
    expect(run({ 'main.html': `[{{ ${name} }}]` }, { [name]: 'v' }).output).toBe('[v]');
  });

  it.each(names)('%s works as a loop, with, cycle and block name', (name) => {
    const t = `{% for ${name} in l %}{{ ${name} }}{% endfor %}{% with ${name}=1 %}{{ ${name} }}{% endwith %}{% cycle 'a' 'b' as ${name} %}{{ ${name} }}{% block ${name} %}B{% endblock %}`;
    expect(run({ 'main.html': t }, { l: ['x', 'y'] }).output).toBe('xy1aaB');
  });

  it('keeps __proto__, constructor and toString as plain names when a context is materialized', () => {
    const templates = {
      'main.html':
        "{% with __proto__=1 %}{% for __proto__ in l %}{% include n with constructor=x toString=x %}{% include 'i.html' with __proto__=x %}{% endfor %}{% endwith %}",
      'i.html': '[{{ constructor }}{{ toString }}{{ hasOwnProperty }}]',
    };
    expect(run(templates, { l: [1], n: 'i.html', x: 'X' }).output).toBe('[XX][]');
    expect(Object.prototype).not.toHaveProperty('X');
  });

  it('never reaches JavaScript internals through lookups', () => {
    const output = run(
      {
        'main.html':
          '[{{ o.constructor }}{{ o.constructor.name }}{{ l.constructor }}{{ s.constructor }}{{ f.call }}{{ o.toString }}{{ p.polluted }}]',
      },
      {
        o: {},
        l: [],
        s: 'x',
        f: () => 'called',
        p: JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
      },
    ).output;
    expect(output).toBe('[]');
  });
});
