import { AnchorMap, applyPatches, type Anchor, type PatchEntry } from '@tessera/dom-patch';
import { seededChains } from '@tessera/fuzz';
import { compile, MemoryLoader } from '@tessera/template';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';
import type { RustPrepared } from './prepared.js';

/** A patch's op, `slot` for a slot patch (an `[at, ...]` tuple). */
const opOf = (p: PatchEntry): string => ('op' in p ? p.op : 'slot');

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
  turned(patches: readonly PatchEntry[], after: string): string {
    applyPatches(this.root, JSON.parse(JSON.stringify(patches)) as PatchEntry[], this.anchors);
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

// Markup reaches the page through `|safe` (the raw template): whole elements, ones a <p> cannot hold, unclosed
// ones, comments ended every way.
const text = fc.constantFrom(
  '',
  'x',
  'a & b',
  '<b>',
  '"q"',
  "it's",
  'ÿ€',
  '<i>x</i>',
  '<div>d</div>',
  '<span>s',
  '</p>x',
  '<!-- a --!><b>b</b>',
  '<!-->',
  '&amp;\r\n',
);
const context = fc.record({
  title: text,
  cls: fc.constantFrom('a', 'b c', ''),
  show: fc.boolean(),
  count: fc.integer({ min: 0, max: 20 }),
  items: fc
    .uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 8 })
    .chain((ids) => fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), name: text, done: fc.boolean() })))),
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
    expect(patches.map(opOf)).toEqual([...Array<string>(9).fill('move'), 'text', 'text', 'anchors']);
    expect(patches.at(-1)).toEqual({ op: 'anchors', anchors: doc.anchors });
  });

  it('reversing a list of numbers (keyed by position) sends each row slot as one column op', () => {
    const prepared = prepare({
      'main.html': '<ul>{% for i in items %}<li data-key="{{ i }}">{{ i }}</li>{% endfor %}</ul>',
    });
    const items = Array.from({ length: 50 }, (_, i) => i);
    const doc = renderer.mount(prepared, { items });
    expect(doc.slotted).toBe(true);
    const patches = doc.update({ items: [...items].reverse() });
    const [[ul]] = doc.anchors as [Anchor];
    const values = items.map((i) => String(49 - i));
    expect(patches).toEqual([
      { op: 'column', at: ul, first: 0, step: 1, sub: [], name: 'data-key', values },
      { op: 'column', at: ul, first: 0, step: 1, sub: [], values },
    ]);
  });

  it('reversing a keyed list without whitespace between items is exactly n - 1 moves', () => {
    const prepared = prepare({
      'main.html': '<ul>{% for i in items %}<li data-key="{{ i.id }}">{{ i.id }}</li>{% endfor %}</ul>',
    });
    const items = Array.from({ length: 50 }, (_, i) => ({ id: i }));
    const doc = renderer.mount(prepared, { items });
    const patches = doc.update({ items: [...items].reverse() });
    const [[ul]] = doc.anchors as [Anchor];
    expect(patches).toHaveLength(49);
    expect(patches.every((p) => 'op' in p && p.op === 'move' && p.at === ul && p.path === undefined)).toBe(true);
  });

  it('seeded fuzz cases, well-formed or not: each update of a chain is right and a repeated update sends none', () => {
    // Later updates diff against a tree the earlier ones patched in place (crates/dtl/src/vtree/mod.rs), and
    // are applied to one DOM through the anchors the earlier lists bound.
    expect(seededChains(renderer, 7_200_000, 400)).toEqual([]);
  });

  it('sends a page the parser restructures whole', () => {
    const prepared = prepare({ 'main.html': TEMPLATES['table']! });
    const doc = renderer.mount(prepared, { title: 'a', items: [{ id: 1, name: 'x', done: false }] });
    const patches = doc.set({ title: 'b' });
    expect(patches).toEqual([{ op: 'html', path: [], html: '<table><tr><td>x</td></tr></table><p>b</p>' }]);
    expect(doc.stats.modelled).toBe(false);
  });
});
