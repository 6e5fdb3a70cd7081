/**
 * The codegen renderer against the string renderer (the semantic reference) and Django.
 *
 * Every conformance case and a corpus of extra templates render through both renderers; the outcome
 * (output, or the error's class name) must be identical. Where the two differ because the string
 * renderer departs from Django, the case is listed in DJANGO_WINS with Django's output, and codegen
 * must produce exactly that.
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { decodeContext, loadCases, suiteCompileOptions } from '@tessera/conformance';
import codegen, { ResponseBuffer } from '@tessera/renderer-codegen';
import reference from '@tessera/renderer-string';
import { compile, MemoryLoader, type Template } from '@tessera/template';

type Outcome = { output: string } | { error: string };

function outcome(render: () => string): Outcome {
  try {
    return { output: render() };
  } catch (err) {
    return { error: (err as Error).name };
  }
}

/**
 * One output buffer for every case, as a server reuses one: small, so it grows, reused after failures, and
 * flushed after every loop iteration, so every loop of the suite goes through the flush.
 */
const output = new ResponseBuffer(16, 0);

/** A render's outcome with the output as its UTF-8 bytes (one char per byte), what `renderToBuffer` must give. */
function utf8(o: Outcome): Outcome {
  return 'output' in o ? { output: Buffer.from(o.output).toString('latin1') } : o;
}

function both(templates: Record<string, string>, entry: string, context: Record<string, unknown>) {
  let template: Template;
  try {
    template = compile(entry, new MemoryLoader(templates), suiteCompileOptions());
  } catch (err) {
    const compileError = { error: (err as Error).name };
    return { codegen: compileError, string: compileError, bytes: compileError };
  }
  return {
    codegen: outcome(() => codegen.render(codegen.prepare(template), context)),
    string: outcome(() => reference.render(reference.prepare(template), context)),
    bytes: outcome(() =>
      Buffer.from(codegen.renderToBuffer(codegen.prepare(template), context, output)).toString('latin1'),
    ),
  };
}

/** Cases where the string renderer differs from Django and codegen matches Django (value: Django's output). */
const DJANGO_WINS: Readonly<Record<string, string>> = {
  // A float literal prints as Python's float repr.
  'filters-string/literal-float-base': '1.0',
  'variables/exp-literal': '1000.0',
  // An {% include %} renders with a fresh render context: its cycles restart (checked with Django 5.2.19).
  'extra/cycle-in-include': 'aaa',
  // `block.name` is the block's name in Django.
  'extra/block-name': 'a',
  // smartif: each operator (`not`, `or`, `and`, comparisons) catches its operands' errors and is False.
  'extra/operator-catches': '<i>E|E|F|F',
  // `x not in y` is False when Python's `in` raises TypeError (list in str, list in dict, int in str).
  'extra/not-in-invalid': 'NNNY',
  // set_upward finds a name of the render context and assigns it there, so it outlives the loop.
  'extra/cycle-set-upward-after-loop': 'p[p]',
};

