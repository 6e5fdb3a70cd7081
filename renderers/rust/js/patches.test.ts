import { AnchorMap, applyPatches, type Anchor, type Patch } from '@tessera/dom-patch';
import { compile, MemoryLoader } from '@tessera/template';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';
import type { RustPrepared } from './prepared.js';

const document = new Window().document;

function holder(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div as unknown as Element;
}

/** The browser's side of a mounted document: its page in a DOM with the anchors bound, patched list by list. */
class LiveDom {
  readonly root: Element;
  readonly anchors: AnchorMap;

  constructor(doc: { readonly html: string; readonly anchors: readonly Anchor[] }) {
    this.root = holder(doc.html);
    this.anchors = new AnchorMap(this.root, doc.anchors);
  }

  // Applies the patches (through JSON, as a live server sends them); the DOM's markup when it does not
  // equal a DOM holding `after` (DOM equality: attribute order is not compared), else `after`.
  turned(patches: readonly Patch[], after: string): string {
    applyPatches(this.root, JSON.parse(JSON.stringify(patches)) as Patch[], this.anchors);
    const got = this.root.cloneNode(true) as Element;
    got.normalize();
    const expected = holder(after);
    expected.normalize();
    return got.isEqualNode(expected) ? after : this.root.innerHTML;
  }

  // Whether the anchors the patch lists left bound are the elements the document's table names now.
  boundAsTable(table: readonly Anchor[]): boolean {
    const fresh = new AnchorMap(this.root, table);
    return this.anchors.size === table.length && table.every(([id]) => fresh.get(id) === this.anchors.get(id));
  }
}

const prepare = (templates: Record<string, string>): RustPrepared =>
  renderer.prepare(compile('main.html', new MemoryLoader(templates)));

const TEMPLATES: Record<string, string> = {
  keyed:
    '<h1 class="{{ cls }}">{{ title }}</h1>\n<ul>\n{% for i in items %}  <li data-key="{{ i.id }}"{% if i.done %} class="done"{% endif %}>{{ i.name }}{% if i.done %} <b>done</b>{% endif %}</li>\n{% empty %}  <li>none</li>\n{% endfor %}</ul>\n{% if show %}<p title="{{ title }}">{{ count }} left</p>{% endif %}',
  unkeyed:
    '<div>{% for i in items %}<span>{{ i.name }}</span>{% if i.done %}<i>!</i>{% endif %}{% endfor %}</div><!-- {{ count }} -->',
  nested:
    '<section{% if show %} hidden{% endif %} data-n="{{ count }}">{% for i in items %}<article key="{{ i.id }}"><h2>{{ i.name|upper }}</h2>{% if i.done %}<p>{{ title }}</p>{% else %}<em>{{ cls }}</em>{% endif %}</article>{% endfor %}<textarea>{{ title }}</textarea></section>',
  table: '<table>{% for i in items %}<tr><td>{{ i.name }}</td></tr>{% endfor %}</table><p>{{ title }}</p>',
  raw: '<script>var n = {{ count }};</script><title>{{ title }}</title><p>{{ title|safe }}</p>',
};

const text = fc.constantFrom('', 'x', 'a & b', '<b>', '"q"', "it's", 'ÿ€');
const context = fc.record({
  title: text,
  cls: fc.constantFrom('a', 'b c', ''),
  show: fc.boolean(),
  count: fc.integer({ min: 0, max: 20 }),
  items: fc
    .uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 8 })
    .chain((ids) => fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), name: text, done: fc.boolean() })))),
});

// Random templates over tags the HTML parser treats specially (optional end tags, tables, select, raw
// text, foreign content, document elements, entities), end tags sometimes left out.
const TAGS = [
  'div',
  'p',
  'span',
  'ul',
  'li',
  'b',
  'i',
  'a',
  'table',
  'tr',
  'td',
  'select',
  'option',
  'pre',
  'textarea',
  'h1',
  'dl',
  'dd',
  'form',
  'title',
  'script',
  'svg',
  'body',
  'html',
];
const ATTR = fc.constantFrom(
  ' class="x"',
  " title='{{ t }}'",
  ' data-key="{{ k }}"',
  ' {% if f %}checked{% endif %}',
  ' href="/a?b=1&amp;c={{ n }}"',
  ' id=z',
  ' v="&quot;&#39;&nbsp;"',
);
const LEAF = fc.constantFrom(
  'text',
  ' ',
  '\n  ',
  '&amp; &copy',
  '&copy;',
  '{{ t }}',
  '{{ h|safe }}',
  '{{ n }}',
  '<!-- c -->',
  'a > b',
  '<br>',
  '<img{% if f %} alt="{{ t }}"{% endif %}>',
  '{% include "inc.html" %}',
  '<!DOCTYPE html>',
  '\r\n',
  '&#150;',
  '<hr/>',
);
const { nodes: randomSource } = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, LEAF, tie('el'), tie('if'), tie('for')),
  nodes: fc.array(tie('node'), { maxLength: 4 }).map((xs) => (xs as string[]).join('')),
  el: fc
    .tuple(fc.constantFrom(...TAGS), fc.array(ATTR, { maxLength: 2 }), tie('nodes'), fc.nat(9))
    .map(([t, as, body, close]) => `<${t}${as.join('')}>${String(body)}${close > 0 ? `</${t}>` : ''}`),
  if: fc.tuple(tie('nodes'), tie('nodes')).map(([x, y]) => `{% if f %}${String(x)}{% else %}${String(y)}{% endif %}`),
  for: tie('nodes').map(
    (x) =>
      `{% for it in items %}${String(x).replaceAll('{{ t }}', '{{ it.name }}').replaceAll('{{ k }}', '{{ it.id }}')}{% endfor %}`,
  ),
}));
const randomContext = fc.record({
  t: fc.constantFrom('', 'x', '<b>', 'a&b', "'q'"),
  h: fc.constantFrom('', '<i>i</i>', '<p>p', '</div>', '<td>x</td>', 'a<b', '<li>l</li>', '&copy;', '<!-- x -->'),
  n: fc.integer({ min: 0, max: 3 }),
  f: fc.boolean(),
  k: fc.constantFrom('1', '2'),
  items: fc
    .uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 5 })
    .map((ids) => ids.map((id) => ({ id, name: `n${id}` }))),
});

