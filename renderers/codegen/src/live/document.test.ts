import { compile, MemoryLoader } from '@tessera/template';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveDom } from '@tessera/fuzz';
import { SafeString } from '@tessera/runtime';
import renderer from '../index.js';

const base = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{% block title %}{% endblock %}</title>
</head>
<body>
  <nav class="top">Signed in as {{ user.name }}</nav>
  <main>
  {% block content %}{% endblock %}
  </main>
</body>
</html>
`;
const dashboard = `{% extends "base.html" %}
{% block title %}Dashboard{% endblock %}
{% block content %}
  <div class="stats">
    <h1>Welcome, {{ user.name }}</h1>
    <!-- This updates independently -->
    <div>Active Users: {{ active_count }}</div>
    {% for item in items %}
      <div class="{{ item.kind }}">{{ item.name }}</div>
    {% endfor %}
  </div>
{% endblock %}`;

const page = renderer.prepare(
  compile('dashboard.html', new MemoryLoader({ 'base.html': base, 'dashboard.html': dashboard })),
);
const items = (ids: number[], suffix = '') =>
  ids.map((id) => ({ id, name: `Item ${id}${suffix}`, kind: id % 2 ? 'odd' : 'even' }));

function check(doc: ReturnType<typeof renderer.mount>, dom: LiveDom, context: Record<string, unknown>) {
  const fresh = renderer.render(page, context);
  expect(doc.html).toBe(fresh);
  const result = dom.holds(fresh);
  expect(result.got).toBe(result.equal ? result.got : fresh);
}

describe('compiled live engine', () => {
  it('mounts the page codegen renders, with anchors for the elements it patches', () => {
    const context = { user: { name: 'Ada' }, active_count: 3, items: items([1, 2, 3]) };
    const doc = renderer.mount(page, context);
    expect(doc.html).toBe(renderer.render(page, context));
    expect(doc.anchors.length).toBeGreaterThan(0);
  });

  it('sends one small op for one scalar', () => {
    const context = { user: { name: 'Ada' }, active_count: 3, items: items([1, 2, 3]) };
    const doc = renderer.mount(page, context);
    const dom = new LiveDom(doc);
    const patches = doc.set({ active_count: 4 });
    expect(patches).toHaveLength(1);
    expect(patches).toEqual([[4, 'Active Users: 4']]);
    expect(JSON.stringify(patches).length).toBeLessThanOrEqual(64);
    dom.apply(patches);
    check(doc, dom, { ...context, active_count: 4 });
  });

  it('keys rows that share an id by position: the page goes whole once, then repeats send nothing', () => {
    const p = renderer.prepare(
      compile(
        'd.html',
        new MemoryLoader({ 'd.html': '<main>{% for x in ds %}<i>{{ x.id }}{{ x.n }}</i>{% endfor %}</main>' }),
      ),
    );
    const doc = renderer.mount(p, { ds: [{ id: 1 }, { id: 2 }, { id: 3 }] });
    const dom = new LiveDom(doc);
    const twice = { ds: [{ id: 1 }, { id: 2 }, { id: 2, n: 'b' }] };
    const first = doc.update(twice);
    expect(first.length).toBeGreaterThan(0);
    dom.apply(first);
    expect(doc.update(twice)).toEqual([]);
    const one = doc.update({ ds: [{ id: 1 }, { id: 2 }, { id: 2, n: 'c' }] });
    expect(one).toHaveLength(1);
    dom.apply(one);
    dom.apply(doc.update({ ds: [{ id: 1 }, { id: 2, n: 'a' }, { id: 2, n: 'c' }] }));
    expect(dom.holds(renderer.render(p, { ds: [{ id: 1 }, { id: 2, n: 'a' }, { id: 2, n: 'c' }] })).equal).toBe(true);
  });

  it('sends an attribute scalar as a slot patch with its name and decoded value, and the root as an op', () => {
    const p = renderer.prepare(compile('m.html', new MemoryLoader({ 'm.html': '<p><a href="{{ url }}">go</a></p>' })));
    const doc = renderer.mount(p, { url: '/a' });
    const dom = new LiveDom(doc);
    const patches = doc.set({ url: '/b?x=1&y=2' });
    expect(patches).toEqual([[expect.any(Number), 'href', '/b?x=1&y=2']]);
    dom.apply(patches);
    expect(dom.holds(renderer.render(p, { url: '/b?x=1&y=2' })).equal).toBe(true);
    const whole = renderer.prepare(compile('r.html', new MemoryLoader({ 'r.html': '{{ a }}<b>{{ b }}</b>' })));
    const root = renderer.mount(whole, { a: 1, b: 2 });
    const rootDom = new LiveDom(root);
    const ops = root.set({ a: 3 });
    expect(ops.every((op) => !Array.isArray(op))).toBe(true);
    rootDom.apply(ops);
    expect(rootDom.holds(renderer.render(whole, { a: 3, b: 2 })).equal).toBe(true);
  });

  it('counts long values that misfit and fit again, each checked once (the page goes whole only meanwhile)', () => {
    const p = renderer.prepare(
      compile('t.html', new MemoryLoader({ 't.html': '<div><p>{{ cell|safe }}</p></div><span>{{ n }}</span>' })),
    );
    // Longer than the per-value fit cache takes: the one remembered long value per slot answers.
    const fit = (tag: string) => `<${tag}>x</${tag}>`.repeat(100);
    // A <div> ends the <p> it is put in: the parser moves it out.
    const misfit = `<div>moved</div>${'y'.repeat(600)}`;
    let context: Record<string, unknown> = { cell: fit('b'), n: 1 };
    const doc = renderer.mount(p, context);
    const dom = new LiveDom(doc);
    const step = (changes: Record<string, unknown>, whole: boolean) => {
      context = { ...context, ...changes };
      const patches = doc.set(changes);
      // The page whole is an html op on the root (no path), with the anchor table.
      expect(patches.some((op) => !Array.isArray(op) && 'op' in op && op.op === 'anchors')).toBe(whole);
      dom.apply(patches);
      expect(dom.holds(renderer.render(p, context)).equal).toBe(true);
    };
    step({ cell: fit('i') }, false);
    step({ cell: misfit }, true);
    step({ n: 2 }, true);
    step({ cell: fit('em') }, true);
    step({ n: 3 }, false);
    step({ cell: fit('b') }, false);
  });

  it('keeps rows by id through inserts, removes, moves and value changes', () => {
    let context: Record<string, unknown> = { user: { name: 'Ada' }, active_count: 3, items: items([1, 2, 3, 4, 5]) };
    const doc = renderer.mount(page, context);
    const dom = new LiveDom(doc);
    for (const ids of [
      [1, 2, 3, 4, 5, 6],
      [0, 1, 3, 4, 5, 6],
      [6, 5, 4, 3, 1, 0],
      [5, 6, 7],
      [7],
      [],
      [1, 2],
      [2, 9, 1],
    ]) {
      context = { ...context, items: items(ids, 'x') };
      dom.apply(doc.update(context));
      check(doc, dom, context);
    }
  });

  it('re-fetched lists with equal values send nothing', () => {
    const context = { user: { name: 'Ada' }, active_count: 3, items: items([1, 2, 3]) };
    const doc = renderer.mount(page, context);
    expect(doc.update({ ...context, items: items([1, 2, 3]) })).toEqual([]);
  });
});

describe('keyed loops, any shape of separators', () => {
  const bodies = [
    '<ul>{% for item in items %}<li class="{{ item.kind }}">{{ item.name }}</li>{% endfor %}</ul>',
    '<ul>\n{% for item in items %}\n  <li data-x="{{ item.name }}"><b>{{ item.name }}</b> <i>{{ item.kind }}</i></li>{% endfor %}\n</ul>',
    '<div><p>head {{ title }}</p>{% for item in items %}<span>{{ item.name }}</span>,{% endfor %}<p>{{ title }}</p></div>',
    '{% for item in items %}<p>{{ item.name }}</p>\n{% endfor %}<em>{{ title }}</em>',
    '<table><tbody>{% for item in items %}<tr><td>{{ item.name }}</td><td>{{ item.kind }}</td></tr>{% endfor %}</tbody></table>',
  ];
  const list = fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 10 });
  const step = fc.record({ ids: list, suffix: fc.constantFrom('', 'x', '<y>'), title: fc.constantFrom('a', 'b') });
  for (const body of bodies) {
    it(body, () => {
      const p = renderer.prepare(compile('m.html', new MemoryLoader({ 'm.html': body })));
      fc.assert(
        fc.property(step, fc.array(step, { minLength: 2, maxLength: 5 }), (first, steps) => {
          const context = (s: typeof first) => ({ title: s.title, items: items(s.ids, s.suffix) });
          const doc = renderer.mount(p, context(first));
          const dom = new LiveDom(doc);
          for (const s of steps) {
            dom.apply(doc.update(context(s)));
            const fresh = renderer.render(p, context(s));
            const result = dom.holds(fresh);
            expect(result.got).toBe(result.equal ? result.got : fresh);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('rows reused by their inputs', () => {
  it('reads a key the item lacks as Django does (an emulated dict method), so a row whose object changed is not reused', () => {
    const p = renderer.prepare(
      compile(
        'm.html',
        new MemoryLoader({ 'm.html': '<ul>{% for item in items %}<li>{{ item.keys|length }}</li>{% endfor %}</ul>' }),
      ),
    );
    const doc = renderer.mount(p, { items: [{ id: 1, a: 1 }] });
    const dom = new LiveDom(doc);
    const next = { items: [{ id: 1, a: 1, b: 2 }] };
    dom.apply(doc.update(next));
    const fresh = renderer.render(p, next);
    expect(fresh).toContain('<li>3</li>');
    expect(dom.holds(fresh).equal).toBe(true);
  });

  it('sends nothing for a re-fetched list with equal values, and only the scalar beside it', () => {
    const context = { user: { name: 'Ada' }, active_count: 3, items: items([1, 2, 3]) };
    const doc = renderer.mount(page, context);
    expect(doc.update({ ...context, items: items([1, 2, 3]), active_count: 4 })).toEqual([[4, 'Active Users: 4']]);
  });

  it('reads nested inputs of plain objects and class instances alike: equal values reuse rows, a nested change is sent', () => {
    const p = renderer.prepare(
      compile(
        'm.html',
        new MemoryLoader({
          'm.html': '<ul>{% for b in books %}<li>{{ b.title }} by {{ b.author.name }}</li>{% endfor %}</ul>',
        }),
      ),
    );
    class Book {
      constructor(
        readonly id: number,
        readonly title: string,
        readonly author: { name: string },
      ) {}
    }
    const plain = (name: string) => [1, 2, 3].map((id) => ({ id, title: `T${id}`, author: { name: `${name}${id}` } }));
    const classy = (name: string) => [1, 2, 3].map((id) => new Book(id, `T${id}`, { name: `${name}${id}` }));
    for (const books of [plain, classy]) {
      const doc = renderer.mount(p, { books: books('A') });
      const dom = new LiveDom(doc);
      expect(doc.update({ books: books('A') })).toEqual([]);
      const patches = doc.update({ books: books('B') });
      dom.apply(patches);
      expect(dom.holds(renderer.render(p, { books: books('B') })).equal).toBe(true);
      expect(doc.update({ books: books('B') })).toEqual([]);
    }
  });

  it('after a change of every row (inputs no longer read), a re-fetch still reuses every row and a later edit is sent', () => {
    const ids = Array.from({ length: 60 }, (_, i) => i);
    let context: Record<string, unknown> = { user: { name: 'Ada' }, active_count: 3, items: items(ids) };
    const doc = renderer.mount(page, context);
    const dom = new LiveDom(doc);
    context = { ...context, items: items(ids, 'b') };
    dom.apply(doc.update(context));
    check(doc, dom, context);
    expect(doc.update({ ...context, items: items(ids, 'b') })).toEqual([]);
    const edited = items(ids, 'b');
    edited[40] = { id: 40, name: 'Edited', kind: 'even' };
    context = { ...context, items: edited };
    const patches = doc.update(context);
    expect(patches).toHaveLength(1);
    dom.apply(patches);
    check(doc, dom, context);
  });
});

describe('markup in row slots', () => {
  it('patches rows whose {% if %} branches render elements, and resets when a value would restructure the DOM', () => {
    const p = renderer.prepare(
      compile(
        'm.html',
        new MemoryLoader({
          'm.html':
            '<ul>{% for item in items %}<li>{% if item.on %}<b>on</b>{% else %}<i>off</i>{% endif %}{{ item.extra|safe }}</li>{% endfor %}</ul>',
        }),
      ),
    );
    const rows = (on: (i: number) => boolean, extra = '') =>
      Array.from({ length: 30 }, (_, id) => ({ id, on: on(id), extra }));
    let context: Record<string, unknown> = { items: rows(() => true) };
    const doc = renderer.mount(p, context);
    const dom = new LiveDom(doc);
    for (const next of [
      rows((i) => i % 2 === 0),
      rows((i) => i % 3 === 0),
      rows(() => false, '<li>x</li>'),
      rows(() => true),
    ]) {
      context = { items: next };
      const patches = doc.update(context);
      dom.apply(patches);
      const fresh = renderer.render(p, context);
      expect(dom.holds(fresh).equal).toBe(true);
    }
  });

  it.each([
    [
      'an unconditional',
      "<ul>{% for x in items %}<li>{% cycle 'odd' '<r>' %}{% resetcycle %}{{ x.name }}</li>{% endfor %}</ul>",
    ],
    [
      'a conditional',
      "<ul>{% for x in items %}<li>{% cycle 'a' 'b' 'c' %}{% if x.reset %}{% resetcycle %}{% endif %}</li>{% endfor %}</ul>",
    ],
  ])('mounts and updates a row cycle that %s resetcycle resets as the render prints it', (_, source) => {
    const p = renderer.prepare(compile('m.html', new MemoryLoader({ 'm.html': source })));
    const rows = (ids: number[], reset: (id: number) => boolean) =>
      ids.map((id) => ({ id, name: `n${id}`, reset: reset(id) }));
    let context: Record<string, unknown> = { items: rows([1, 2, 3], (id) => id === 2) };
    const doc = renderer.mount(p, context);
    expect(doc.html).toBe(renderer.render(p, context));
    const dom = new LiveDom(doc);
    for (const next of [
      rows([2, 3], (id) => id === 2),
      rows([4, 1, 2, 3], () => false),
      rows([1, 2, 3, 4], (id) => id > 2),
    ]) {
      context = { items: next };
      dom.apply(doc.update(context));
      const fresh = renderer.render(p, context);
      expect(doc.html).toBe(fresh);
      expect(dom.holds(fresh).equal).toBe(true);
    }
  });

  it('still looks for markup in escaped row slots when a value is no string or number', () => {
    // Row slots print escaped outputs only, so their values go unscanned unless a SafeString reaches them.
    const context = { user: { name: 'Ada' }, active_count: 3, items: items([1, 2, 3]) };
    const doc = renderer.mount(page, context);
    const dom = new LiveDom(doc);
    const steps = [
      { ...context, items: items([1, 2, 3], ' b') },
      {
        ...context,
        items: items([1, 2, 3], ' c').map((it, i) => (i === 1 ? { ...it, name: new SafeString('x</div><p>y') } : it)),
      },
      { ...context, items: items([1, 2, 3], ' d') },
    ];
    for (const step of steps) {
      dom.apply(doc.update(step));
      check(doc, dom, step);
    }
  });
});
