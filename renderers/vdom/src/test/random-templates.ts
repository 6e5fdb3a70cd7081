import fc from 'fast-check';

/**
 * Random Django templates over tags the HTML parser treats specially (optional end tags, tables,
 * `select`, raw text, foreign content, document elements), with holes in text, attributes and whole
 * attributes, `if`/`for`/`with`/`include`/`block`, and end tags sometimes left out.
 */
const TAGS = [
  'div',
  'p',
  'span',
  'ul',
  'ol',
  'li',
  'b',
  'i',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'select',
  'option',
  'pre',
  'textarea',
  'h1',
  'em',
  'section',
  'dl',
  'dt',
  'dd',
  'form',
  'button',
  'title',
  'script',
  'svg',
  'body',
  'nobr',
  'main',
];
const VOIDS = ['br', 'img', 'input', 'hr', 'col', 'wbr'];
const ATTR = fc.constantFrom(
  ' class="x"',
  " title='{{ t }}'",
  ' data-key="{{ k }}"',
  ' {% if f %}checked{% endif %}',
  ' href="/a?b=1&amp;c={{ n }}"',
  ' id=z',
);
const LEAF = fc.oneof(
  fc.constantFrom(
    'text',
    ' ',
    '\n  ',
    '&amp; &copy',
    '{{ t }}',
    '{{ h|safe }}',
    '{{ n }}',
    '{% cycle "a" "b" %}',
    '<!-- c -->',
    'a > b',
    '{% include "inc.html" %}',
    '{% include "inc.html" with t=n only %}',
    '{{ items|length }}',
    '{% filter lower %}AB{{ t }}{% endfilter %}',
    '{% spaceless %} <b> x </b> {% endspaceless %}',
    '{% with q=t|upper %}{{ q }}{% endwith %}',
    '{% ifchanged n %}c{% endifchanged %}',
  ),
  fc.constantFrom(...VOIDS).chain((v) => fc.array(ATTR, { maxLength: 2 }).map((as) => `<${v}${as.join('')}>`)),
);

const { nodes } = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, LEAF, tie('el'), tie('if'), tie('for')),
  nodes: fc.array(tie('node'), { maxLength: 4 }).map((xs) => (xs as string[]).join('')),
  el: fc
    .tuple(fc.constantFrom(...TAGS), fc.array(ATTR, { maxLength: 2 }), tie('nodes'), fc.nat(9))
    .map(([t, as, body, close]) => `<${t}${as.join('')}>${String(body)}${close > 0 ? `</${t}>` : ''}`),
  if: fc.tuple(tie('nodes'), tie('nodes')).map(([a, b]) => `{% if f %}${String(a)}{% else %}${String(b)}{% endif %}`),
  for: tie('nodes').map(
    (b) =>
      `{% for it in items %}${String(b).replaceAll('{{ t }}', '{{ it.name }}').replaceAll('{{ k }}', '{{ it.id }}')}{% empty %}e{% endfor %}`,
  ),
}));

/** Template sets: `main.html` is the random source, extending `base.html` one time in three. */
export const randomTemplates: fc.Arbitrary<Record<string, string>> = fc
  .tuple(nodes, fc.nat(2))
  .map(([source, mode]) => ({
    'main.html': mode === 0 ? `{% extends "base.html" %}{% block b %}${source}{{ block.super }}{% endblock %}` : source,
    'inc.html': '<i class="{{ t }}">{{ t }}</i>',
    'base.html': '<main>{% block b %}<p>{{ n }}</p>{% endblock %}</main><footer>{{ t }}</footer>',
  }));

/** Contexts for `randomTemplates`. */
export const randomContext = fc.record({
  t: fc.constantFrom('', 'x', '<b>', 'a&b', "'q'"),
  h: fc.constantFrom('', '<i>i</i>', '<p>p', '</div>', '<td>x</td>', 'a<b', '<li>l</li>'),
  n: fc.integer({ min: 0, max: 3 }),
  f: fc.boolean(),
  k: fc.constantFrom('1', '2'),
  items: fc
    .uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 5 })
    .map((ids) => ids.map((id) => ({ id, name: `n${id}` }))),
});
