import { applyPatches, type Patch } from '@tessera/dom-patch';
import { compile, MemoryLoader } from '@tessera/template';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';

const document = new Window().document;

function holder(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div as unknown as Element;
}

function applied(before: string, patches: readonly Patch[]): string {
  const root = holder(before);
  applyPatches(root, patches);
  return root.innerHTML;
}

const page = compile(
  'main.html',
  new MemoryLoader({ 'main.html': '<h1>{{ title }}</h1><ul>{% for i in items %}<li data-key="{{ i.id }}">{{ i.name }}</li>{% endfor %}</ul><p>{{ count }}</p>' }),
);

describe('mount / update / set', () => {
  const prepared = renderer.prepare(page);
  const a = { title: 'T', items: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }], count: 1 };
  const b = { title: 'T2', items: [{ id: 2, name: 'b' }, { id: 3, name: 'c&' }], count: 2 };

  it('mounts with the html render() gives', () => {
    expect(renderer.mount(prepared, a).html).toBe(renderer.render(prepared, a));
  });

  it('update turns the DOM of render(A) into the DOM of render(B)', () => {
    const doc = renderer.mount(prepared, a);
    const patches = doc.update(b);
    expect(applied(renderer.render(prepared, a), patches)).toBe(holder(renderer.render(prepared, b)).innerHTML);
    expect(doc.html).toBe(renderer.render(prepared, b));
  });

  it('an update that changes nothing sends no patch', () => {
    const doc = renderer.mount(prepared, a);
    expect(doc.update({ ...a })).toEqual([]);
  });

  it('set(changes) keeps the other names on the Rust side', () => {
    const doc = renderer.mount(prepared, a);
    const patches = doc.set({ count: 5 });
    expect(patches).toHaveLength(1);
    expect(doc.html).toBe(renderer.render(prepared, { ...a, count: 5 }));
    expect(applied(renderer.render(prepared, a), patches)).toContain('<p>5</p>');
  });

  it('a failed update leaves the document as it was', () => {
    const doc = renderer.mount(prepared, a);
    expect(() => doc.update({ ...a, title: new Map() })).toThrow(expect.objectContaining({ name: 'UnsupportedError' }));
    expect(doc.html).toBe(renderer.render(prepared, a));
  });
});
