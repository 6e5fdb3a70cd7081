import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, Library, MemoryLoader } from '@tessera/template';
import renderer, { instantiate, prepare, render, toModule, type Factory } from './index.js';

const page = () =>
  compile(
    'page.html',
    new MemoryLoader({ 'page.html': '<p>{{ who }}</p>{% include "part.html" %}', 'part.html': '[{{ who|upper }}]' }),
  );

describe('renderer', () => {
  it('implements the Renderer interface', () => {
    expect(renderer.name).toBe('codegen');
    expect(renderer.render(renderer.prepare(page()), { who: 'a<b' })).toBe('<p>a&lt;b</p>[A&lt;B]');
  });

  it('generates once per template and hands the source to emit', () => {
    const t = page();
    const sources: string[] = [];
    const first = prepare(t, { emit: (s) => sources.push(s) });
    const second = prepare(t, { emit: (s) => sources.push(s) });
    expect(sources).toHaveLength(1);
    expect(second.render).toBe(first.render);
    expect(render(second, { who: 'x' })).toBe('<p>x</p>[X]');
  });

  it('honours the autoescape compile option', () => {
    const t = compile('p.html', new MemoryLoader({ 'p.html': '{{ v }}' }), { autoescape: false });
    expect(render(prepare(t), { v: '<b>' })).toBe('<b>');
  });

  it("renders dynamic includes under the includer's autoescape state", () => {
    const t = compile(
      'p.html',
      new MemoryLoader({
        'p.html': '{% autoescape off %}{% include n %}{% endautoescape %}{% include n %}',
        'q.html': '{{ v }}',
      }),
    );
    expect(render(prepare(t), { n: 'q.html', v: '<b>' })).toBe('<b>&lt;b&gt;');
  });
});

describe('{% load %}ed libraries', () => {
  it('calls simple tags with resolved arguments and a lookup that sees loop variables', () => {
    const lib = new Library()
      .simpleTag(
        'pair',
        ([a], kwargs, env) =>
          `<${String(a)}:${String(kwargs['b'])}:${String(env.lookup('x'))}:${String(env.lookup('nope'))}>`,
      )
      .filter('shout', (v) => `${String(v).toUpperCase()}!`);
    const t = compile(
      'p.html',
      new MemoryLoader({
        'p.html':
          "{% load mylib %}{% for x in l %}{% pair x b='k' %}{% endfor %}{% pair 1 b=2 as r %}[{{ r }}]{{ 'a'|shout }}",
      }),
      {
        libraries: { mylib: lib },
      },
    );
    expect(render(prepare(t), { l: [1, 2] })).toBe(
      '&lt;1:k:1:undefined&gt;&lt;2:k:2:undefined&gt;[&lt;1:2:undefined:undefined&gt;]A!',
    );
  });
});

describe('precompiled modules', () => {
  it('round-trips through a file: toModule, import, instantiate', async () => {
    const t = page();
    const dir = mkdtempSync(join(tmpdir(), 'tessera-codegen-'));
    try {
      const file = join(dir, 'page.mjs');
      writeFileSync(file, toModule(t));
      const mod = (await import(pathToFileURL(file).href)) as { default: Factory };
      expect(instantiate(mod.default, t)({ who: 'z' })).toBe('<p>z</p>[Z]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
