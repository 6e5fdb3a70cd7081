import { AnchorMap, applyPatches, type Anchor, type PatchEntry } from '@tessera/dom-patch';
import { compile, MemoryLoader } from '@tessera/template';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import renderer from './index.js';
import { NativeDocument } from './native.js';
import { crossings } from '../test/calls.js';

/** A patch's op, `slot` for a slot patch (an `[at, ...]` tuple). */
const opOf = (p: PatchEntry): string => ('op' in p ? p.op : 'slot');

const document = new Window().document;

function holder(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div as unknown as Element;
}

function applied(before: { html: string; anchors: readonly Anchor[] }, patches: readonly PatchEntry[]): string {
  const root = holder(before.html);
  applyPatches(root, patches, new AnchorMap(root, before.anchors));
  return root.innerHTML;
}

const page = compile(
  'main.html',
  new MemoryLoader({
    'main.html':
      '<h1>{{ title }}</h1><ul>{% for i in items %}<li data-key="{{ i.id }}">{{ i.name }}</li>{% endfor %}</ul><p>{{ count }}</p>',
  }),
);

describe('mount / update / set', () => {
  const prepared = renderer.prepare(page);
  const a = {
    title: 'T',
    items: [
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ],
    count: 1,
  };
  const b = {
    title: 'T2',
    items: [
      { id: 2, name: 'b' },
      { id: 3, name: 'c&' },
    ],
    count: 2,
  };

  it('mounts with the html render() gives', () => {
    expect(renderer.mount(prepared, a).html).toBe(renderer.render(prepared, a));
  });

  it('update turns the DOM of render(A) into the DOM of render(B)', () => {
    const doc = renderer.mount(prepared, a);
    const before = { html: doc.html, anchors: doc.anchors };
    const patches = doc.update(b);
    expect(applied(before, patches)).toBe(holder(renderer.render(prepared, b)).innerHTML);
    expect(doc.html).toBe(renderer.render(prepared, b));
  });

  it('an update that changes nothing sends no patch', () => {
    const doc = renderer.mount(prepared, a);
    expect(doc.update({ ...a })).toEqual([]);
  });

  it('set(changes) keeps the other names on the Rust side', () => {
    const doc = renderer.mount(prepared, a);
    const before = { html: doc.html, anchors: doc.anchors };
    const patches = doc.set({ count: 5 });
    expect(patches).toHaveLength(1);
    expect(doc.html).toBe(renderer.render(prepared, { ...a, count: 5 }));
    expect(applied(before, patches)).toContain('<p>5</p>');
  });

  it('set re-renders only what reads the changed names, and always equals a full render', () => {
    const pages = [
      page,
      compile(
        'c.html',
        new MemoryLoader({
          'c.html':
            '{% cycle "x" "y" as c %}<h1>{{ title }}</h1>{% for i in items %}{% cycle "o" "e" %}{{ c }}{% endfor %}{{ count }}',
        }),
      ),
      compile(
        'child.html',
        new MemoryLoader({
          'base.html':
            '<nav>{{ title }}</nav>{% block main %}<p>{{ count }}</p>{% endblock %}<footer>{% block foot %}f{% endblock %}</footer>',
          'child.html':
            '{% extends "base.html" %}{% block main %}<h1>{{ title|upper }}</h1>{% for i in items %}{{ i.name }}{% endfor %}[{{ block.super }}]{% endblock %}',
        }),
      ),
    ].map((t) => renderer.prepare(t));
    const steps: Record<string, unknown>[] = [
      { title: 'X' },
      { count: 9 },
      { items: [{ id: 4, name: 'd' }] },
      { nothing: 1 },
      { title: 'T', count: 1 },
    ];
    for (const p of pages) {
      const doc = renderer.mount(p, a);
      let context: Record<string, unknown> = { ...a };
      for (const changes of steps) {
        const before = doc.html;
        context = { ...context, ...changes };
        const patches = doc.set(changes);
        expect(doc.html).toBe(renderer.render(p, context));
        expect(patches.length > 0).toBe(doc.html !== before);
      }
    }
  });

  it('a failed update leaves the document as it was', () => {
    const doc = renderer.mount(prepared, a);
    expect(() => doc.update({ ...a, title: Promise.resolve('x') })).toThrow(
      expect.objectContaining({ name: 'TypeError' }),
    );
    expect(doc.html).toBe(renderer.render(prepared, a));
  });
});

