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

  it('set re-renders only what reads the changed names, and always equals a full render', () => {
    const pages = [
      page,
      compile('c.html', new MemoryLoader({ 'c.html': '{% cycle "x" "y" as c %}<h1>{{ title }}</h1>{% for i in items %}{% cycle "o" "e" %}{{ c }}{% endfor %}{{ count }}' })),
      compile('child.html', new MemoryLoader({
        'base.html': '<nav>{{ title }}</nav>{% block main %}<p>{{ count }}</p>{% endblock %}<footer>{% block foot %}f{% endblock %}</footer>',
        'child.html': '{% extends "base.html" %}{% block main %}<h1>{{ title|upper }}</h1>{% for i in items %}{{ i.name }}{% endfor %}[{{ block.super }}]{% endblock %}',
      })),
    ].map((t) => renderer.prepare(t));
    const steps: Record<string, unknown>[] = [{ title: 'X' }, { count: 9 }, { items: [{ id: 4, name: 'd' }] }, { nothing: 1 }, { title: 'T', count: 1 }];
    for (const p of pages) {
      const doc = renderer.mount(p, a);
      let context: Record<string, unknown> = { ...a };
      for (const changes of steps) {
        const before = doc.html;
        context = { ...context, ...changes };
        const patches = doc.set(changes);
        expect(doc.html).toBe(renderer.render(p, context));
        expect(patches.length > 0).toBe(doc.html !== before);
      }
    }
  });

  it('a failed update leaves the document as it was', () => {
    const doc = renderer.mount(prepared, a);
    expect(() => doc.update({ ...a, title: new Map() })).toThrow(expect.objectContaining({ name: 'UnsupportedError' }));
    expect(doc.html).toBe(renderer.render(prepared, a));
  });
});
