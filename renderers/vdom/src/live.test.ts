import type { Patch } from '@tessera/dom-patch';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';
import { patchesTurn, prepare } from './test/helpers.js';

/** Templates covering the region kinds: keyed and unkeyed loops, branches, attributes, includes, blocks, fallbacks. */
const TEMPLATES: Record<string, Record<string, string>> = {
  keyedList: {
    'main.html': '<h1 class="{{ cls }}">{{ title }}</h1>\n<ul>\n{% for item in items %}  <li data-key="{{ item.id }}"{% if item.done %} class="done"{% endif %}>{{ item.name }}</li>\n{% empty %}  <li>none</li>\n{% endfor %}</ul>\n<p>{{ count }} item{{ count|pluralize }}</p>',
  },
  idKeyedTable: {
    'main.html': '<table>\n<tbody>{% for item in items %}\n<tr><td>{{ forloop.counter }}</td><td>{{ item.name|upper }}</td></tr>{% endfor %}\n</tbody></table>',
  },
  unkeyedNested: {
    'main.html': '{% for item in items %}<div>{% if item.done %}<b>{{ item.name }}</b>{% else %}<i>{{ item.name }}</i> &amp; {{ title }}{% endif %}{% for c in item.tags %}<span>{{ c }}</span>{% endfor %}</div>{% endfor %}{{ count }}',
  },
  attributesAndWith: {
    'main.html': '{% with n=items|length %}<input type="checkbox" name=\'{{ title }}\' {% if show %}checked{% endif %} data-n={{ n }}>{% endwith %}<a href="/x?{{ cls }}&amp;y=1" title="{{ title }}">{{ title|safe }}</a>',
  },
  includeAndBlock: {
    'base.html': '<main>{% block content %}<p>base</p>{% endblock %}</main><footer>{{ count }}</footer>',
    'row.html': '<li>{{ item.name }}{% if show %}!{% endif %}</li>',
    'main.html': '{% extends "base.html" %}{% block content %}<ul>{% for item in items %}{% include "row.html" %}{% endfor %}</ul>{{ block.super }}{% endblock %}',
  },
  fallbacks: {
    'main.html': '<div class="a">{% if show %}<p class="{{ cls }}">{% else %}<p>{% endif %}{{ title }}</p></div><p>{{ title }}<div>x</div></p><table>{% for item in items %}<tr><td>{{ item.name }}</td></tr>{% endfor %}</table>',
  },
  fullDocument: {
    'base.html': '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>{% block title %}{% endblock %}</title>\n</head>\n<body{% if show %} class="{{ cls }}"{% endif %}>\n  <nav>{{ title }}</nav>\n  <main>\n  {% block content %}{% endblock %}\n  </main>\n</body>\n</html>\n',
    'main.html': '{% extends "base.html" %}{% block title %}{{ title }} ({{ count }}){% endblock %}{% block content %}<ul>{% for item in items %}\n<li data-key="{{ item.id }}">{{ item.name }}</li>{% endfor %}</ul>{% endblock %}',
  },
  cycledRows: {
    'main.html': '<h1>{{ title }}</h1><table><tbody>{% for item in items %}<tr class="{% cycle \'odd\' \'even\' %}"><td>{{ item.name }}</td><td>{% cycle 1 2 3 %}</td></tr>{% endfor %}</tbody></table>{% cycle "x" "y" %}',
  },
  markupValues: {
    'main.html': '<section>{{ html|safe }}<p>{% autoescape off %}{{ title }}{% endautoescape %}</p>{% cycle "a" "b" as c silent %}{{ c }}</section>',
  },
};

const text = fc.oneof(fc.constantFrom('', ' ', 'a', 'x & y', '<b>', '"q"', "it's", 'é', 'Tom', 'a > b', '&copy'), fc.string({ maxLength: 6 }));
const item = (id: number) => fc.record({ id: fc.constant(id), name: text, done: fc.boolean(), tags: fc.array(text, { maxLength: 2 }) });
const items = fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 8 }).chain((ids) => fc.tuple(...ids.map(item)));
const context = fc.record({
  items,
  title: text,
  cls: fc.constantFrom('', 'a', 'a b', 'x"y'),
  count: fc.integer({ min: 0, max: 3 }),
  show: fc.boolean(),
  html: fc.constantFrom('', 'plain', '<em>e</em>', '<p>p</p>', '<div>d</div>', 'a <b>b</b> c', '<tr><td>t</td></tr>', '</p>', '</section>x', '<b>open', '<span>open', 'a > b', '<', '&amp', '<!-- c -->', '<br/>'),
});