describe('what an update sends into the addon', () => {
  const prepared = renderer.prepare(page);
  const a = { title: 'T', items: [1, 2, 3].map((id) => ({ id, name: `n${id}`, unread: id })), count: 1 };
  // The JSON each call into the addon carried, by method.
  const calls = () => crossings(NativeDocument);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('a list fetched again with equal values stays out: only the changed scalar crosses', () => {
    const doc = renderer.mount(prepared, a);
    const before = { html: doc.html, anchors: doc.anchors };
    const seen = calls();
    const next = { ...structuredClone(a), title: 'U' };
    const patches = doc.update(next);
    expect(seen.update()).toEqual([]);
    expect(seen.set()).toEqual([{ title: 'U' }]);
    expect(applied(before, patches)).toBe(holder(renderer.render(prepared, next)).innerHTML);
    // Nothing of the page changed: no call at all.
    expect(doc.update(structuredClone(next))).toEqual([]);
    expect(seen.set()).toHaveLength(1);
  });

  it('a changed row sends its list; a key the template does not read is not looked at', () => {
    const doc = renderer.mount(prepared, a);
    const seen = calls();
    const unread = structuredClone(a);
    unread.items[0] = { id: 1, name: 'n1', unread: 99 };
    expect(doc.update(unread)).toEqual([]);
    const renamed = structuredClone(a);
    renamed.items[2] = { id: 3, name: 'renamed', unread: 3 };
    const before = { html: doc.html, anchors: doc.anchors };
    const patches = doc.update(renamed);
    expect(seen.set().map(Object.keys)).toEqual([['items']]);
    expect(applied(before, patches)).toBe(holder(renderer.render(prepared, renamed)).innerHTML);
  });

  it('a name gone, or the same context object again (changed in place), is a whole update', () => {
    const doc = renderer.mount(prepared, a);
    const seen = calls();
    const { count: _, ...gone } = a;
    doc.update(gone);
    expect(doc.html).toBe(renderer.render(prepared, gone));
    const context: Record<string, unknown> = { ...a };
    doc.update(context);
    context.title = 'in place';
    doc.update(context);
    expect(doc.html).toBe(renderer.render(prepared, context));
    expect(seen.update()).toHaveLength(2);
  });

  it('a template that reads the clock sends every name each time', () => {
    const clock = renderer.prepare(compile('now.html', new MemoryLoader({ 'now.html': '{{ title }} {% now "Y" %}' })));
    const doc = renderer.mount(clock, a);
    const seen = calls();
    doc.update(structuredClone(a));
    expect(seen.update()).toHaveLength(1);
  });

  it('set(changes) sends only the names whose data changed', () => {
    const doc = renderer.mount(prepared, a);
    const seen = calls();
    expect(doc.set({ items: structuredClone(a.items), count: 2 })).toHaveLength(1);
    expect(seen.set()).toEqual([{ count: 2 }]);
    expect(doc.set({ notRead: 1 })).toEqual([]);
    expect(seen.set()).toHaveLength(1);
  });
});

