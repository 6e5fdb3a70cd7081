import { compile, MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import renderer, { encodeSent } from './index.js';

const source =
  '<ul>{% for r in rows %}<li>{{ r.name }}|{{ r.n }}|{{ r.n|add:1 }}|{{ r.name|length }}|{% if r.on %}on{% endif %}</li>{% endfor %}</ul>';
const prepared = renderer.prepare(compile('t.html', new MemoryLoader({ 't.html': source })));
const unprojected = { ...prepared, shape: true as const };

const NAMES = ['a', 'é', '日本', '😀x', '', ' <&> ', '"q"\\', 'tab\tnl\n'];
const NUMBERS = [0, -0, 1, -7, 2.5, 1e21, 2 ** 53, 2 ** 53 + 2, -1e-7];
const rows = (count: number, name = (i: number) => NAMES[i % NAMES.length] as string) =>
  Array.from({ length: count }, (_, i) => ({
    id: i,
    name: name(i),
    n: NUMBERS[i % NUMBERS.length],
    on: i % 3 === 0,
    skip: i,
  }));

describe('loops over plain rows cross as columns', () => {
  it('renders them as the JSON text of the same rows renders', () => {
    const ctx = { rows: rows(40) };
    expect(encodeSent(prepared, ctx).columns).toBeDefined();
    expect(renderer.render(prepared, ctx)).toBe(renderer.render(unprojected, ctx));
  });

  it('sends JSON where columns cannot carry the rows: few rows, mixed types, lone surrogates, missing fields', () => {
    const cases = [
      rows(3),
      rows(40).map((r, i) => (i === 5 ? { ...r, n: '5' } : r)),
      rows(40).map((r, i) => (i === 5 ? { ...r, n: Number.NaN } : r)),
      rows(40).map((r, i) => (i === 5 ? { ...r, on: 1 } : r)),
      rows(40, (i) => (i === 7 ? 'x\ud800' : 'y')),
      rows(40).map(({ n: _n, ...r }, i) => (i === 3 ? r : { ...r, n: 1 })),
    ];
    for (const list of cases) {
      const ctx = { rows: list };
      expect(encodeSent(prepared, ctx).columns).toBeUndefined();
      expect(renderer.render(prepared, ctx)).toBe(renderer.render(unprojected, ctx));
    }
  });

  it('updates live documents, on this thread and on workers', async () => {
    const doc = renderer.mount(prepared, { rows: rows(20) });
    const remote = await renderer.mountAsync(prepared, { rows: rows(20) });
    const next = { rows: rows(30).reverse() };
    expect(await remote.update(next)).toEqual(doc.update(next));
    expect(doc.html).toBe(renderer.render(unprojected, next));
    expect(await remote.currentHtml()).toBe(doc.html);
  });
});
