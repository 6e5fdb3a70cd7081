import { describe, expect, it } from 'vitest';
import { decodePatches } from './wire.js';

describe('decodePatches', () => {
  it('reads every op, with string lengths in UTF-16 units', () => {
    // The text crates/dtl/src/vtree/tests.rs expects the addon to write for these patches, plus the other ops.
    const wire = 't0,12;5:a;é😀m;3;0;0;m1;1;4;2;a2;5:class0:x5;r;2:idi0;3;3:<b>p1;3:<i>h;0:';
    expect(decodePatches(wire)).toEqual([
      { op: 'text', path: [0, 12], value: 'a;é😀' },
      { op: 'move', path: [], from: 3, to: 0 },
      { op: 'move', path: [1], from: 1, to: 4, count: 2 },
      { op: 'attr', path: [2], name: 'class', value: '' },
      { op: 'remove', path: [5] },
      { op: 'rmattr', path: [], name: 'id' },
      { op: 'insert', path: [0], index: 3, html: '<b>' },
      { op: 'replace', path: [1], html: '<i>' },
      { op: 'html', path: [], html: '' },
    ]);
    expect(decodePatches('')).toEqual([]);
  });

  it('reads `at` and the anchors op', () => {
    // The text crates/dtl/src/vtree/tests.rs expects for these patches.
    expect(decodePatches('@7;t0;1:x@1048581;x;A2;7;0,2;1048581;;A0;')).toEqual([
      { op: 'text', at: 7, path: [0], value: 'x' },
      { op: 'remove', at: 1048581, path: [] },
      {
        op: 'anchors',
        anchors: [
          [7, [0, 2]],
          [1048581, []],
        ],
      },
      { op: 'anchors', anchors: [] },
    ]);
  });

  it('decodes the attribute values the addon left raw (`&` before the string) as the JS engine does', () => {
    const wire = 'S3;5:title&8:&notin;x@2;C-0;1;;4:data2;&5:&copy-a-1:a&7:a&amp;b';
    expect(decodePatches(wire)).toEqual([
      [3, 'title', '∉x'],
      { op: 'column', at: 2, first: 0, step: 1, sub: [], name: 'data', values: ['©', null] },
      { op: 'attr', name: 'a', value: 'a&b' },
    ]);
  });

  it('takes lone surrogates as they come, one unit each', () => {
    expect(decodePatches('t0;2:a\ud83ds1;3:\udfff😀')).toEqual([
      { op: 'text', path: [0], value: 'a\ud83d' },
      [1, '\udfff😀'],
    ]);
  });

  it('leaves out the path where the addon wrote none, rather than an empty or undefined one', () => {
    // toStrictEqual: a `path: undefined` key would fail where toEqual lets it pass.
    expect(decodePatches('@4;h-1:xi-0;1:ym-1;2;0;@3;a-2:id1:va0;1:n1:vx1;')).toStrictEqual([
      { op: 'html', at: 4, html: 'x' },
      { op: 'insert', index: 0, html: 'y' },
      { op: 'move', from: 1, to: 2 },
      { op: 'attr', at: 3, name: 'id', value: 'v' },
      { op: 'attr', path: [0], name: 'n', value: 'v' },
      { op: 'remove', path: [1] },
    ]);
  });

  it('reads a list cut into pieces anywhere (in a number, a value, a surrogate pair) as the whole list', () => {
    const wire = [
      't0,12;5:a;é😀m;3;0;0;m1;1;4;2;a2;5:class0:x5;r;2:idi0;3;3:<b>p1;3:<i>h;0:',
      '@7;t0;1:x@1048581;x;A2;7;0,2;1048581;;A0;',
      'S3;5:title&8:&notin;x@2;C-0;1;;4:data2;&5:&copy-a-1:a&7:a&amp;b',
      '@2;c-0;2;1;3;2:ab-4:😀😀s1;0:',
    ].join('');
    const whole = decodePatches(wire);
    expect(whole).toHaveLength(18);
    const cut = (text: string, size: number) =>
      Array.from({ length: Math.ceil(text.length / size) }, (_, k) => text.slice(k * size, (k + 1) * size));
    for (let size = 1; size <= wire.length; size++) {
      expect(decodePatches(cut(wire, size)), `pieces of ${size}`).toEqual(whole);
    }
    expect(decodePatches([])).toEqual([]);
    expect(decodePatches(['', 't0;1:x', ''])).toEqual([{ op: 'text', path: [0], value: 'x' }]);
    for (const bad of ['t0;9:short', 't0;12', '@7']) {
      for (let size = 1; size <= bad.length; size++) {
        expect(() => decodePatches(cut(bad, size)), `${bad} in pieces of ${size}`).toThrow(
          expect.objectContaining({ name: 'InternalError' }),
        );
      }
    }
  });

  it('refuses a malformed list with an InternalError instead of reading garbage', () => {
    for (const bad of [
      'q;',
      't0;9:short',
      't0,;1:x',
      'm;1;2',
      't0;x:y',
      'x1',
      '@;t0;1:x',
      '@7t0;1:x',
      'A2;7;0;',
      'A1;x;',
    ]) {
      expect(() => decodePatches(bad), bad).toThrow(expect.objectContaining({ name: 'InternalError' }));
    }
  });
});
