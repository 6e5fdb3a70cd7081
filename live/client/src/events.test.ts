import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { bindEvents, type Intent } from './events.js';

function setup(html: string) {
  const window = new Window();
  window.document.body.innerHTML = `<div id="root">${html}</div>`;
  const root = window.document.getElementById('root') as unknown as Element;
  const intents: Intent[] = [];
  const off = bindEvents(root, (intent) => intents.push(intent));
  const $ = (sel: string) => root.querySelector(sel) as unknown as HTMLElement & HTMLInputElement & HTMLFormElement;
  const fire = (el: EventTarget, type: string, init: Record<string, unknown> = {}) =>
    el.dispatchEvent(new window.KeyboardEvent(type, { bubbles: true, cancelable: true, ...init }) as unknown as Event);
  return { window, root, intents, off, $, fire };
}

const shape = (i: Intent) => (i.kind === 'event' ? { name: i.name, params: i.params } : i);

describe('bindEvents', () => {
  it('turns clicks on bound elements (or their children) into events with their params', () => {
    const { intents, $ } = setup(
      '<button data-live-click="like" data-live-param-id="7" data-live-param-__proto__="x"><b id="in">+</b></button>',
    );
    $('#in').click();
    expect(intents.map(shape)).toEqual([{ name: 'like', params: { id: '7' } }]);
  });

  it('sends the value on input and change, checked for checkboxes, form fields on submit', () => {
    const { intents, $, fire } = setup(
      '<input id="q" data-live-input="search"><input id="c" type="checkbox" data-live-change="toggle">' +
        '<form id="f" data-live-submit="save"><input name="title" value="T"><input name="off" disabled value="x"></form>',
    );
    $('#q').value = 'abc';
    fire($('#q'), 'input');
    $('#c').checked = true;
    fire($('#c'), 'change');
    fire($('#f'), 'submit');
    expect(intents.map(shape)).toEqual([
      { name: 'search', params: { value: 'abc' } },
      { name: 'toggle', params: { checked: true } },
      { name: 'save', params: { title: 'T' } },
    ]);
  });

  it('filters keydown by data-live-key and reads client-state setters', () => {
    const { intents, $, fire } = setup(
      '<input id="k" data-live-keydown="send" data-live-key="Enter"><a id="t" data-live-set="tab" data-live-value="b">B</a>',
    );
    fire($('#k'), 'keydown', { key: 'a' });
    fire($('#k'), 'keydown', { key: 'Enter' });
    $('#t').click();
    expect(intents.map(shape)).toEqual([
      { name: 'send', params: { key: 'Enter', value: '' } },
      { kind: 'set', key: 'tab', value: 'b' },
    ]);
  });

  it('stops listening when unbound', () => {
    const { intents, $, off } = setup('<button id="b" data-live-click="x">x</button>');
    off();
    $('#b').click();
    expect(intents).toEqual([]);
  });
});