describe('a long patch list', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('crosses in pieces of at most 32,768 units and decodes to the patches of the whole', () => {
    const prepared = renderer.prepare(page);
    // Accented names: the list crosses as UTF-16, and a piece may end inside a value or a surrogate pair.
    const items = (tag: string) =>
      Array.from({ length: 6000 }, (_, k) => ({ id: k, name: `${tag}é😀${'x'.repeat(k % 7)}${k}` }));
    const a = { title: 'T', items: items('a'), count: 1 };
    const b = { title: 'T', items: items('b'), count: 1 };
    const doc = renderer.mount(prepared, a);
    const before = { html: doc.html, anchors: doc.anchors };
    // Only `items` changed: the list crosses through `set`.
    const native = vi.spyOn(NativeDocument.prototype, 'set');
    const patches = doc.update(b);
    const wire = native.mock.results[0]?.value as unknown;
    expect(Array.isArray(wire)).toBe(true);
    const pieces = wire as string[];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.every((p) => p.length <= 32768)).toBe(true);
    expect(pieces.slice(0, -1).every((p) => p.length === 32768)).toBe(true);
    expect(applied(before, patches)).toBe(holder(renderer.render(prepared, b)).innerHTML);
  });
});

describe('anchors', () => {
  const dashboard = renderer.prepare(
    compile(
      'dash.html',
      new MemoryLoader({
        'dash.html':
          '<header><h1>{{ title }}</h1></header>\n<section class="{{ cls }}">{% for i in items %}<p>{{ i }}</p>{% endfor %}<footer>{{ count }}</footer></section><aside>static</aside>',
      }),
    ),
  );
  const first = { title: 'a', cls: 'x', items: [1, 2], count: 1 };

  it('names the dynamic elements outside loops, the same on every render of the template', () => {
    const doc = renderer.mount(dashboard, first);
    // header, h1, section, footer: dynamic and outside the loop; not the loop's <p>, not the static <aside>.
    expect(doc.anchors.map(([, path]) => path)).toEqual([[0], [0, 0], [2], [2, 2]]);
    const other = renderer.mount(dashboard, { title: 'longer', cls: 'y z', items: [5, 6, 7, 8], count: 99 });
    expect(other.anchors.map(([id]) => id)).toEqual(doc.anchors.map(([id]) => id));
    expect(new Set(doc.anchors.map(([id]) => id)).size).toBe(4);
  });

  it('addresses patches from them and ends structural lists with the new table', () => {
    const doc = renderer.mount(dashboard, first);
    const dom = holder(doc.html);
    const map = new AnchorMap(dom, doc.anchors);
    const ids = new Map(doc.anchors.map(([id, path]) => [path.join('.'), id]));
    expect(doc.set({ count: 2 })).toEqual([{ op: 'text', at: ids.get('2.2'), path: [0], value: '2' }]);
    expect(doc.set({ title: 'b', cls: 'y' })).toEqual([
      { op: 'text', at: ids.get('0.0'), path: [0], value: 'b' },
      { op: 'attr', at: ids.get('2'), path: [], name: 'class', value: 'y' },
    ]);
    applyPatches(dom, doc.update({ ...first, count: 2 }), map);
    // A third item moves the footer: the list ends with the table, in which only the footer's path changed.
    const patches = doc.set({ items: [1, 2, 3] });
    expect(patches.every((p) => 'op' in p && (p.op === 'anchors' || p.at === ids.get('2')))).toBe(true);
    expect(patches.at(-1)).toEqual({ op: 'anchors', anchors: doc.anchors });
    expect(doc.anchors.find(([id]) => id === ids.get('2.2'))?.[1]).toEqual([2, 3]);
    applyPatches(dom, patches, map);
    applyPatches(dom, doc.set({ count: 3 }), map);
    expect(map.get(ids.get('2.2')!)?.outerHTML).toBe('<footer>3</footer>');
    expect(dom.innerHTML).toBe(holder(doc.html).innerHTML);
  });

  it('mount(..., { anchors: false }) addresses every patch from the root and sends no table', () => {
    const doc = renderer.mount(dashboard, first, { anchors: false });
    expect(doc.anchors).toEqual([]);
    expect(doc.set({ count: 2 })).toEqual([{ op: 'text', path: [2, 2, 0], value: '2' }]);
    const patches = doc.set({ items: [1] });
    expect(patches.map(opOf)).toEqual(['remove', 'replace']);
    expect(patches.every((p) => !('at' in p))).toBe(true);
  });
});

