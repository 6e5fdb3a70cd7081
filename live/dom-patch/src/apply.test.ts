import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { AnchorMap, applyPatches } from './apply.js';
import { PatchFormatError, PatchTargetError } from './errors.js';
import type { Patch } from './types.js';

function holder(html: string): Element {
  const doc = new Window().document;
  const root = doc.createElement('div');
  root.innerHTML = html;
  return root as unknown as Element;
}

function patched(html: string, patches: readonly Patch[]): string {
  const root = holder(html);
  applyPatches(root, patches);
  return root.innerHTML;
}

describe('applyPatches', () => {
  it('sets one slot of many rows with a column op (version 3), skipping nulls', () => {
    const rows = '<ul>\n<li><b>a</b></li>\n<li><b>b</b></li>\n<li><b>c</b></li>\n</ul>';
    expect(
      patched(rows, [
        { op: 'column', path: [0], first: 1, step: 2, sub: [0], values: ['x &amp; y', null, '<i>z</i>'] },
        { op: 'column', path: [0], first: 3, step: 2, sub: [], name: 'class', values: ['on'] },
      ]),
    ).toBe('<ul>\n<li><b>x &amp; y</b></li>\n<li class="on"><b>b</b></li>\n<li><b><i>z</i></b></li>\n</ul>');
    expect(() =>
      patched(rows, [{ op: 'column', path: [0], first: 1, step: 2, sub: [], values: [null, null, null, 'd'] }]),
    ).toThrow(PatchTargetError);
  });

  it('applies slot patches (version 4) as the html and attr ops they stand for, and refuses them in older lists', () => {
    const root = holder('<h1>a</h1><a href="/x">b</a>');
    const anchors = new AnchorMap(root, [
      [1, [0]],
      [2, [1]],
    ]);
    applyPatches(
      root,
      [[1, 'Tom &amp; <i>Jerry</i>'], [2, 'href', '/y?a&b'], { op: 'html', at: 2, html: 'c' }],
      anchors,
    );
    expect(root.innerHTML).toBe('<h1>Tom &amp; <i>Jerry</i></h1><a href="/y?a&amp;b">c</a>');
    applyPatches(root, { v: 4, patches: [[1, 'd']] }, anchors);
    expect(root.innerHTML).toBe('<h1>d</h1><a href="/y?a&amp;b">c</a>');
    expect(() => applyPatches(root, { v: 3, patches: [[1, 'e']] }, anchors)).toThrow(
      'patch 0: a slot patch needs patch format version 4',
    );
    expect(() => applyPatches(root, [[3, 'e']], anchors)).toThrow(PatchTargetError);
    expect(() => applyPatches(root, [[1, 'e']])).toThrow('no AnchorMap was given');
    expect(root.innerHTML).toBe('<h1>d</h1><a href="/y?a&amp;b">c</a>');
  });

  it('reads a missing path as [] in version 3 and refuses it in version 2', () => {
    const root = holder('<p>a</p>');
    const anchors = new AnchorMap(root, [[1, [0]]]);
    applyPatches(root, [{ op: 'html', at: 1, html: 'b' }], anchors);
    expect(root.innerHTML).toBe('<p>b</p>');
    expect(() => applyPatches(root, { v: 2, patches: [{ op: 'html', at: 1, html: 'c' }] }, anchors)).toThrow(
      PatchFormatError,
    );
  });

  it('sets text and comment data', () => {
    expect(
      patched('<p>Hi <b>x</b></p><!--a-->', [
        { op: 'text', path: [0, 0], value: 'Bye ' },
        { op: 'text', path: [1], value: 'b' },
      ]),
    ).toBe('<p>Bye <b>x</b></p><!--b-->');
  });

  it('sets and removes attributes with decoded values', () => {
    expect(
      patched('<a href="/x" class="c">l</a>', [
        { op: 'attr', path: [0], name: 'href', value: '/y?a=1&b=2' },
        { op: 'rmattr', path: [0], name: 'class' },
      ]),
    ).toBe('<a href="/y?a=1&amp;b=2">l</a>');
  });

  it('inserts parsed html before an index and at the end', () => {
    expect(
      patched('<ul><li>b</li></ul>', [
        { op: 'insert', path: [0], index: 0, html: '<li>a</li>' },
        { op: 'insert', path: [0], index: 2, html: '<li>c</li>\n' },
      ]),
    ).toBe('<ul><li>a</li><li>b</li><li>c</li>\n</ul>');
  });

  it('parses inserted html in the context of its parent', () => {
    expect(
      patched('<table><tbody></tbody></table>', [
        { op: 'insert', path: [0, 0], index: 0, html: '<tr><td>1</td></tr>' },
      ]),
    ).toBe('<table><tbody><tr><td>1</td></tr></tbody></table>');
  });

  it('sets the content of a raw-text element as the text the HTML parser reads there', () => {
    // Character references are decoded in a title or textarea (RCDATA), kept in a script or style.
    const root = holder('<title>a</title><textarea>b</textarea><script>c</script><style>d</style>');
    applyPatches(root, [
      { op: 'html', path: [0], html: 'x &amp; y &lt;b&gt;' },
      { op: 'html', path: [1], html: '1 &lt; 2' },
      { op: 'html', path: [2], html: 'if (a &lt; b) {}' },
      { op: 'html', path: [3], html: '' },
    ]);
    const texts = Array.from(root.childNodes, (n) => Array.from(n.childNodes, (t) => t.nodeValue));
    expect(texts).toEqual([['x & y <b>'], ['1 < 2'], ['if (a &lt; b) {}'], []]);
  });

  it('removes, replaces and moves nodes', () => {
    expect(
      patched('<i>1</i><i>2</i><i>3</i>', [
        { op: 'move', path: [], from: 2, to: 0 },
        { op: 'remove', path: [1] },
        { op: 'replace', path: [1], html: '<b>x</b>y' },
      ]),
    ).toBe('<i>3</i><b>x</b>y');
  });

  it('moves a run of consecutive nodes', () => {
    expect(patched('<i>1</i>a<i>2</i>b<i>3</i>c', [{ op: 'move', path: [], from: 4, to: 0, count: 2 }])).toBe(
      '<i>3</i>c<i>1</i>a<i>2</i>b',
    );
    expect(patched('<i>1</i>a<i>2</i>b', [{ op: 'move', path: [], from: 0, to: 2, count: 2 }])).toBe(
      '<i>2</i>b<i>1</i>a',
    );
  });

  it('replaces the children of an element, the root included', () => {
    expect(patched('<div>a</div>', [{ op: 'html', path: [0], html: '<p>b</p>' }])).toBe('<div><p>b</p></div>');
    expect(patched('<div>a</div>', [{ op: 'html', path: [], html: 'plain' }])).toBe('plain');
  });

  it('reads paths against the DOM as changed by the earlier patches', () => {
    expect(
      patched('<p>a</p>', [
        { op: 'insert', path: [], index: 0, html: '<p>new</p>' },
        { op: 'text', path: [1, 0], value: 'old' },
      ]),
    ).toBe('<p>new</p><p>old</p>');
  });

  it('counts a run of text as one node even where the parser split it', () => {
    const root = holder('<p>a > b</p>');
    root.firstChild?.appendChild(root.ownerDocument.createTextNode(' c'));
    applyPatches(root, [{ op: 'text', path: [0, 0], value: 'x' }]);
    expect(root.innerHTML).toBe('<p>x</p>');
    expect(
      patched('<p>1</p>', [
        { op: 'insert', path: [], index: 1, html: 'a > b' },
        { op: 'text', path: [1], value: 'c' },
      ]),
    ).toBe('<p>1</p>c');
  });

  it('accepts a versioned envelope and refuses other versions', () => {
    const root = holder('<p>a</p>');
    applyPatches(root, { v: 2, patches: [{ op: 'text', path: [0, 0], value: 'b' }] });
    expect(root.innerHTML).toBe('<p>b</p>');
    expect(() => applyPatches(root, { v: 1, patches: [] } as never)).toThrow(/unsupported patch format version 1/);
  });
});

