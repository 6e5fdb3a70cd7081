import { defaultRuntimeOptions, markSafe } from '@tessera/runtime';
import { compile, Library, MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import renderer, { encodeContext } from './index.js';

function render(source: string, context: Record<string, unknown>, templates: Record<string, string> = {}): string {
  return renderer.render(
    renderer.prepare(compile('main.html', new MemoryLoader({ ...templates, 'main.html': source }))),
    context,
  );
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
    expect(
      render(
        "{% extends 'base.html' %}{% block t %}{{ block.super }}+{{ n|add:2 }}{% endblock %}",
        { n: 1 },
        templates,
      ),
    ).toBe('<title>Base+3</title>');
    expect(render('{% block b %}[{{ block.name }}]{% endblock %}', {})).toBe('[b]');
    // `as x` writes through to a name of the caller's context, which outlives the loop (Django 5.2: '[a]', '[]').
    const cycled = '{% for i in l %}{% cycle "a" "b" as x silent %}{% endfor %}[{{ x }}]';
    expect(render(cycled, { l: [1, 2, 3], x: 'orig' })).toBe('[a]');
    expect(render(cycled, { l: [1, 2, 3] })).toBe('[]');
    expect(
      render(
        '{% for x in xs %}{{ forloop.revcounter }}{{ x|upper }}{% if not forloop.last %},{% endif %}{% endfor %}',
        { xs: ['a', '<b>'] },
      ),
    ).toBe('2A,1&lt;B&gt;');
    expect(render('{{ v }}|{{ f }}|{{ l }}|{{ d.items }}', { v: null, f: 0.5, l: [1, 'a'], d: { k: true } })).toBe(
      'None|0.5|[1, &#x27;a&#x27;]|dict_items([(&#x27;k&#x27;, True)])',
    );
  });

  it('carries SafeStrings, NaN, infinities and undefined across the boundary', () => {
    expect(encodeContext({ s: markSafe('<b>'), n: Number.NaN }, defaultRuntimeOptions)).toBe(
      '{"s":{"\\u0000s":"<b>"},"n":{"\\u0000f":"NaN"}}',
    );
    expect(
      render('{{ s }}{{ n }}{{ i }}{{ u }}', { s: markSafe('<b>'), n: Number.NaN, i: -Infinity, u: undefined }),
    ).toBe('<b>nan-inf');
  });

  it('carries Dates with their wall clock in the template time zone', () => {
    const d = new Date(Date.UTC(2024, 6, 4, 21, 5, 0));
    expect(
      render('{{ d }}|{{ d|date:"D jS F Y, P T O" }}|{{ d.year }}|{{ d|timesince:e }}', {
        d,
        e: new Date(Date.UTC(2025, 8, 5)),
      }),
    ).toBe('July 4, 2024, 9:05 p.m.|Thu 4th July 2024, 9:05 p.m. UTC +0000|2024|1\u00a0year, 2\u00a0months');
    const paris = compile('t', new MemoryLoader({ t: '{{ d|date:"H:i T I" }}' }), {
      runtime: { timezone: 'Europe/Paris' },
    });
    expect(renderer.render(renderer.prepare(paris), { d })).toBe('23:05 CEST 1');
  });

  it('names errors after the Python classes Django raises', () => {
    expect(errorOf(() => render('{{ x|divisibleby:0 }}', { x: 4 })).name).toBe('ZeroDivisionError');
    expect(errorOf(() => render('{{ x|add:y }}', { x: 1 })).name).toBe('VariableDoesNotExist');
    expect(errorOf(() => render('{% for a, b in xs %}{% endfor %}', { xs: [[1, 2, 3]] })).name).toBe('ValueError');
    expect(errorOf(() => render("{% include 'nope.html' %}", {})).name).toBe('TemplateDoesNotExist');
  });

  it('reads Sets, Maps, callables and cycles as the JS renderers do, never refusing them', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(
      render('{{ s }}|{{ f }}|{{ m.a }}|{{ m }}|{{ c }}|{{ c.self.self }}', {
        s: new Set([1]),
        f: () => 1,
        m: new Map<unknown, unknown>([
          ['a', 1],
          [2, 'b'],
        ]),
        c: cyclic,
      }),
    ).toBe('{1}|1|1|{&#x27;a&#x27;: 1, 2: &#x27;b&#x27;}|{&#x27;self&#x27;: {...}}|{&#x27;self&#x27;: {...}}');
  });

  it('runs getters and methods of class instances only when the template reads them', () => {
    const calls: string[] = [];
    class Account {
      owner = 'ada';
      get label(): string {
        calls.push('label');
        return this.owner.toUpperCase();
      }
      close(): string {
        calls.push('close');
        return 'closed';
      }
    }
    expect(render('{{ a.owner }} {{ a.label }}', { a: new Account() })).toBe('ada ADA');
    expect(calls).toEqual(['label']);
  });

  it('refuses a Promise with a TypeError naming its path', () => {
    expect(errorOf(() => render('{{ u.profile }}', { u: { profile: Promise.resolve(1) } }))).toEqual({
      name: 'TypeError',
      message: expect.stringContaining("'u.profile' is a Promise") as unknown as string,
    });
    expect(render('{{ u.name }}', { u: { name: 'a', profile: Promise.resolve(1) } })).toBe('a');
  });

  it('runs the built-in filters not ported to Rust through the JS runtime', () => {
    // Expected output written by Django 5.2.
    expect(
      render('{{ h|striptags }}|{{ h|truncatewords_html:1 }}|{{ u|urlize }}', {
        h: '<b>a b</b>',
        u: 'see example.com',
      }),
    ).toBe('a b|&lt;b&gt;a …&lt;/b&gt;|see <a href="http://example.com" rel="nofollow">example.com</a>');
  });

  it('calls back into JS for custom filters, library tags and the url hook', () => {
    const mine = new Library()
      .filter('shout', (v, a) => `${String(v)}${a === undefined ? '!' : String(a)}`)
      .simpleTag('greet', ([who], { punct }) => `<hi ${String(who)}${String(punct ?? '')}>`);
    const url = (name: string, args: unknown[]): string => `/${name}/${args.join('/')}`;
    const template = compile(
      't',
      new MemoryLoader({
        t: '{% load mine %}{{ x|shout }}{{ x|shout:"?" }} {% greet x punct="." %} {% url "p" 3 x %}',
      }),
      {
        libraries: { mine },
        url,
      },
    );
    expect(renderer.render(renderer.prepare(template), { x: 'a&b' })).toBe(
      'a&amp;b!a&amp;b? &lt;hi a&amp;b.&gt; /p/3/a&amp;b',
    );
  });

  it('passes errors of JS callbacks through with their names', () => {
    const template = compile('t', new MemoryLoader({ t: '{% url "nope" %}|{% url "nope" as u %}[{{ u }}]' }), {
      url: () => {
        throw Object.assign(new Error('Reverse for nope not found'), { name: 'NoReverseMatch' });
      },
    });
    expect(errorOf(() => renderer.render(renderer.prepare(template), {})).name).toBe('NoReverseMatch');
    const quiet = compile('t', new MemoryLoader({ t: '{% url "nope" as u %}[{{ u }}]' }), {
      url: template.options.url,
    });
    expect(renderer.render(renderer.prepare(quiet), {})).toBe('[]');
  });

  it('stops unbounded recursion with RecursionError', () => {
    expect(errorOf(() => render("{% include 'main.html' %}", {})).name).toBe('RecursionError');
  });
});
