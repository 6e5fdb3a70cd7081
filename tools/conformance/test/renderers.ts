/**
 * Fake renderers for the runner's own tests. `textRenderer` handles text and `{{ var }}` nodes only,
 * which is all the tiny case sets below use; the others break it in one deliberate way each.
 */
import { lookupPath, renderValue } from '@tessera/runtime';
import type { Node, Template } from '@tessera/template';
import type { ConformanceCase, LiveRenderer, Renderer } from '../src/types.js';

function renderNodes(nodes: readonly Node[], context: Record<string, unknown>): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.value;
    else if (node.kind === 'output' && node.expr.base.kind === 'var' && node.expr.filters.length === 0) {
      const [head, ...rest] = node.expr.base.path;
      out += renderValue(head === undefined ? undefined : lookupPath(context[head], rest), true);
    } else throw new Error(`fake renderer: ${node.kind} nodes are out of scope`);
  }
  return out;
}

/** Correct for text + `{{ var }}` templates. */
export const textRenderer: LiveRenderer<Template> = {
  name: 'fake-text',
  prepare: (t) => t,
  render: (t, context) => renderNodes(t.ir.body, context),
  mount(t, context) {
    return {
      html: renderNodes(t.ir.body, context),
      anchors: [],
      update: (next) => [{ op: 'html', path: [], html: renderNodes(t.ir.body, next) }],
    };
  },
};

/** Drops the last character of every output. */
export const brokenRenderer: Renderer<Template> = {
  name: 'fake-broken',
  prepare: (t) => t,
  render: (t, context) => renderNodes(t.ir.body, context).slice(0, -1),
};

/** Renders correctly but its live updates send no patches. */
export const stuckLiveRenderer: LiveRenderer<Template> = {
  ...textRenderer,
  name: 'fake-stuck',
  mount: (t, context) => ({ html: renderNodes(t.ir.body, context), anchors: [], update: () => [] }),
};

/** Reorders attributes, so output is only DOM-equal; declares `compare: 'dom'`. */
export const domRenderer: Renderer<Template> = {
  name: 'fake-dom',
  conformance: { compare: 'dom' },
  prepare: (t) => t,
  render: (t, context) => renderNodes(t.ir.body, context).replace('<p id="a" class="b">', '<p class="b" id="a">'),
};

/** A tiny case set: text, a variable, escaping, an error, an attribute-order case and a live case. */
export const tinyCases: ConformanceCase[] = [
  {
    id: 'tiny/text',
    category: 'tiny',
    templates: { 'main.html': 'hello' },
    entry: 'main.html',
    context: {},
    expected: 'hello',
  },
  {
    id: 'tiny/var',
    category: 'tiny',
    templates: { 'main.html': 'Hi {{ name }}!' },
    entry: 'main.html',
    context: { name: 'Ann' },
    expected: 'Hi Ann!',
  },
  {
    id: 'tiny/escape',
    category: 'tiny',
    templates: { 'main.html': '{{ v }}|{{ s }}' },
    entry: 'main.html',
    context: { v: '<b>', s: { $safe: '<i>' } },
    expected: '&lt;b&gt;|<i>',
    features: ['autoescape'],
  },
  {
    id: 'errors/unknown-tag',
    category: 'errors',
    templates: { 'main.html': '{% frobnicate %}' },
    entry: 'main.html',
    context: {},
    expected_error: 'TemplateSyntaxError',
  },
  {
    id: 'html/attrs',
    category: 'html',
    templates: { 'main.html': '<p id="a" class="b">{{ v }}</p>' },
    entry: 'main.html',
    context: { v: 1 },
    expected: '<p id="a" class="b">1</p>',
  },
  {
    id: 'live/counter',
    category: 'live',
    templates: { 'main.html': '<p>{{ n }}</p>' },
    entry: 'main.html',
    context: { n: 1 },
    expected: '<p>1</p>',
    updates: [{ n: 2 }, { n: 3 }],
    expected_updates: ['<p>2</p>', '<p>3</p>'],
    features: ['live'],
  },
];
