import { markSafe } from '@tessera/runtime';
import { compile, MemoryLoader } from '@tessera/template';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import renderer from './index.js';

const names = ['a', 'b', 'items', 'x', 'forloop', 'missing'];
const filterCalls = [
  '',
  '|upper',
  '|length',
  '|default:"d"',
  '|add:1',
  '|add:b',
  '|join:","',
  '|first',
  '|last',
  '|slice:":2"',
  '|floatformat:2',
  '|stringformat:"05.1f"',
  '|truncatechars:3',
  '|dictsort:"k"',
  '|escape',
  '|safe',
  '|yesno',
  '|pluralize',
  '|divisibleby:2',
  '|title',
  '|make_list',
  '|linebreaks',
  '|unordered_list',
  '|get_digit:1',
  '|center:7',
  '|date:"D jS F Y H:i T"',
  '|time',
  '|timesince',
  '|timeuntil:b',
  '|pprint',
  '|wordwrap:5',
  '|json_script',
  '|striptags',
];

const variable = fc
  .tuple(fc.constantFrom(...names), fc.constantFrom('', '.0', '.k', '.items', '.upper', '.counter'))
  .map(([n, p]) => n + p);
const expr = fc.tuple(variable, fc.subarray(filterCalls, { maxLength: 3 })).map(([v, fs]) => v + fs.join(''));
const op = fc.constantFrom('==', '!=', '<', '>=', 'in', 'not in', 'is', 'and', 'or');

// Template source built from the tags renderer-rust renders, nested to a few levels.
const source: fc.Arbitrary<string> = fc.letrec<{ node: string; body: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('<p>', '</p>', 'text ', '&amp;', '<li data-key="k">'),
    expr.map((e) => `{{ ${e} }}`),
    fc
      .tuple(expr, op, expr, tie('body'), tie('body'))
      .map(([l, o, r, t, f]) => `{% if ${l} ${o} ${r} %}${t}{% else %}${f}{% endif %}`),
    fc
      .tuple(expr, fc.boolean(), tie('body'), tie('body'))
      .map(([e, rev, b, empty]) => `{% for x in ${e}${rev ? ' reversed' : ''} %}${b}{% empty %}${empty}{% endfor %}`),
    fc.tuple(expr, tie('body')).map(([e, b]) => `{% for k, v in ${e} %}${b}{% endfor %}`),
    fc.tuple(expr, tie('body')).map(([e, b]) => `{% with b=${e} %}${b}{% endwith %}`),
    fc.tuple(expr, expr).map(([p, q]) => `{% cycle ${p} ${q} %}`),
    fc.tuple(expr, expr).map(([p, q]) => `{% firstof ${p} ${q} "z" %}`),
    tie('body').map((b) => `{% ifchanged %}${b}{% endifchanged %}`),
    tie('body').map((b) => `{% spaceless %}${b}{% endspaceless %}`),
    tie('body').map((b) => `{% autoescape off %}${b}{% endautoescape %}`),
    tie('body').map((b) => `{% filter upper|escape %}${b}{% endfilter %}`),
    fc.tuple(expr, expr).map(([p, q]) => `{% widthratio ${p} ${q} 100 %}`),
    fc.tuple(expr).map(([e]) => `{% regroup ${e} by k as g %}{{ g }}`),
  ),
  body: fc.array(tie('node'), { maxLength: 4 }).map((nodes) => nodes.join('')),
})).body;

const scalar = fc.oneof(
  fc.integer({ min: -4e12, max: 4e12 }).map((ms) => new Date(ms)),
  fc.string().map((t) => markSafe(t)),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constantFrom('<b>&"\'', '', '0', 'ß ǆ', null, true, false, Number.NaN, Infinity),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('k', 'items', '0', 'name', 'upper'), tie('v'), { maxKeys: 3 }),
  ),
})).v;
const context = fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 5 });

// Python exception classes a render may legitimately end with, plus the refusals of this renderer.
const EXPECTED_ERRORS = new Set([
  'TypeError',
  'ValueError',
  'VariableDoesNotExist',
  'ZeroDivisionError',
  'OverflowError',
  'AttributeError',
  'KeyError',
  'IndexError',
  'TemplateSyntaxError',
  'UnsupportedError',
  'RecursionError',
]);

describe('fuzz: random IR-valid templates and contexts', () => {
  it('never crash the process: every render returns a string or throws a named Python-style error', () => {
    fc.assert(
      fc.property(source, fc.array(context, { minLength: 1, maxLength: 3 }), (src, contexts) => {
        let template;
        try {
          template = compile('t', new MemoryLoader({ t: src }));
        } catch {
          fc.pre(false);
          return;
        }
        const prepared = renderer.prepare(template);
        for (const ctx of contexts) {
          try {
            expect(typeof renderer.render(prepared, ctx)).toBe('string');
          } catch (e) {
            expect(EXPECTED_ERRORS, `${(e as Error).name}: ${(e as Error).message}`).toContain((e as Error).name);
          }
        }
        // A live document survives the same contexts, failed renders included.
        let doc;
        try {
          doc = renderer.mount(prepared, {});
        } catch (e) {
          expect(EXPECTED_ERRORS).toContain((e as Error).name);
          return;
        }
        for (const ctx of contexts) {
          try {
            doc.update(ctx);
          } catch (e) {
            expect(EXPECTED_ERRORS).toContain((e as Error).name);
          }
        }
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });
});