describe('objects of the application in a live document', () => {
  class Item {
    constructor(readonly name: string) {}
    get shout(): string {
      return this.name.toUpperCase();
    }
  }
  const prepared = renderer.prepare(
    compile(
      'o.html',
      new MemoryLoader({
        'o.html': '<p>{{ title }}</p><ul>{% for i in items %}<li>{{ i.shout }}</li>{% endfor %}</ul>',
      }),
    ),
  );

  it('asks each object for its getters on every render that reads them, after set() replaced others', () => {
    const doc = renderer.mount(prepared, { title: 't', items: [new Item('a')] });
    expect(doc.html).toBe('<p>t</p><ul><li>A</li></ul>');
    for (const name of ['b', 'c', 'd']) doc.set({ items: [new Item(name), new Item(`${name}2`)] });
    doc.set({ title: 'u' });
    expect(doc.html).toBe('<p>u</p><ul><li>D</li><li>D2</li></ul>');
    doc.update({ title: 'v', items: [new Item('e')] });
    expect(doc.html).toBe(renderer.render(prepared, { title: 'v', items: [new Item('e')] }));
  });
});

describe('objects of a live document after a failed update', () => {
  class Named {
    constructor(readonly name: string) {}
    get upper(): string {
      return this.name.toUpperCase();
    }
  }
  const prepared = renderer.prepare(
    compile(
      'n.html',
      new MemoryLoader({
        'n.html': '<p>{{ a.upper }}</p>{% for x in xs %}<i>{{ a.upper }}{{ x.upper }}</i>{% endfor %}',
      }),
    ),
  );

  it('still answers for the objects the document keeps when set() or update() is refused', () => {
    const doc = renderer.mount(prepared, { a: new Named('a'), xs: [new Named('x')] });
    expect(() => doc.set({ a: new Named('b'), xs: Promise.resolve([]) })).toThrow(
      expect.objectContaining({ name: 'TypeError' }),
    );
    expect(() => doc.update({ a: Promise.resolve(1), xs: [] })).toThrow(expect.objectContaining({ name: 'TypeError' }));
    // Re-rendering `xs` reads `a`'s getter again: the object is still held.
    doc.set({ xs: [new Named('y')] });
    expect(doc.html).toBe('<p>A</p><i>AY</i>');
  });
});

describe('set of names printed as text', () => {
  const source =
    '<div class="{{ cls }}"><p>{{ a }} and {{ b }}</p>{{ a }}<ul>{% for i in items %}<li>{{ i.n }}</li>{% endfor %}</ul>' +
    '<pre>{{ c }}</pre><h2>{{ c }}!</h2></div>';
  const prepared = renderer.prepare(compile('t.html', new MemoryLoader({ 't.html': source })));
  const words = ['', 'x', 'yy', ' ', '\n', '<b>', 'a&b', 'zzzz'];
  // A seeded chain of sets, one live DOM patched all along: it always holds what render gives.
  it('keeps a live DOM equal to render() along a chain of sets', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = () => words[next(words.length)] as string;
    let ctx: Record<string, unknown> = { cls: 'k', a: 'a', b: 'b', c: 'c', items: [{ n: 1 }] };
    const doc = renderer.mount(prepared, ctx);
    const root = holder(doc.html);
    let anchors = new AnchorMap(root, doc.anchors);
    for (let step = 0; step < 300; step++) {
      const name = ['a', 'b', 'c', 'cls', 'items'][next(5)] as string;
      const changes = { [name]: name === 'items' ? Array.from({ length: next(3) }, () => ({ n: pick() })) : pick() };
      ctx = { ...ctx, ...changes };
      const patches = doc.set(changes);
      applyPatches(root, patches, anchors);
      if (patches.some((p) => opOf(p) === 'anchors')) anchors = new AnchorMap(root, doc.anchors);
      expect(root.innerHTML, `step ${step}: set(${JSON.stringify(changes)})`).toBe(
        holder(renderer.render(prepared, ctx)).innerHTML,
      );
    }
    expect(doc.html).toBe(renderer.render(prepared, ctx));
  });
});
