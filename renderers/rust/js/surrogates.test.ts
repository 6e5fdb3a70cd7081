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

  it('refuses data holding the stand-in code points themselves', () => {
    expect(() => renderer.render(prepare('{{ s }}'), { s: '\u{10f83d}' })).toThrow(
      expect.objectContaining({ name: 'UnsupportedError' }),
    );
  });
});
