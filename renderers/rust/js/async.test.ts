import { AnchorMap, applyPatches, type PatchEntry } from '@tessera/dom-patch';
import { compile, MemoryLoader } from '@tessera/template';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import renderer, { type RustAsyncDocument } from './index.js';
import { NativeAsyncDocument } from './native.js';
import { crossings } from '../test/calls.js';

const document = new Window().document;

function holder(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div as unknown as Element;
}

// A client: the page as mounted, its anchors bound once, every patch applied in turn.
function client(doc: RustAsyncDocument): { root: Element; apply: (patches: readonly PatchEntry[]) => string } {
  const root = holder(doc.html);
  const anchors = new AnchorMap(root, doc.anchors);
  return {
    root,
    apply(patches) {
      applyPatches(root, patches, anchors);
      return root.innerHTML;
    },
  };
}

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
      // A patch list long enough to come back from the worker in pieces (text.rs, wire.ts).
      { title: 'd', rows: rows(Array.from({ length: 6000 }, (_, k) => k)), n: 3 },
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

  it('reads the clock of the prepared template in every snapshot, as a document on this thread does', async () => {
    // A page on its slot plan (timesince) renders its page again after a change, with the same clock as
    // the change; a page reading `{% now %}` is kept whole (parse-and-diff), its page rendered at each change.
    const now = () => new Date('2031-06-15T12:00:00Z');
    const pages: [string, boolean][] = [
      ['<h1>{{ title }}</h1><p>{{ when|timesince }}</p>', true],
      ['<h1>{{ title }}</h1><p>{% now "Y" %} {{ when|timesince }}</p>', false],
    ];
    for (const [page, slotted] of pages) {
      const prepared = prepare(page, { runtime: { now } });
      const first = { title: 'a', when: new Date('2030-06-15T12:00:00Z') };
      const doc = await renderer.mountAsync(prepared, first);
      const here = renderer.mount(prepared, first);
      expect(doc.offThread).toBe(true);
      expect(here.slotted).toBe(slotted);
      expect(doc.html).toBe(here.html);
      expect(doc.html).toContain('1\u00a0year');
      expect(await doc.set({ title: 'b' })).toEqual(here.set({ title: 'b' }));
      expect(await doc.currentHtml()).toBe(here.html);
      const next = { title: 'c', when: new Date('2031-06-14T12:00:00Z') };
      expect(await doc.update(next)).toEqual(here.update(next));
      expect(await doc.currentHtml()).toBe(here.html);
      expect(here.html).toContain('1\u00a0day');
      if (!slotted) expect(here.html).toContain('2031 1');
    }
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
    expect(await remote.set({ u: new User() })).toEqual(
      renderer.mount(plain, { u: { name: 'Bo' } }).set({ u: new User() }),
    );
    expect(remote.offThread).toBe(false);
  });

  it("moves to this thread when given the application's objects, its patches still applying to the client", async () => {
    const prepared = prepare(
      '<h1 id="t">{{ title }}</h1><ul>{% for r in rows %}<li>{{ r.name }} {{ r.initials }}</li>{% endfor %}</ul>' +
        '<p>{{ m.a }}|{{ u.nick }}|{{ u.fullName }}</p>{% if flag %}<b>{{ n }}</b>{% endif %}',
    );
    class Person {
      constructor(readonly name: string) {}
      get initials(): string {
        return this.name.slice(0, 1);
      }
      fullName(): string {
        return `${this.name} L`;
      }
    }
    const silent = Object.assign(new Error('gone'), { silent_variable_failure: true });
    class Failing {
      get nick(): string {
        throw silent;
      }
      fullName(): string {
        return 'Ada L';
      }
    }
    const failing = new Failing();
    const first = { title: 'a', rows: [{ name: 'x' }, { name: 'y' }], m: { a: 0 }, u: { nick: 'n' }, flag: true, n: 1 };
    const doc = await renderer.mountAsync(prepared, first);
    expect(doc.offThread).toBe(true);
    const dom = client(doc);
    const heading = dom.root.querySelector('#t');
    let context: Record<string, unknown> = { ...first };
    const fresh = () => holder(renderer.render(prepared, context)).innerHTML;
    const steps: [Record<string, unknown>, boolean][] = [
      [{ n: 2 }, false],
      [{ rows: [new Person('Ada'), { name: 'z' }] }, false],
      [{ m: new Map([['a', 7]]) }, false],
      [{ u: failing, flag: false }, false],
      [{ ...first, title: 'b', rows: [new Person('Bo')], u: failing }, true],
      [{ n: 3, flag: true }, false],
    ];
    const moved: boolean[] = [];
    for (const [values, whole] of steps) {
      const patches = await (whole ? doc.update(values) : doc.set(values));
      context = whole ? { ...values } : { ...context, ...values };
      expect(dom.apply(patches)).toBe(fresh());
      moved.push(!doc.offThread);
    }
    expect(moved).toEqual([false, true, true, true, true, true]);
    // The page the worker had was the one rebuilt here: the move sent patches, not the page.
    expect(dom.root.querySelector('#t')).toBe(heading);
    expect(heading?.textContent).toBe('b');
    expect(await doc.currentHtml()).toBe(renderer.render(prepared, context));
  });

  it('keeps the order of the calls made while it moves, and sends the whole page when the values changed meanwhile', async () => {
    const prepared = prepare('<i>{{ a.v }}</i>{% for x in xs %}<b>{{ x }}</b>{% endfor %}{{ o.v }}');
    class Box {
      constructor(readonly v: number) {}
    }
    const xs = [1, 2];
    const doc = await renderer.mountAsync(prepared, { a: { v: 0 }, xs, o: null });
    const dom = client(doc);
    // The application mutates what it sent: the worker's page no longer follows from the values.
    xs.push(3);
    const calls = [
      doc.set({ a: { v: 1 } }),
      doc.set({ o: new Box(5) }),
      doc.set({ a: { v: 2 } }),
      doc.set({ o: new Box(6) }),
    ];
    const expected = [
      '<i>1</i><b>1</b><b>2</b>',
      '<i>1</i><b>1</b><b>2</b><b>3</b>5',
      '<i>2</i><b>1</b><b>2</b><b>3</b>5',
      '<i>2</i><b>1</b><b>2</b><b>3</b>6',
    ];
    const got = await Promise.all(calls);
    expect(got[1]?.[0]).toMatchObject({ op: 'html' });
    expect(got.map((patches) => dom.apply(patches))).toEqual(expected);
    expect(doc.offThread).toBe(false);
  });

  it('leaves the page as it was when a change raises, on the worker and once moved', async () => {
    const prepared = prepare('{{ a }} {{ b.v }} {{ x|divisibleby:y }}');
    const doc = await renderer.mountAsync(prepared, { a: 1, b: null, x: 4, y: 2 });
    const dom = client(doc);
    await expect(doc.set({ y: 0, a: 5 })).rejects.toMatchObject({ name: 'ZeroDivisionError' });
    class Loud {
      get v(): string {
        throw new Error('boom');
      }
    }
    await expect(doc.set({ b: new Loud(), a: 6 })).rejects.toThrow('boom');
    expect(doc.offThread).toBe(false);
    expect(dom.apply(await doc.set({ a: 2 }))).toBe('2  True');
    class Quiet {
      v = 'ok';
    }
    expect(dom.apply(await doc.set({ b: new Quiet(), y: 3 }))).toBe('2 ok False');
    expect(await doc.currentHtml()).toBe('2 ok False');
  });
  it('stays on the worker when the move itself fails, the calls after it kept in order', async () => {
    const prepared = prepare('{{ a.v }} {{ b.v }}');
    const a = { v: 1 };
    const doc = await renderer.mountAsync(prepared, { a, b: null });
    const dom = client(doc);
    // What the worker was given no longer reads: the document cannot be rebuilt from it.
    Object.defineProperty(a, 'v', {
      get() {
        throw new Error('rebuilt');
      },
    });
    class B {
      v = 'b';
    }
    const [moved, plain, again] = await Promise.allSettled([
      doc.set({ b: new B() }),
      doc.set({ a: { v: 2 } }),
      doc.set({ b: new B() }),
    ]);
    expect(moved).toMatchObject({ status: 'rejected', reason: { message: 'rebuilt' } });
    expect(plain.status === 'fulfilled' && dom.apply(plain.value)).toBe('2 ');
    expect(again.status === 'fulfilled' && dom.apply(again.value)).toBe('2 b');
    expect(doc.offThread).toBe(false);
  });
});