describe('fine-grained patches', () => {
  for (const [name, source] of Object.entries(TEMPLATES)) {
    it(`${name}: mount(A).update(B) turns a DOM holding render(A) into one holding render(B)`, () => {
      const prepared = prepare({ 'main.html': source });
      fc.assert(
        fc.property(context, context, context, (a, b, c) => {
          const doc = renderer.mount(prepared, a);
          const dom = new LiveDom(doc);
          const after = renderer.render(prepared, b);
          expect(dom.turned(doc.update(b), after)).toBe(after);
          expect(doc.html).toBe(after);
          expect(dom.boundAsTable(doc.anchors)).toBe(true);
          expect(doc.update(b)).toEqual([]);
          // Only the changed names, against the tree the update above patched in place.
          const changes = { title: c.title, count: c.count };
          const middle = renderer.render(prepared, { ...b, ...changes });
          expect(dom.turned(doc.set(changes), middle)).toBe(middle);
          const last = renderer.render(prepared, c);
          expect(dom.turned(doc.update(c), last)).toBe(last);
          expect(dom.boundAsTable(doc.anchors)).toBe(true);
        }),
        { numRuns: 120 },
      );
    });
  }

  it('sends text and attribute patches, not the page, for a modelled page', () => {
    const prepared = prepare({ 'main.html': TEMPLATES['keyed']! });
    const items = [{ id: 1, name: 'a', done: false }];
    const doc = renderer.mount(prepared, { title: 'T', cls: 'a', show: true, count: 1, items });
    // <h1>, <ul> (its content is a loop) and <p> are the anchors; the <li> of each item is not.
    expect(doc.anchors.map(([, path]) => path)).toEqual([[0], [2], [4]]);
    const [h1, , p] = doc.anchors.map(([id]) => id);
    expect(doc.set({ title: 'U', cls: 'b' })).toEqual([
      { op: 'attr', at: h1, path: [], name: 'class', value: 'b' },
      { op: 'text', at: h1, path: [0], value: 'U' },
      { op: 'attr', at: p, path: [], name: 'title', value: 'U' },
    ]);
    expect(doc.stats.modelled).toBe(true);
  });

  it('reversing a keyed list of n items is n - 1 moves', () => {
    const prepared = prepare({ 'main.html': TEMPLATES['keyed']! });
    const items = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, name: `n${i}`, done: false }));
    const base = { title: 'T', cls: 'a', show: false, count: 0 };
    const doc = renderer.mount(prepared, { ...base, items });
    const patches = doc.update({ ...base, items: [...items].reverse() });
    // Plus two text patches: the whitespace after the last item differs from that between items. Moves
    // make the list end with the table, though it did not change.
    expect(patches.map((p) => p.op)).toEqual([...Array<string>(9).fill('move'), 'text', 'text', 'anchors']);
    expect(patches.at(-1)).toEqual({ op: 'anchors', anchors: doc.anchors });
  });

  it('reversing a keyed list without whitespace between items is exactly n - 1 moves', () => {
    const prepared = prepare({
      'main.html': '<ul>{% for i in items %}<li data-key="{{ i }}">{{ i }}</li>{% endfor %}</ul>',
    });
    const items = Array.from({ length: 50 }, (_, i) => i);
    const doc = renderer.mount(prepared, { items });
    const patches = doc.update({ items: [...items].reverse() });
    const [[ul]] = doc.anchors as [Anchor];
    expect(patches).toHaveLength(50);
    expect(patches.slice(0, 49).every((p) => p.op === 'move' && p.at === ul && p.path.length === 0)).toBe(true);
    expect(patches[49]).toEqual({ op: 'anchors', anchors: [[ul, [0]]] });
  });

  it('random templates, well-formed or not: each update of a chain is right and a repeated update sends none', () => {
    fc.assert(
      fc.property(randomSource, fc.array(randomContext, { minLength: 2, maxLength: 4 }), (source, contexts) => {
        let prepared: RustPrepared;
        try {
          prepared = prepare({ 'main.html': source, 'inc.html': '<i class="{{ t }}">{{ t }}</i>' });
        } catch {
          return; // not a valid template
        }
        // Later updates diff against a tree the earlier ones patched in place (crates/dtl/src/vtree/mod.rs), and
        // are applied to one DOM through the anchors the earlier lists bound.
        const doc = renderer.mount(prepared, contexts[0]!);
        const dom = new LiveDom(doc);
        for (const next of contexts.slice(1)) {
          const after = renderer.render(prepared, next);
          expect(dom.turned(doc.update(next), after)).toBe(after);
          expect(dom.boundAsTable(doc.anchors)).toBe(true);
        }
        expect(doc.update(contexts[contexts.length - 1]!)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('sends a page the parser restructures whole', () => {
    const prepared = prepare({ 'main.html': TEMPLATES['table']! });
    const doc = renderer.mount(prepared, { title: 'a', items: [{ id: 1, name: 'x', done: false }] });
    const patches = doc.set({ title: 'b' });
    expect(patches).toEqual([{ op: 'html', path: [], html: '<table><tr><td>x</td></tr></table><p>b</p>' }]);
    expect(doc.stats.modelled).toBe(false);
  });
});
