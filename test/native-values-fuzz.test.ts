/**
 * Random nestings of the JavaScript values Node applications pass (class instances with getters and
 * methods, Maps, Sets, arrays, dicts, BigInts beyond 2^53, Dates (an invalid one too), `undefined`,
 * Promises and plain objects with a `then` method, cycles) read by random templates through all four
 * renderers: the same page, or the same error class, and no error other than the documented ones (a
 * thenable or a non-iterable: TypeError; a getter raising ValueError).
 * Seeded: the same cases on every run.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import codegen from '@tessera/renderer-codegen';
import rust from '@tessera/renderer-rust';
import string from '@tessera/renderer-string';
import vdom from '@tessera/renderer-vdom';
import { compile, MemoryLoader, type Renderer } from '@tessera/template';

const SEED = 19;
const RUNS = 600;
const renderers: readonly Renderer[] = [string, codegen, vdom, rust];
const DOCUMENTED_ERRORS = new Set(['TypeError', 'ValueError']);

/** A value to build, as data, so fast-check can print and shrink it. */
type Spec =
  | { readonly leaf: unknown }
  | { readonly promise: true }
  | { readonly thenable: readonly (readonly [string, Spec])[] }
  | { readonly list: readonly Spec[]; readonly cyclic?: boolean }
  | { readonly dict: readonly (readonly [string, Spec])[]; readonly kind: 'plain' | 'null' | 'map' | 'cyclic' }
  | { readonly intMap: readonly (readonly [number, Spec])[] }
  | { readonly set: readonly (string | number)[] }
  | { readonly instance: readonly (readonly [string, Spec])[] };

const NAMES = ['a', 'b', 'c', 'name', 'items', 'keys', '0', '1', 'label', 'count', 'bad', 'quiet', 'missing'];

class SilentError extends Error {
  readonly silent_variable_failure = true;
}

class Thing {
  get label(): string {
    return `L${Object.keys(this).length}`;
  }
  count(): number {
    return Object.keys(this).length;
  }
  get bad(): string {
    throw Object.assign(new Error('bad getter'), { name: 'ValueError' });
  }
  get quiet(): string {
    throw new SilentError('quiet getter');
  }
}

function build(spec: Spec): unknown {
  if ('leaf' in spec) return spec.leaf;
  if ('promise' in spec) return Promise.resolve(1);
  // A plain object that `await` would wait for: refused like a Promise wherever a template reads it.
  if ('thenable' in spec)
    return Object.assign(Object.fromEntries(spec.thenable.map(([k, v]) => [k, build(v)])), {
      // biome-ignore lint/suspicious/noThenProperty: a thenable is the point
      then: (resolve: (v: unknown) => void) => resolve(1),
    });
  if ('list' in spec) {
    const list = spec.list.map(build);
    if (spec.cyclic) list.push(list);
    return list;
  }
  if ('intMap' in spec) return new Map(spec.intMap.map(([k, v]) => [k, build(v)]));
  if ('set' in spec) return new Set(spec.set);
  if ('instance' in spec)
    return Object.assign(new Thing(), Object.fromEntries(spec.instance.map(([k, v]) => [k, build(v)])));
  const entries = spec.dict.map(([k, v]) => [k, build(v)] as const);
  if (spec.kind === 'map') return new Map(entries);
  const dict: Record<string, unknown> = spec.kind === 'null' ? Object.create(null) : {};
  for (const [k, v] of entries) dict[k] = v;
  if (spec.kind === 'cyclic') dict['c'] = dict;
  return dict;
}

const leaf: fc.Arbitrary<Spec> = fc
  .oneof(
    fc.constantFrom(null, undefined, true, false, '', '<b>&amp;', 'x y', 0, 7, -3, 2.5),
    fc.integer({ min: -1000, max: 1000 }),
    fc.string({ maxLength: 4 }),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
    fc.integer({ min: 0, max: 2_000_000_000 }).map((s) => new Date(s * 1000)),
    fc.constant(new Date(Number.NaN)),
  )
  .map((v) => ({ leaf: v }));

