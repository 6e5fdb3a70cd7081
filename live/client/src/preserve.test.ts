import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { restore, snapshot } from './preserve.js';

function page(html: string) {
  const window = new Window();
  window.document.body.innerHTML = `<div id="root">${html}</div>`;
  return { window, root: window.document.getElementById('root') as unknown as Element };
}

describe('focus, selection and unsent values across DOM changes', () => {
  it('refocuses a replaced input by id and restores its selection and typed value', () => {
    const { root } = page('<input id="q" value="">');
    const input = root.querySelector('#q') as HTMLInputElement;
    input.focus();
    input.value = 'hello';
    input.setSelectionRange(2, 4);
    const saved = snapshot(root, new Set());
    root.innerHTML = '<p>new</p><input id="q" value="server">';
    restore(root, saved);
    const replaced = root.querySelector('#q') as HTMLInputElement;
    expect(replaced).not.toBe(input);
    expect(root.ownerDocument.activeElement).toBe(replaced);
    expect(replaced.value).toBe('hello');
    expect([replaced.selectionStart, replaced.selectionEnd]).toEqual([2, 4]);
  });

  it('keeps the value of an unfocused input whose event is still unsent', () => {
    const { root } = page('<input name="title"><button id="b">b</button>');
    const input = root.querySelector('input') as HTMLInputElement;
    input.value = 'draft';
    const saved = snapshot(root, new Set([input]));
    input.value = 'overwritten by a patch';
    restore(root, saved);
    expect(input.value).toBe('draft');
  });

  it('finds controls whose id or name would break a selector (newline, quote, bracket) without building one', () => {
    for (const id of ['a\nb', 'x"]y', '1[', 'a\\', 'ü ü']) {
      const { root } = page('');
      const input = root.ownerDocument.createElement('input');
      input.id = id;
      root.appendChild(input);
      input.focus();
      input.value = 'typed';
      const saved = snapshot(root, new Set());
      root.innerHTML = '';
      const replaced = root.ownerDocument.createElement('input');
      replaced.id = id;
      const named = root.ownerDocument.createElement('textarea');
      named.setAttribute('name', id);
      root.append(named, replaced);
      expect(() => restore(root, saved)).not.toThrow();
      expect(root.ownerDocument.activeElement).toBe(replaced);
      expect(replaced.value).toBe('typed');
      expect(named.value).toBe('');
    }
  });
});
