import { defaultRuntimeOptions } from '@tessera/runtime';
import { compile, MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import { encodeContext } from './encode.js';
import renderer from './index.js';
import { shapeOf } from './projection.js';

const template = (source: string) => compile('t.html', new MemoryLoader({ 't.html': source }));
const sent = (source: string, context: Record<string, unknown>): unknown =>
  JSON.parse(encodeContext(context, defaultRuntimeOptions, undefined, undefined, shapeOf(template(source).ir)));

const ROWS = [
  { id: 1, name: 'a', email: 'a@x', price: 2 },
  { id: 2, name: 'b', email: 'b@x', price: 3 },
];

describe('the projection of a context onto what its template reads', () => {
  it('sends only the read keys of iterated items, and their id (the diff keys loops by it)', () => {
    const source = '<h1>{{ title }}</h1>{% for r in rows %}<p>{{ r.name }}</p>{% endfor %}';
    expect(sent(source, { title: 'T', rows: ROWS, unused: { big: 'x' } })).toEqual({
      title: 'T',
      rows: [
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ],
    });
  });

  it('sends a value whole where it may be shown whole: printed, filtered, tested, looked up by a dict method', () => {
    const rows = { rows: ROWS };
    expect(sent('{{ rows }}', rows)).toEqual(rows);
    expect(sent('{% for r in rows|dictsort:"name" %}{{ r.name }}{% endfor %}', rows)).toEqual(rows);
    expect(sent('{% if rows %}{% for r in rows %}{{ r.name }}{% endfor %}{% endif %}', rows)).toEqual(rows);
    const user = { user: { name: 'Ada', age: 3 } };
    expect(sent('{{ user.name }}', user)).toEqual({ user: { name: 'Ada' } });
    expect(sent('{{ user.name }}{% for k, v in user.items %}{{ k }}{% endfor %}', user)).toEqual(user);
    // Unpacking iterates each item (a dict's keys): items go whole even when the body reads nothing.
    const pairs = { ds: [{ a: 1, b: 2 }] };
    expect(sent('{% for a, v in ds %}x{% endfor %}', pairs)).toEqual(pairs);
  });

  it('does not project templates that may read anything', () => {
    expect(shapeOf(template('{% include name %}').ir)).toBe(true);
    expect(shapeOf(template('{{ a.b }}{% debug %}').ir)).toBe(true);
  });

  it('keeps names Django holds below the context (True, False, None), which a context may override', () => {
    expect(sent('{{ True }}', { True: 'yes', other: 1 })).toEqual({ True: 'yes' });
  });

  it('cuts only plain data: class instances, Maps and tuples go whole, through the object encoding', () => {
    class Row {
      constructor(
        readonly id: number,
        readonly name: string,
      ) {}
    }
    const source = '{% for r in rows %}{{ r.name }}{% endfor %}';
    const encoded = sent(source, { rows: [new Row(1, 'a')] }) as { rows: unknown[] };
    expect(Object.keys(encoded.rows[0] as object)).toEqual(['\u0000o']);
  });

  it('renders and live-updates exactly as the whole context does', () => {
    const source =
      '<h1>{{ title }}</h1><ul>{% for r in rows %}<li>{{ r.name }} {{ r.tags.0 }}{% for t in r.tags %}[{{ t }}]{% endfor %}</li>{% endfor %}</ul>';
    const prepared = renderer.prepare(template(source));
    const rows = [
      { id: 1, name: 'a', tags: ['x', 'y'], skip: 1 },
      { id: 2, name: 'b', tags: [], skip: 2 },
    ];
    const whole = renderer.prepare(template(source));
    const unprojected = { ...whole, shape: true as const };
    expect(renderer.render(prepared, { title: 'T', rows })).toBe(renderer.render(unprojected, { title: 'T', rows }));
    const doc = renderer.mount(prepared, { title: 'T', rows });
    doc.set({ rows: [...rows].reverse() });
    expect(doc.html).toBe(renderer.render(unprojected, { title: 'T', rows: [...rows].reverse() }));
  });
});