describe('mount(A).update(B) turns a DOM holding render(A) into one holding render(B)', () => {
  for (const [name, templates] of Object.entries(TEMPLATES)) {
    it(name, () => {
      const prepared = prepare(templates);
      fc.assert(
        fc.property(context, context, (a, b) => {
          const doc = renderer.mount(prepared, a);
          const before = renderer.render(prepared, a);
          expect(doc.html).toBe(before);
          // Patches travel as JSON.
          const patches = JSON.parse(JSON.stringify(doc.update(b))) as Patch[];
          const after = renderer.render(prepared, b);
          const result = patchesTurn(before, patches, after);
          expect(result.got).toBe(result.equal ? result.got : after);
          expect(result.equal).toBe(true);
          expect(doc.html).toBe(after);
          expect(doc.update(b)).toEqual([]);
          expect(doc.update(structuredClone(b))).toEqual([]);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('keyed lists move the fewest nodes', () => {
  const prepared = prepare({ 'main.html': '<ul>{% for i in items %}<li data-key="{{ i }}">{{ i }}</li>{% endfor %}</ul>' });
  const update = (from: number[], to: number[]) => renderer.mount(prepared, { items: from }).update({ items: to });

  it('reversing n items is n - 1 moves', () => {
    expect(update([1, 2, 3, 4], [4, 3, 2, 1])).toEqual([
      { op: 'move', path: [0], from: 1, to: 0 },
      { op: 'move', path: [0], from: 2, to: 0 },
      { op: 'move', path: [0], from: 3, to: 0 },
    ]);
  });

  it('moving the last item first is one move', () => {
    expect(update([1, 2, 3, 4], [4, 1, 2, 3])).toEqual([{ op: 'move', path: [0], from: 3, to: 0 }]);
  });

  it('swapping two items is two moves, and the common prefix and suffix stay', () => {
    expect(update([1, 2, 3, 4, 5], [1, 4, 3, 2, 5])).toEqual([
      { op: 'move', path: [0], from: 2, to: 1 },
      { op: 'move', path: [0], from: 3, to: 1 },
    ]);
  });

  it('inserts and removes in the middle without touching the rest', () => {
    expect(update([1, 2, 3], [1, 9, 3])).toEqual([
      { op: 'remove', path: [0, 1] },
      { op: 'insert', path: [0], index: 1, html: '<li data-key="9">9</li>' },
    ]);
  });

  it('moves an item with the whitespace that follows it in one patch', () => {
    const spaced = prepare({ 'main.html': '<ul>\n{% for i in items %}  <li data-key="{{ i }}">{{ i }}</li>\n{% endfor %}</ul>' });
    const doc = renderer.mount(spaced, { items: [1, 2, 3] });
    // The last item's text merges with the text after the loop, so two texts also change.
    expect(doc.update({ items: [3, 2, 1] })).toEqual([
      { op: 'move', path: [0], from: 3, to: 1, count: 2 },
      { op: 'move', path: [0], from: 5, to: 1, count: 2 },
      { op: 'text', path: [0, 2], value: '\n  ' },
      { op: 'text', path: [0, 6], value: '\n' },
    ]);
  });

  it('keys by the loop item id when there is no key attribute', () => {
    const byId = prepare({ 'main.html': '<ul>{% for i in items %}<li>{{ i.name }}</li>{% endfor %}</ul>' });
    const doc = renderer.mount(byId, { items: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }] });
    expect(doc.update({ items: [{ id: 2, name: 'b' }, { id: 1, name: 'a' }] })).toEqual([{ op: 'move', path: [0], from: 1, to: 0 }]);
  });
});

describe('dependency tracking', () => {
  const prepared = prepare({
    'main.html': '<header>{{ user.name }} ({{ count }})</header><ul>{% for item in items %}<li data-key="{{ item.id }}">{{ item.name }}</li>{% endfor %}</ul>',
  });
  const list = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, name: `item ${i}` }));

  it('one scalar changed on a 10,000-item page evaluates a constant number of regions', () => {
    const items = list(10_000);
    const doc = renderer.mount(prepared, { user: { name: 'Ann' }, count: 1, items });
    expect(doc.stats.evaluated).toBeGreaterThan(10_000);
    const patches = doc.update({ user: { name: 'Ann' }, count: 2, items });
    expect(patches).toEqual([{ op: 'text', path: [0, 0], value: 'Ann (2)' }]);
    expect(doc.stats.evaluated).toBeLessThan(5);
    expect(doc.stats.reused).toBeLessThan(5);
  });

  it('set(changes) re-evaluates only regions reading the changed names', () => {
    const small = list(100);
    const doc = renderer.mount(prepared, { user: { name: 'Ann' }, count: 1, items: small });
    expect(doc.set({ user: { name: 'Bob' } })).toEqual([{ op: 'text', path: [0, 0], value: 'Bob (1)' }]);
    expect(doc.stats.evaluated).toBeLessThan(5);
    const changed = small.map((it, i) => (i === 50 ? { ...it, name: 'new' } : it));
    expect(doc.set({ items: changed })).toEqual([{ op: 'text', path: [1, 50, 0], value: 'new' }]);
    expect(doc.stats.reused).toBe(100);
  });

  it('a cycle used once per loop iteration is a function of the position: other regions stay memoized', () => {
    const rows = prepare({ 'main.html': '<h1>{{ title }}</h1><ul>{% for i in items %}<li class="{% cycle \'odd\' \'even\' %}">{{ i.name }}</li>{% endfor %}</ul>' });
    expect(rows.impurity).toBeNull();
    const items = list(1_000);
    const doc = renderer.mount(rows, { title: 'a', items });
    expect(doc.set({ title: 'b' })).toEqual([{ op: 'text', path: [0, 0], value: 'b' }]);
    expect(doc.stats.evaluated).toBeLessThan(5);
    expect(doc.set({ items: items.slice(1) }).length).toBeGreaterThan(0);
    expect(doc.html).toBe(renderer.render(rows, { title: 'b', items: items.slice(1) }));
    expect(doc.html.startsWith('<h1>b</h1><ul><li class="odd">item 1</li><li class="even">item 2</li>')).toBe(true);
  });

  it('an object edited in place and passed again is re-evaluated in full', () => {
    const context = { user: { name: 'Ann' }, count: 1, items: list(3) };
    const doc = renderer.mount(prepared, context);
    (context.items[1] as { name: string }).name = 'edited';
    expect(doc.update(context)).toEqual([{ op: 'text', path: [1, 1, 0], value: 'edited' }]);
  });
});