/** Templates beyond the conformance suite, aimed at the generator's own static decisions. */
const EXTRA: readonly { id: string; templates: Record<string, string>; context: Record<string, unknown> }[] = [
  {
    // `escape` and `force_escape` are written at the site for strings and integers, the rest goes through
    // the filters; `{{ v }}` prints integers without the runtime.
    id: 'extra/escape-at-site',
    templates: {
      'main.html':
        '{% for v in vs %}[{{ v|escape }}|{{ v|force_escape }}|{{ v }}]{% endfor %}{{ missing|escape }}|' +
        '{% with s="<b>" %}{{ s|escape }}{{ s|force_escape }}{% endwith %}{% autoescape off %}{{ t|escape }}{% endautoescape %}',
    },
    context: {
      vs: ['<a & "b">', '', 5, -0, 0, -7, 1.5, 2 ** 31, 2 ** 40, 1e21, 0.1, null, true, ['<'], { a: '&' }],
      t: "'",
    },
  },
  {
    // Loop bodies starting and ending with text: the generator joins the end of one iteration's text with
    // the start of the next; empty, one-item, nested and reversed loops must print the same.
    id: 'extra/loop-text-around-body',
    templates: {
      'main.html':
        '{% for r in rows %}<tr>{% for c in r %}<td>{{ c }}</td>{% empty %}-{% endfor %}</tr>{% endfor %}|' +
        '{% for x in none %}<a>{{ x }}</a>{% endfor %}|{% for x in one %}<b>{{ x }}</b>{% endfor %}|' +
        '{% for x in three reversed %}[{% cycle "a" "b" %}{{ forloop.last }}]{% endfor %}',
    },
    context: { rows: [[1, 2], [], [3]], none: [], one: ['<'], three: [1, 2, 3] },
  },
  {
    id: 'extra/cycle-in-include',
    templates: { 'main.html': "{% for i in l %}{% include 'c.html' %}{% endfor %}", 'c.html': "{% cycle 'a' 'b' %}" },
    context: { l: [1, 2, 3] },
  },
  {
    id: 'extra/block-name',
    templates: {
      'main.html': "{% extends 'base.html' %}{% block a %}{{ block.name }}{% endblock %}",
      'base.html': '{% block a %}{% endblock %}',
    },
    context: {},
  },
  {
    id: 'extra/operator-catches',
    templates: {
      'main.html':
        '<i>{% if not a|first %}<i>{% else %}E{% endif %}|{% if not a|add:m %}N{% else %}E{% endif %}|{% if a|first or True %}T{% else %}F{% endif %}|{% if True and a|first %}T{% else %}F{% endif %}',
    },
    context: { a: { b: '<b>', n: null } },
  },
  {
    id: 'extra/cycle-set-upward-after-loop',
    templates: { 'main.html': "{% for x in l %}{% cycle 'p' 'q' as c %}{% endfor %}[{{ c }}]" },
    context: { l: [1], c: null },
  },
  {
    id: 'extra/not-in-invalid',
    templates: {
      'main.html':
        '{% if a not in a|upper %}Y{% else %}N{% endif %}{% if 5 not in s %}Y{% else %}N{% endif %}{% if a not in d %}Y{% else %}N{% endif %}{% if "z" not in s %}Y{% else %}N{% endif %}',
    },
    context: { a: [], s: 'ab', d: { k: 1 } },
  },
  {
    id: 'extra/literal-identity',
    templates: {
      'main.html':
        '{% if "s" is not "s" %}A{% else %}B{% endif %}{% if "s" is "s" %}C{% endif %}{% with a="x" %}{% if a is a %}E{% endif %}{% endwith %}',
    },
    context: {},
  },
  {
    id: 'extra/cycle-set-upward-root',
    templates: { 'main.html': "{% for x in l %}{{ c }}{% cycle 'a' 'b' as c silent %}{% endfor %}" },
    context: { l: [1, 2, 3], c: 'root' },
  },
  {
    id: 'extra/cycle-set-upward-with',
    templates: { 'main.html': "{% with y=1 %}{% cycle 'p' 'q' as y %}{{ y }}{% endwith %}{{ y }}" },
    context: {},
  },
  {
    id: 'extra/as-var-scoping',
    templates: {
      'main.html':
        "{{ f }}{% with a=1 %}{% firstof 'in' as f %}{{ f }}{% endwith %}{{ f }}{% for x in l %}{{ g }}{% firstof x as g %}{% endfor %}{{ g }}",
    },
    context: { f: 'root', l: [1, 2] },
  },
  {
    id: 'extra/unpack-scope',
    templates: { 'main.html': "{% for a, b in l %}{{ c }}{% cycle 'x' 'y' as c silent %}{% endfor %}" },
    context: {
      l: [
        [1, 2],
        [3, 4],
      ],
    },
  },
  {
    id: 'extra/forloop-parent',
    templates: {
      'main.html':
        '{% for x in l %}{% for y in x %}{{ forloop.parentloop.counter }}.{{ forloop.counter }}{{ forloop.last }} {% endfor %}{{ forloop }}{% endfor %}',
    },
    context: { l: [[1, 2], [3]] },
  },
  {
    id: 'extra/empty-sees-outer',
    templates: { 'main.html': '{% for x in l %}{{ x }}{% empty %}[{{ x }}]{% endfor %}' },
    context: { l: [], x: 'outer' },
  },
  {
    id: 'extra/ifchanged-in-include',
    templates: {
      'main.html': "{% for i in l %}{% include 'c.html' %}{% endfor %}",
      'c.html': '{% ifchanged %}{{ i }}{% endifchanged %}',
    },
    context: { l: [1, 1, 2] },
  },
  {
    id: 'extra/ifchanged-rerender',
    templates: { 'main.html': "{% for x in l %}{% ifchanged %}{% cycle 'a' '' %}{% endifchanged %}{% endfor %}" },
    context: { l: [1, 2, 3, 4] },
  },
  {
    id: 'extra/dynamic-include-forloop',
    templates: { 'main.html': '{% for i in l %}{% include n %}{% endfor %}', 'f.html': '{{ forloop.counter }}{{ i }}' },
    context: { l: [1, 2], n: 'f.html' },
  },
  {
    id: 'extra/recursive-include',
    templates: {
      'main.html': "{% include 'tree.html' %}",
      'tree.html': "({{ node.name }}{% for c in node.children %}{% include 'tree.html' with node=c %}{% endfor %})",
    },
    context: {
      node: {
        name: 'r',
        children: [
          { name: 'a', children: [{ name: 'b', children: [] }] },
          { name: 'c', children: [] },
        ],
      },
    },
  },
  {
    id: 'extra/super-in-loop',
    templates: {
      'main.html':
        "{% extends 'base.html' %}{% block a %}{% for x in l %}{{ block.super }}{% endfor %}{{ block.super|upper }}{% endblock %}",
      'base.html': '{% block a %}<{{ x }}>{% endblock %}',
    },
    context: { l: [1, 2], x: 'o' },
  },
  {
    id: 'extra/if-filter-arg-missing',
    templates: {
      'main.html': '{% if x|add:missing %}Y{% else %}N{% endif %}{% if x|add:missing == 1 or True %}Y{% endif %}',
    },
    context: { x: 1 },
  },
  {
    id: 'extra/spaceless-static',
    templates: { 'main.html': '{% spaceless %} <p> <b>x</b> </p> {% endspaceless %}' },
    context: {},
  },
  {
    id: 'extra/markup-free-filters',
    templates: { 'main.html': '{{ s|length }}{{ s|safe }}{{ s|escape }}{{ s|force_escape }}{{ s|wordcount }}' },
    context: { s: '<a & b>' },
  },
  {
    id: 'extra/direct-reads',
    templates: { 'main.html': '{{ d.items }}{{ d.name }}{{ o.name }}{{ l.0 }}{{ d.keys }}{{ s.upper }}' },
    context: { d: { items: 5, name: '<n>' }, o: { name: () => 'called' }, l: ['z'], s: 'abc' },
  },
  {
    id: 'extra/js-internals',
    templates: {
      'main.html':
        '[{{ o.constructor }}{{ o.toString }}{{ l.constructor }}{{ constructor }}{{ hasOwnProperty }}{{ o.valueOf }}]',
    },
    context: { o: {}, l: [] },
  },
];

describe('codegen renders like the string renderer', () => {
  const cases = loadCases();
  it('agrees on every conformance case', () => {
    const differ: string[] = [];
    const bytesDiffer: string[] = [];
    for (const c of cases) {
      const r = both(c.templates, c.entry, decodeContext(c.context));
      const wins = DJANGO_WINS[c.id];
      if (wins !== undefined) expect(r.codegen, c.id).toEqual({ output: wins });
      else if (JSON.stringify(r.codegen) !== JSON.stringify(r.string)) differ.push(c.id);
      if (JSON.stringify(r.bytes) !== JSON.stringify(utf8(r.codegen))) bytesDiffer.push(c.id);
    }
    expect(differ).toEqual([]);
    // renderToBuffer runs a second generated function (the bytes one): the same page, as UTF-8.
    expect(bytesDiffer).toEqual([]);
    expect(cases.length).toBeGreaterThan(1000);
  });

  for (const c of EXTRA) {
    it(c.id, () => {
      const r = both(c.templates, 'main.html', c.context);
      const wins = DJANGO_WINS[c.id];
      expect(r.codegen).toEqual(wins === undefined ? r.string : { output: wins });
      expect(r.bytes).toEqual(utf8(r.codegen));
    });
  }
});
