import { compile, MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';

const prepare = (source: string, options = {}) =>
  renderer.prepare(compile('t.html', new MemoryLoader({ 't.html': source }), options));

const PAGE =
  '<h1>{{ title }}</h1><ul>{% for r in rows %}<li>{{ r.name|upper }}</li>{% endfor %}</ul><p>{{ n|add:1 }}</p>';
const rows = (ids: number[]) => ids.map((id) => ({ id, name: `item ${id} \ud83d` }));

describe('off the JavaScript thread', () => {
  it('renders on a worker exactly as on this thread', async () => {
    const prepared = prepare(PAGE);
    const ctx = { title: '<T>', rows: rows([1, 2, 3]), n: 4 };
    expect(await renderer.renderAsync(prepared, ctx)).toBe(renderer.render(prepared, ctx));
    const many = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => renderer.renderAsync(prepared, { ...ctx, n })));
    expect(many).toEqual([1, 2, 3, 4, 5, 6].map((n) => renderer.render(prepared, { ...ctx, n })));
  });

  it('mounts and updates documents on workers with the patches a document on this thread sends', async () => {
    const prepared = prepare(PAGE);
    const steps = [
      { title: 'b', rows: rows([3, 1, 2]), n: 1 },
      { title: 'b', rows: rows([3, 4]), n: 2 },
      { title: 'c', rows: [], n: 2 },
    ];
    const first = { title: 'a', rows: rows([1, 2, 3]), n: 0 };
    // Several documents at once, their calls interleaved: each one's calls still run in order.
    const docs = await Promise.all([0, 1, 2, 3].map(() => renderer.mountAsync(prepared, first)));
    const here = renderer.mount(prepared, first);
    expect(docs.every((d) => d.offThread)).toBe(true);
    expect(docs[0]?.html).toBe(here.html);
    expect(docs[0]?.anchors).toEqual(here.anchors);
    for (const step of steps) {
      const expected = here.update(step);
      const got = await Promise.all(docs.map((d) => d.update(step)));
      for (const patches of got) expect(patches).toEqual(expected);
    }
    const set = await Promise.all(docs.map((d) => d.set({ n: 9 })));
    const expected = here.set({ n: 9 });
    for (const patches of set) expect(patches).toEqual(expected);
    expect(await docs[1]!.currentHtml()).toBe(here.html);
    expect(await docs[1]!.set({ n: 9 })).toEqual([]);
  });

  it('rejects with the error the render raises, named as on this thread', async () => {
    const prepared = prepare('{{ x|divisibleby:0 }}');
    await expect(renderer.renderAsync(prepared, { x: 1 })).rejects.toMatchObject({ name: 'ZeroDivisionError' });
    await expect(renderer.mountAsync(prepared, { x: 1 }).then((d) => d.currentHtml())).rejects.toMatchObject({
      name: 'ZeroDivisionError',
    });
    const doc = await renderer.mountAsync(prepare('{{ x|divisibleby:y }}'), { x: 4, y: 2 });
    expect(doc.html).toBe('True');
    await expect(doc.set({ y: 0 })).rejects.toMatchObject({ name: 'ZeroDivisionError' });
  });

  it('stays on this thread for templates and contexts that call back into JavaScript', async () => {
    const url = (name: string) => `/${name}/`;
    const hosted = prepare('{% url "start" %} {{ n }}', { url });
    expect(await renderer.renderAsync(hosted, { n: 1 })).toBe('/start/ 1');
    const doc = await renderer.mountAsync(hosted, { n: 1 });
    expect(doc.offThread).toBe(false);
    expect(await doc.set({ n: 2 })).toEqual(renderer.mount(hosted, { n: 1 }).set({ n: 2 }));

    class User {
      get name(): string {
        return 'Ada';
      }
    }
    const plain = prepare('{{ u.name }}');
    expect(await renderer.renderAsync(plain, { u: new User() })).toBe('Ada');
    const remote = await renderer.mountAsync(plain, { u: { name: 'Bo' } });
    expect(remote.offThread).toBe(true);
    await expect(remote.set({ u: new User() })).rejects.toMatchObject({ name: 'UnsupportedError' });
  });
});