const { spec } = fc.letrec<{ spec: Spec; value: Spec }>((tie) => ({
  value: tie('spec'),
  spec: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.constant<Spec>({ promise: true }),
    fc.record({
      thenable: fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'items'), tie('spec')), {
        maxLength: 2,
        selector: ([k]) => k,
      }),
    }),
    fc.record({ list: fc.array(tie('spec'), { maxLength: 3 }), cyclic: fc.boolean() }),
    fc.record({
      dict: fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), tie('value')), { maxLength: 3, selector: ([k]) => k }),
      kind: fc.constantFrom('plain', 'null', 'map', 'cyclic'),
    }),
    fc.record({
      intMap: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 3 }), tie('spec')), {
        maxLength: 3,
        selector: ([k]) => k,
      }),
    }),
    fc.record({
      set: fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom('p', 'q')), { maxLength: 3 }),
    }),
    fc.record({
      instance: fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'name', '0'), tie('value')), {
        maxLength: 3,
        selector: ([k]) => k,
      }),
    }),
  ),
}));

const path = fc.array(fc.constantFrom(...NAMES), { maxLength: 3 }).map((segments) => ['x', ...segments].join('.'));

const FORMS: readonly ((p: string) => string)[] = [
  (p) => `{{ ${p} }}`,
  (p) => `{{ ${p}|length }}`,
  (p) => `{% for i in ${p} %}[{{ i }}]{% endfor %}`,
  (p) => `{% for i in ${p} %}{{ i.a }}{{ i.label }}{% endfor %}`,
  (p) => `{% if ${p} %}T{% else %}F{% endif %}`,
  (p) => `{{ ${p}|default:"d" }}`,
  (p) => `{% for k, v in ${p}.items %}{{ k }}={{ v }};{% endfor %}`,
  (p) => `{{ ${p}|join:"," }}`,
  (p) => `{% with y=${p} %}{{ y.b }}{% endwith %}`,
  (p) => `{% if ${p} is None %}N{% endif %}{% if ${p} == ${p} %}E{% endif %}`,
  (p) => `{% if ${p} > 1.5 %}G{% endif %}{% if ${p} < 9007199254740993 %}L{% endif %}{% if ${p} == 0 %}Z{% endif %}`,
  (p) => `{{ ${p}|json_script:"j" }}`,
  (p) => `{{ ${p}|pprint }}`,
  (p) => `{% for i in ${p} %}{{ i|json_script }}{{ i.year }}{% endfor %}`,
];

const source = fc
  .array(fc.tuple(fc.integer({ min: 0, max: FORMS.length - 1 }), path), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.map(([form, p]) => FORMS[form]?.(p) ?? '').join('|'));

type Outcome = { readonly html: string } | { readonly error: string };

function outcome(renderer: Renderer, template: string, context: Record<string, unknown>): Outcome {
  try {
    const t = compile('t.html', new MemoryLoader({ 't.html': template }));
    return { html: renderer.render(renderer.prepare(t), context) };
  } catch (err) {
    return { error: err instanceof Error ? err.name : String(err) };
  }
}

describe('JS-native values through the four renderers', () => {
  it(`agree on ${RUNS} random nestings and templates (seed ${SEED})`, () => {
    let errors = 0;
    fc.assert(
      fc.property(spec, source, (value, template) => {
        const context = { x: build(value) };
        const results = renderers.map((r) => outcome(r, template, context));
        const first = results[0] as Outcome;
        if ('error' in first) {
          errors++;
          expect(DOCUMENTED_ERRORS, `${first.error} for ${template}`).toContain(first.error);
        }
        for (const [i, r] of results.entries()) expect([renderers[i]?.name, r]).toEqual([renderers[i]?.name, first]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The documented errors are met, and most cases render.
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(RUNS / 2);
  });

  it("read a sparse array's holes as undefined: None in a printed list, missing where a variable reaches one", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const context = { a: [1, , 3], d: { l: [, 'x'] } };
    const template = '{{ a }}|{% for x in a %}[{{ x }}]{% endfor %}|{{ a.1|default:"gone" }}|{{ d }}';
    for (const r of renderers) {
      expect([r.name, outcome(r, template, context)]).toEqual([
        r.name,
        { html: '[1, None, 3]|[1][][3]|gone|{&#x27;l&#x27;: [None, &#x27;x&#x27;]}' },
      ]);
    }
  });
});
