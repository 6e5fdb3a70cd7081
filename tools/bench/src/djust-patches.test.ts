import { describe, expect, it } from 'vitest';
import {
  applyDjustPatches,
  type DjustPatch,
  djustNormalize,
  djustRoot,
  verifyDjustHtml,
  verifyDjustPatches,
} from './djust-patches.js';

// Pages and patch lists as djust 1.2.6's RustLiveView.render_with_diff() returned them for
// `<div dj-root><h1>{{ title }}</h1>\n<ul>\n{% for i in items %}  <li>{{ i.name }}</li>\n{% endfor %}</ul>
// {% if flag %}<p class="{{ cls }}">on</p>{% endif %}</div>`.
const MOUNTED =
  '<div dj-id="0" dj-root=""><h1 dj-id="1">T</h1><ul dj-id="2"><li dj-id="3">a</li><li dj-id="4">b</li>' +
  '<li dj-id="5">c</li></ul><!--dj-if id="if-bc4b8aaa-0"--><p class="x" dj-id="6">on</p><!--/dj-if--></div>';
const li = (text: string, id: string) => ({
  tag: 'li',
  attrs: { 'dj-id': id },
  children: [{ tag: '#text', attrs: {}, children: [], text }],
  text: null,
});
const REVERSED: DjustPatch[] = [
  { type: 'SetText', path: [1, 0, 0], text: 'c' },
  { type: 'SetText', path: [1, 2, 0], text: 'a' },
];
const PREPENDED: DjustPatch[] = [
  { type: 'SetText', path: [1, 0, 0], text: 'z' },
  { type: 'SetText', path: [1, 1, 0], text: 'c' },
  { type: 'SetText', path: [1, 2, 0], text: 'b' },
  { type: 'InsertChild', path: [1], d: '2', index: 3, node: li('a', 'k') },
];
const REMOVED: DjustPatch[] = [
  { type: 'SetAttr', path: [3], d: '6', key: 'class', value: 'y' },
  { type: 'SetText', path: [1, 0, 0], text: 'c' },
  { type: 'SetText', path: [1, 1, 0], text: 'a' },
  { type: 'RemoveChild', path: [1], d: '2', index: 3, child_d: 'k' },
  { type: 'RemoveChild', path: [1], d: '2', index: 2, child_d: '5' },
];

/** The page a Django template with the same markup renders (whitespace, comments, no dj-* attributes). */
const django = (items: string[], p: string) =>
  `<!DOCTYPE html><html><head><title>x</title></head><body>\n  <h1>T</h1>\n<ul>\n${items
    .map((i) => `  <li>${i}</li>\n`)
    .join('')}</ul><!-- a comment -->${p}\n</body></html>`;

describe('applyDjustPatches', () => {
  it('turns the mounted page into each next page djust rendered', () => {
    const root = djustRoot(MOUNTED);
    applyDjustPatches(root, REVERSED);
    expect(root.outerHTML).toContain('<li dj-id="3">c</li><li dj-id="4">b</li><li dj-id="5">a</li>');
    applyDjustPatches(root, PREPENDED);
    expect(root.querySelector('ul')?.textContent).toBe('zcba');
    applyDjustPatches(root, REMOVED);
    expect(root.querySelector('ul')?.textContent).toBe('ca');
    expect(root.querySelector('p')?.getAttribute('class')).toBe('y');
  });

  it('counts djust boundary comments and skips whitespace-only text and other comments on paths', () => {
    const root = djustRoot(
      '<div dj-root>\n  <!-- note --><span>a</span>\n  <!--dj-if id="if-1"--><b>x</b><!--/dj-if--></div>',
    );
    applyDjustPatches(root, [{ type: 'SetText', path: [2, 0], text: 'y' }]);
    expect(root.querySelector('b')?.textContent).toBe('y');
  });

  it('removes and re-inserts a conditional block, and moves a child to its final index', () => {
    const root = djustRoot(MOUNTED);
    applyDjustPatches(root, [{ type: 'RemoveChild', path: [], d: '0', index: 3, child_d: '6' }]);
    expect(root.querySelector('p')).toBeNull();
    const p = { tag: 'p', attrs: { class: 'y', 'dj-id': 'C' }, children: [li('on', 'x').children[0]!], text: null };
    applyDjustPatches(root, [{ type: 'InsertChild', path: [], d: '0', index: 3, node: p }]);
    expect(root.querySelector('p')?.outerHTML).toBe('<p class="y" dj-id="C">on</p>');
    applyDjustPatches(root, [{ type: 'MoveChild', path: [1], d: '2', from: 0, to: 2, child_d: '3' }]);
    expect(root.querySelector('ul')?.textContent).toBe('bca');
  });

  it('refuses a patch type it does not implement and a path that leads nowhere', () => {
    expect(() => applyDjustPatches(djustRoot(MOUNTED), [{ type: 'VirtualInsert', path: [] }])).toThrow(
      /VirtualInsert is not supported/,
    );
    expect(() => applyDjustPatches(djustRoot(MOUNTED), [{ type: 'SetText', path: [9], text: '' }])).toThrow(
      /no child 9/,
    );
  });
});

describe('djust verification', () => {
  const on = '<!--dj-if id="if-1"--><p class="x">on</p><!--/dj-if-->';

  it('normalizes comments, whitespace-only text, dj-id and the dj-root wrapper away, nothing else', () => {
    expect(djustNormalize(MOUNTED)).toBe(djustNormalize(django(['a', 'b', 'c'], on)));
    expect(djustNormalize(MOUNTED)).toBe('<h1>T</h1><ul><li>a</li><li>b</li><li>c</li></ul><p class="x">on</p>');
    expect(verifyDjustHtml(MOUNTED, django(['a', 'b', 'c'], '<p class="x">on</p>')).verified).toBe(true);
    // Text on either side of a dropped comment is one text; attributes and entities are serialized alike.
    expect(djustNormalize('<div dj-root="" dj-id="0"><p title="a&amp;b">x<!-- c -->y &lt; z</p>\n <br></div>')).toBe(
      '<p title="a&amp;b">xy &lt; z</p><br>',
    );
    const wrong = verifyDjustHtml(MOUNTED, django(['a', 'b', 'c'], '<p class="x"> on</p>'));
    expect([wrong.verified, wrong.note]).toEqual([false, expect.stringMatching(/^MISMATCH \(normalized\): differs/)]);
  });

  it("accepts patches that give Django's pages in turn and names the batch that does not", () => {
    const pages = [
      django(['c', 'b', 'a'], on),
      django(['z', 'c', 'b', 'a'], on),
      django(['c', 'a'], '<p class="y">on</p>'),
    ];
    expect(verifyDjustPatches(MOUNTED, [REVERSED, PREPENDED, REMOVED], pages)).toMatchObject({ verified: true });
    const bad = verifyDjustPatches(MOUNTED, [REVERSED, PREPENDED.slice(0, 3), REMOVED], pages);
    expect([bad.verified, bad.note]).toEqual([false, expect.stringMatching(/^MISMATCH: patched page \(batch 2\)/)]);
    const broken = verifyDjustPatches(MOUNTED, [[{ type: 'SetText', path: [7, 7], text: '' }]], pages);
    expect(broken.note).toMatch(/^MISMATCH: patches do not apply: SetText: no child 7/);
    expect(verifyDjustPatches(MOUNTED, [REVERSED], [null]).how).toBe('no-reference');
  });
});
