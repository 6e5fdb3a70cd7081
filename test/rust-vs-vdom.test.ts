/**
 * The Rust addon's patches against the vdom renderer's on loops whose items have an `id` but whose elements
 * have no key attribute: both key such elements by the item's id (renderers/vdom/src/instantiate.ts
 * `keyByItemId`, renderers/rust/crates/dtl/src/vtree/keys.rs), so a mounted page updated to another context
 * must give the same patch list. Both are mounted with `anchors: false`, so their paths start at the root.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import rust from '@tessera/renderer-rust';
import vdom from '@tessera/renderer-vdom';
import { compile, MemoryLoader } from '@tessera/template';

type Context = Record<string, unknown>;

const TEMPLATES: Record<string, string> = {
  list: '<ul>\n{% for i in items %}  <li class="{{ i.cls }}">{{ i.name }}</li>\n{% endfor %}</ul>',
  // Two elements per iteration, one of them from an `if`, and an id that is never printed.
  pairs:
    '<dl>{% for i in items %}<dt>{{ i.name }}</dt>{% if i.done %}<dd>done</dd>{% endif %}{% endfor %}</dl><p>{{ title }}</p>',
  // An inner loop over items that may have ids themselves; an element nested in the iteration's <div>.
  nested:
    '<main>{% for i in items %}<div><b>{{ i.name }}</b></div>{% for t in i.tags %}<span>{{ t.name }}</span>{% endfor %}\n{% endfor %}</main>',
  // Some elements carry a key attribute, which wins over the item's id. (A tag inside a start tag would
  // make the vdom render that region as HTML and key nothing in it: a fallback the addon does not see.)
  attrs:
    '<section>{% for i in items %}{% if i.done %}<p data-key="k{{ i.id }}">{{ i.name }}</p>{% else %}<p>{{ i.name }}</p>{% endif %}<hr>{% endfor %}</section>',
  // Items inside a `with` and an `if`, and a loop whose items have no id (keyed by position).
  regions:
    '<ol>{% for i in items %}{% with n=i.name %}{% if n %}<li>{{ n }}</li>{% else %}<li class="empty"></li>{% endif %}{% endwith %}{% endfor %}</ol>' +
    '<ul>{% for n in names %}<li>{{ n }}</li>{% endfor %}</ul>',
};

function prepared(name: string) {
  const template = compile(name, new MemoryLoader(TEMPLATES));
  return { rust: rust.prepare(template), vdom: vdom.prepare(template) };
}

/** The patch lists of both renderers for `mount(contexts[0])` then `update` to each next context. */
function patchLists(name: string, contexts: readonly Context[]): { rust: unknown[][]; vdom: unknown[][] } {
  const p = prepared(name);
  const [first, ...rest] = contexts;
  const r = rust.mount(p.rust, first ?? {}, { anchors: false });
  const v = vdom.mount(p.vdom, first ?? {}, { anchors: false });
  expect(r.html).toBe(v.html);
  return { rust: rest.map((c) => r.update(c)), vdom: rest.map((c) => v.update(c)) };
}

const word = fc.constantFrom('', 'x', 'a & b', 'same', 'Ünïcode');
const tag = fc.record({ id: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), name: word });
// Ids may repeat (then neither renderer keys that list: both diff it by position).
const items = fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 7 }).chain((ids) =>
  fc.tuple(
    ...ids.map((id) =>
      fc.record({
        id: fc.constantFrom<unknown>(id, id, id, String(id), null),
        name: word,
        cls: fc.constantFrom('a', 'b'),
        done: fc.boolean(),
        tags: fc.uniqueArray(tag, { maxLength: 3, selector: (t) => t.id ?? Symbol() }),
      }),
    ),
  ),
);
const context = fc.record({ items, title: word, names: fc.array(word, { maxLength: 4 }) });

describe('renderer-rust keys loop elements by the item id, as the vdom does', () => {
  it('reversing n items keyed only by their ids is n - 1 moves in both', () => {
    const forward = Array.from({ length: 8 }, (_, k) => ({ id: k + 1, name: `item ${k + 1}`, cls: 'a' }));
    const lists = patchLists('list', [{ items: forward }, { items: [...forward].reverse() }]);
    expect(lists.rust).toEqual(lists.vdom);
    const ops = (lists.rust[0] ?? []).map((p) => (p as { op: string }).op);
    // The first and the last item swap the whitespace after them ("\n  " and "\n"): two text patches.
    expect(ops).toEqual([...Array<string>(7).fill('move'), 'text', 'text']);
  });

  it('moves elements whose ids changed places under the same HTML', () => {
    const a = [1, 2, 3].map((id) => ({ id, name: 'same', done: false }));
    const lists = patchLists('pairs', [{ items: a }, { items: [...a].reverse() }]);
    expect(lists.rust).toEqual(lists.vdom);
    expect(lists.rust[0]?.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(TEMPLATES))('%s: chains of updates give the vdom patch lists', (name) => {
    fc.assert(
      fc.property(fc.array(context, { minLength: 2, maxLength: 4 }), (contexts) => {
        const lists = patchLists(name, contexts);
        expect(lists.rust).toEqual(lists.vdom);
      }),
      { numRuns: 60 },
    );
  });
});