describe('bad input leaves the DOM untouched', () => {
  const original = '<ul><li>a</li><li>b</li></ul>';
  const cases: Array<[string, unknown, RegExp, typeof PatchFormatError | typeof PatchTargetError]> = [
    ['not an array', { op: 'text' }, /unsupported patch format version/, PatchFormatError],
    [
      'unknown op',
      [
        { op: 'text', path: [0, 0, 0], value: 'x' },
        { op: 'explode', path: [] },
      ],
      /patch 1: unknown op "explode"/,
      PatchFormatError,
    ],
    ['missing field', [{ op: 'attr', path: [0], name: 'x' }], /"attr" needs "value"/, PatchFormatError],
    [
      'bad path',
      [{ op: 'remove', path: [0, -1] }],
      /"path" must be an array of non-negative integers/,
      PatchFormatError,
    ],
    ['extra field', [{ op: 'remove', path: [0], html: '' }], /unknown field "html"/, PatchFormatError],
    ['removing the root', [{ op: 'remove', path: [] }], /cannot target the root/, PatchFormatError],
    [
      'path not in the DOM',
      [
        { op: 'text', path: [0, 0, 0], value: 'x' },
        { op: 'remove', path: [0, 5] },
      ],
      /patch 1: path \[0,5\] does not exist/,
      PatchTargetError,
    ],
    [
      'text op on an element',
      [{ op: 'text', path: [0], value: 'x' }],
      /is not a text or comment node/,
      PatchTargetError,
    ],
    [
      'attr on a text node',
      [{ op: 'attr', path: [0, 0, 0], name: 'a', value: '' }],
      /is not an element/,
      PatchTargetError,
    ],
    ['insert past the end', [{ op: 'insert', path: [0], index: 3, html: '' }], /past the 2 children/, PatchTargetError],
    [
      'move of a run past the end',
      [{ op: 'move', path: [0], from: 1, to: 0, count: 2 }],
      /move of 2 from 1 is past the 2 children/,
      PatchTargetError,
    ],
    [
      'path made invalid by an earlier remove',
      [
        { op: 'remove', path: [0, 1] },
        { op: 'text', path: [0, 1, 0], value: 'x' },
      ],
      /patch 1: path \[0,1,0\] has no child 1/,
      PatchTargetError,
    ],
    ...['', 'a b', '<x', 'x"y', 'a=b', '1bad'].map((name): [string, unknown, RegExp, typeof PatchFormatError] => [
      `attribute name ${JSON.stringify(name)} the DOM refuses, after a change the list would make first`,
      [
        { op: 'text', path: [0, 0, 0], value: 'x' },
        { op: 'attr', path: [0], name, value: 'v' },
      ],
      /patch 1: "attr" field "name" .* is not an attribute name/,
      PatchFormatError,
    ]),
  ];
  for (const [title, patches, message, type] of cases) {
    it(title, () => {
      const root = holder(original);
      let thrown: unknown;
      try {
        applyPatches(root, patches as Patch[]);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(type);
      expect((thrown as Error).message).toMatch(message);
      expect(root.innerHTML).toBe(original);
    });
  }
});

describe('anchors', () => {
  const page = '<h1>T</h1>\n<ul><li>a</li><li>b</li></ul>\n<p class="n">1 <b>x</b></p>';

  it('addresses a patch from a bound element, whatever changed before it in the list', () => {
    const root = holder(page);
    const anchors = new AnchorMap(root, [
      [7, [2]],
      [9, [4]],
    ]);
    expect(anchors.size).toBe(2);
    applyPatches(
      root,
      [
        { op: 'insert', path: [], index: 0, html: '<nav>n</nav>' },
        { op: 'insert', at: 7, path: [], index: 2, html: '<li>c</li>' },
        { op: 'text', at: 9, path: [0], value: '2 ' },
        { op: 'attr', at: 9, path: [], name: 'class', value: 'm' },
      ],
      anchors,
    );
    expect(root.innerHTML).toBe(
      '<nav>n</nav><h1>T</h1>\n<ul><li>a</li><li>b</li><li>c</li></ul>\n<p class="m">2 <b>x</b></p>',
    );
    expect(anchors.get(9)?.outerHTML).toBe('<p class="m">2 <b>x</b></p>');
  });

  it('rebinds the table with an anchors patch, to nodes the list created', () => {
    const root = holder(page);
    const anchors = new AnchorMap(root, [[9, [4]]]);
    applyPatches(
      root,
      [
        { op: 'replace', path: [4], html: '<p class="n">new</p>' },
        {
          op: 'anchors',
          anchors: [
            [9, [4]],
            [3, [2, 1]],
          ],
        },
        { op: 'text', at: 9, path: [0], value: 'newer' },
      ],
      anchors,
    );
    expect(anchors.get(9)?.outerHTML).toBe('<p class="n">newer</p>');
    expect(anchors.get(3)?.outerHTML).toBe('<li>b</li>');
    applyPatches(root, [{ op: 'text', at: 3, path: [0], value: 'B' }], anchors);
    expect(root.innerHTML).toBe('<h1>T</h1>\n<ul><li>a</li><li>B</li></ul>\n<p class="n">newer</p>');
  });

  it('refuses, before any change, an unbound anchor, a detached one, a missing map or a path leading nowhere', () => {
    const root = holder(page);
    const anchors = new AnchorMap(root, [[9, [4]]]);
    const before = root.innerHTML;
    expect(() =>
      applyPatches(
        root,
        [
          { op: 'text', path: [0, 0], value: 'x' },
          { op: 'text', at: 5, path: [0], value: 'x' },
        ],
        anchors,
      ),
    ).toThrow('patch 1: anchor 5 is not bound');
    expect(() => applyPatches(root, [{ op: 'text', at: 9, path: [0], value: 'x' }])).toThrow(
      'patch 0: addresses anchor 9, but no AnchorMap was given',
    );
    expect(() => applyPatches(root, [{ op: 'anchors', anchors: [[1, [9]]] }], anchors)).toThrow(PatchTargetError);
    expect(() => applyPatches(holder(page), [], anchors)).toThrow('the AnchorMap was bound to another root');
    expect(() => new AnchorMap(root, [[1, [0, 0]]])).toThrow('is not an element');
    expect(root.innerHTML).toBe(before);
    for (const removal of [
      { op: 'remove', path: [4] },
      { op: 'replace', path: [4], html: '<p>new</p>' },
      { op: 'html', path: [], html: '<p>all new</p>' },
    ] as const) {
      expect(() => applyPatches(root, [removal, { op: 'text', at: 9, path: [0], value: 'x' }], anchors)).toThrow(
        'patch 1: anchor 9 was removed by an earlier patch of the list',
      );
      expect(root.innerHTML).toBe(before);
    }
    applyPatches(root, [
      { op: 'attr', path: [0], name: 'data-ok.1', value: 'v' },
      { op: 'rmattr', path: [0], name: 'data-ok.1' },
    ]);
    applyPatches(root, [{ op: 'remove', path: [4] }], anchors);
    expect(() => applyPatches(root, [{ op: 'text', at: 9, path: [0], value: 'x' }], anchors)).toThrow(
      'anchor 9 is no longer in the root',
    );
  });
});
