import { defaultRuntimeOptions, SafeString } from '@tessera/runtime';
import { compile, MemoryLoader } from '@tessera/template';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeContext } from './encode.js';
import { shapeOf, type Shape } from './projection.js';
import { changedNames, sameData } from './same-data.js';

const shape = (source: string): Shape => shapeOf(compile('t.html', new MemoryLoader({ 't.html': source })).ir);
const same = (a: unknown, b: unknown, s: Shape = true) => sameData(a, b, s, []);

const LOOP = shape('<h1>{{ title }}</h1>{% for r in rows %}<p>{{ r.name }}</p>{% endfor %}{{ meta }}');

describe('which names of a new context differ from what the addon holds', () => {
  it('names only the changed ones when a list is fetched again with equal values', () => {
    const a = { title: 'T', rows: [{ id: 1, name: 'a', unread: 1 }], meta: { x: [1, 2] } };
    const b = structuredClone({ ...a, title: 'U' });
    expect(changedNames(a, b, LOOP)).toEqual(['title']);
  });

  it('compares only what crosses: keys of rows the template does not read are not looked at', () => {
    const a = { rows: [{ id: 1, name: 'a', unread: 1 }] };
    expect(changedNames(a, { rows: [{ id: 1, name: 'a', unread: 2 }] }, LOOP)).toEqual([]);
    expect(changedNames(a, { rows: [{ id: 2, name: 'a', unread: 1 }] }, LOOP)).toEqual(['rows']);
    expect(changedNames(a, { rows: [{ id: 1, name: 'b', unread: 1 }] }, LOOP)).toEqual(['rows']);
  });

  it('asks for a whole update when a name is gone or the template may read anything', () => {
    expect(changedNames({ title: 'T' }, {}, LOOP)).toBeNull();
    expect(changedNames({ a: 1 }, { a: 1 }, shape('{% debug %}'))).toBeNull();
    expect(changedNames({}, { title: 'T' }, LOOP)).toEqual(['title']);
  });

  it('a key present as undefined is not a missing key, and an inherited name is not an own one', () => {
    const rows = (row: object) => ({ rows: [row] });
    expect(changedNames(rows({ id: 1 }), rows({ id: 1, name: undefined }), LOOP)).toEqual(['rows']);
    const proto = JSON.parse('{"__proto__": {"x": 1}}') as object;
    expect(same(proto, {})).toBe(false);
    expect(same({ toString: Object.prototype.toString }, {})).toBe(false);
  });

  it('compares re-fetched rows of primitives field by field, and leaves every other row to the general rule', () => {
    const rows = (...list: object[]) => ({ rows: list });
    const twice = (row: object) => changedNames(rows(row), rows(structuredClone(row)), LOOP);
    expect(twice({ id: 1, name: 'a' })).toEqual([]);
    expect(twice({ id: Number.NaN, name: 'a' })).toEqual([]);
    expect(changedNames(rows({ id: 0, name: 'a' }), rows({ id: -0, name: 'a' }), LOOP)).toEqual(['rows']);
    expect(changedNames(rows({ id: 1, name: 'a' }), rows({ id: 1, name: 'b' }), LOOP)).toEqual(['rows']);
    expect(changedNames(rows({ id: 1, name: 'a' }), rows({ id: '1', name: 'a' }), LOOP)).toEqual(['rows']);
    // Values that are objects, missing or inherited take the general comparison.
    expect(twice({ id: 1, name: { first: 'a' } })).toEqual([]);
    expect(changedNames(rows({ id: 1, name: [1] }), rows({ id: 1, name: [2] }), LOOP)).toEqual(['rows']);
    expect(changedNames(rows({ id: 1 }), rows({ id: 1 }), LOOP)).toEqual([]);
    expect(changedNames(rows({ id: 1 }), rows({ id: 1, name: undefined }), LOOP)).toEqual(['rows']);
    class Row {
      constructor(
        readonly id: number,
        readonly name: string,
      ) {}
    }
    expect(changedNames(rows(new Row(1, 'a')), rows(new Row(1, 'a')), LOOP)).toEqual(['rows']);
  });

  it('a dict sent whole keeps its key order', () => {
    expect(same({ a: 1, b: 2 }, { a: 1, b: 2 })).toBe(true);
    expect(same({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
  });

  it('dates and safe strings compare by value, other objects only by identity', () => {
    expect(same(new Date(5), new Date(5))).toBe(true);
    expect(same(new Date(5), new Date(6))).toBe(false);
    expect(same(new Date(Number.NaN), new Date(Number.NaN))).toBe(true);
    expect(same(new SafeString('<b>'), new SafeString('<b>'))).toBe(true);
    expect(same(new SafeString('<b>'), '<b>')).toBe(false);
    class User {
      constructor(readonly name: string) {}
    }
    const user = new User('a');
    expect(same(user, user)).toBe(true);
    expect(same(user, new User('a'))).toBe(false);
    expect(same(new Map([['a', 1]]), new Map([['a', 1]]))).toBe(false);
    const f = () => 1;
    expect(same({ f }, { f })).toBe(false);
  });

  it('a thenable, a cycle or a throwing getter never reads as unchanged', () => {
    const then = () => undefined;
    expect(same({ then }, { then })).toBe(false);
    const a: unknown[] = [];
    a.push(a);
    const b: unknown[] = [];
    b.push(b);
    expect(same(a, b)).toBe(false);
    const throwing = {
      get title(): string {
        throw new Error('no');
      },
    };
    expect(changedNames({ title: 'T' }, throwing, LOOP)).toEqual(['title']);
  });

  it('what it calls unchanged crosses as the same text (random values and edits)', () => {
    const sources = [
      '{{ a }}{{ b.c }}{% for r in rows %}{{ r.x }}{{ r.y.z }}{% endfor %}',
      '{% for r in rows %}{{ r }}{% endfor %}{{ a|length }}{{ b }}',
      '{% for k, v in rows %}{{ k }}{% endfor %}{{ b.c.d }}',
    ];
    const leaf = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.string({ maxLength: 3 }),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.integer().map((n) => new Date(n)),
      fc.string({ maxLength: 3 }).map((s) => new SafeString(s)),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('c', 'd', 'x', 'y', 'z', 'id'), tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    const context = fc.record({ a: value, b: value, rows: value }, { requiredKeys: [] });
    // An edit of a copy: the same data most of the time, so that "unchanged" is exercised.
    const edited = (c: Record<string, unknown>, by: unknown, at: number) => {
      const copy = structuredClone(c);
      const keys = Object.keys(copy);
      if (at % 3 === 0 && keys.length > 0) copy[keys[at % keys.length] as string] = by;
      return copy;
    };
    const encode = (c: Record<string, unknown>, s: Shape) =>
      encodeContext(c, defaultRuntimeOptions, undefined, undefined, s);
    fc.assert(
      fc.property(fc.constantFrom(...sources), context, value, fc.nat(), (source, a, by, at) => {
        const s = shape(source);
        const b = edited(a, by, at);
        const names = changedNames(a, b, s);
        if (names === null) return;
        const kept = Object.keys(a).filter((k) => !names.includes(k) && k in b);
        const pick = (c: Record<string, unknown>) => Object.fromEntries(kept.map((k) => [k, c[k]]));
        expect(encode(pick(a), s)).toBe(encode(pick(b), s));
      }),
      { numRuns: 500, seed: 18 },
    );
  });
});