describe('what an update sends to the worker', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  // The JSON each call into the addon carried, by method.
  const calls = () => crossings(NativeAsyncDocument);
  const first = { title: 'a', rows: rows([1, 2, 3]), n: 0 };

  it('a refetch with equal rows sends only the changed name, and nothing when nothing changed', async () => {
    const prepared = prepare(PAGE);
    const doc = await renderer.mountAsync(prepared, first);
    const seen = calls();
    const next = { ...structuredClone(first), title: 'b' };
    const page = client(doc);
    expect(page.apply(await doc.update(next))).toBe(holder(renderer.render(prepared, next)).innerHTML);
    expect(seen.update()).toEqual([]);
    expect(seen.set()).toEqual([{ title: 'b' }]);
    expect(await doc.update(structuredClone(next))).toEqual([]);
    expect(seen.set()).toHaveLength(1);
  });

  it('compares with what the calls made so far leave, not with what has settled', async () => {
    const prepared = prepare(PAGE);
    const doc = await renderer.mountAsync(prepared, first);
    const page = client(doc);
    const other = { title: 'b', rows: rows([3, 4]), n: 5 };
    // Not awaited in between: the second is compared with the first's context, not the mounted one.
    const pending = [doc.update(other), doc.update(structuredClone(first))];
    for (const patches of await Promise.all(pending)) page.apply(patches);
    expect(page.root.innerHTML).toBe(holder(renderer.render(prepared, first)).innerHTML);
    expect(await doc.currentHtml()).toBe(renderer.render(prepared, first));
  });

  it('after a change the worker refused, the next update sends every name again', async () => {
    const prepared = prepare('{{ a }} {{ x|divisibleby:y }}');
    const doc = await renderer.mountAsync(prepared, { a: 1, x: 4, y: 2 });
    const seen = calls();
    await expect(doc.set({ y: 0, a: 5 })).rejects.toMatchObject({ name: 'ZeroDivisionError' });
    // `a: 5` is what the refused call tried, not what the worker holds: it must cross.
    const next = { a: 5, x: 4, y: 2 };
    await doc.update(next);
    expect(seen.update()).toEqual([next]);
    expect(await doc.currentHtml()).toBe(renderer.render(prepared, next));
  });
});
