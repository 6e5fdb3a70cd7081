import { compile, MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';
import { fromStandIns, toStandIns } from './surrogates.js';

const prepare = (source: string) => renderer.prepare(compile('main.html', new MemoryLoader({ 'main.html': source })));

describe('lone surrogates across the boundary', () => {
  it('map to stand-ins in JSON and back, leaving pairs and escaped backslashes alone', () => {
    const json = JSON.stringify({ a: 'x\ud83dy', b: '😀', c: '\\ud83d', d: '\udfff' });
    const carried = toStandIns(json);
    expect(fromStandIns(JSON.parse(carried).a)).toBe('x\ud83dy');
    expect(JSON.parse(carried).b).toBe('😀');
    expect(JSON.parse(carried).c).toBe('\\ud83d');
    expect(fromStandIns(JSON.parse(carried).d)).toBe('\udfff');
  });

  it('render from templates and contexts as the surrogates they are, in pages, patches and errors', () => {
    const prepared = prepare('<p title="{{ s }}">\ud83d{{ s }}|{{ s|length }}|{{ l }}</p>');
    expect(renderer.render(prepared, { s: 'a\ud83d', l: ['\udc00'] })).toBe(
      '<p title="a\ud83d">\ud83da\ud83d|2|[&#x27;\\udc00&#x27;]</p>',
    );
    const doc = renderer.mount(prepared, { s: 'x', l: [] });
    const patches = doc.update({ s: 'y\ud83d', l: [] });
    expect(JSON.stringify(patches)).toContain('y\\ud83d');
    expect(doc.html).toBe(renderer.render(prepared, { s: 'y\ud83d', l: [] }));
    expect(() => renderer.render(prepare('{{ s|urlencode }}'), { s: '\ud83d' })).toThrow(
      expect.objectContaining({ name: 'UnicodeEncodeError' }),
    );
  });

  it('reach the pages and patches of every kind of document as the surrogates they are', async () => {
    const source = '<ul>{% for r in rows %}<li title="{{ r }}">{{ r }}</li>{% endfor %}</ul><p>{{ s }}…</p>';
    const prepared = prepare(source);
    const first = { rows: ['a\udbff', 'b'], s: 'x' };
    const next = { rows: ['c\ud83d', '\udfffd'], s: 'y\udc00' };
    const texts = (patches: unknown): string => JSON.stringify(patches);
    // On the slot plan, from a page diff (no anchors: no slot plan), and on a worker.
    const slotted = renderer.mount(prepared, first);
    const diffed = renderer.mount(prepared, first, { anchors: false });
    const remote = await renderer.mountAsync(prepared, first);
    expect([slotted.slotted, diffed.slotted, remote.offThread]).toEqual([true, false, true]);
    for (const patches of [slotted.update(next), diffed.update(next), await remote.update(next)]) {
      for (const lone of ['c\\ud83d', '\\udfffd', 'y\\udc00']) expect(texts(patches)).toContain(lone);
      expect(texts(patches)).not.toMatch(/[\udbfe\udbff][\udc00-\udfff]/);
    }
    // Pages too, from this thread and from a worker.
    const page = renderer.render(prepared, next);
    expect(page).toContain('<li title="c\ud83d">c\ud83d</li>');
    expect([slotted.html, diffed.html, await remote.currentHtml(), await renderer.renderAsync(prepared, next)]).toEqual(
      [page, page, page, page],
    );
    expect(remote.html).toContain('<li title="a\udbff">a\udbff</li>');
  });

  it('refuses data holding the stand-in code points themselves', () => {
    expect(() => renderer.render(prepare('{{ s }}'), { s: '\u{10f83d}' })).toThrow(
      expect.objectContaining({ name: 'UnsupportedError' }),
    );
  });
});
