import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test/harness.js';
import { decodeTagged } from './tagged-json.js';
import { lookup, lookupPath } from './lookup.js';
import { MISSING } from './model.js';
import { renderValue } from '../render.js';

describe('lookups against Django', () => {
  for (const c of fixtures.lookups) {
    it(`${JSON.stringify(c.value)}.${c.segment}`, () => {
      expect(renderValue(lookup(decodeTagged(c.value), c.segment), true)).toBe(c.result);
    });
  }
});

const JS_INTERNALS = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  '__lookupGetter__',
  'toLocaleString',
  'length',
  'call',
  'apply',
  'bind',
  'then',
  'map',
  'charAt',
];

class Model {
  secret = 'own field';
  get label(): string {
    return `label:${this.secret}`;
  }
  greet(): string {
    return 'hello';
  }
  needsArg(x: number): number {
    return x;
  }
}

describe('lookup never reaches JavaScript internals', () => {
  const values: [string, unknown][] = [
    ['plain object', { a: 1 }],
    ['null-prototype object', Object.create(null) as object],
    ['array', [1, 2]],
    ['string', 'abc'],
    ['number', 5],
    ['boolean', true],
    ['function', () => 1],
    ['Map', new Map([['a', 1]])],
    ['Date', new Date(0)],
    ['class instance', new Model()],
  ];
  for (const [name, value] of values) {
    it(`${name}: every internal name is MISSING`, () => {
      for (const seg of JS_INTERNALS) expect([seg, lookup(value, seg)]).toEqual([seg, MISSING]);
    });
  }

  it('reads an own enumerable key even when it is named like an internal', () => {
    const data = JSON.parse('{"constructor": "c", "__proto__": "p", "toString": "t"}') as unknown;
    expect(lookup(data, 'constructor')).toBe('c');
    expect(lookup(data, '__proto__')).toBe('p');
    expect(lookup(data, 'toString')).toBe('t');
  });

  it('does not let a prototype-polluting key change later lookups', () => {
    const data = JSON.parse('{"__proto__": {"polluted": 1}}') as unknown;
    expect(lookup(data, 'polluted')).toBe(MISSING);
    expect(lookup({}, 'polluted')).toBe(MISSING);
  });

  it('follows attributes, getters and methods of class instances, never their constructor', () => {
    const m = new Model();
    expect(lookup(m, 'secret')).toBe('own field');
    expect(lookup(m, 'label')).toBe('label:own field');
    expect(lookup(m, 'greet')).toBe('hello');
    expect(lookup(m, 'needsArg')).toBe(MISSING);
    expect(lookupPath({ m }, ['m', 'constructor', 'name'])).toBe(MISSING);
  });
});

describe('callables', () => {
  it('calls functions with no arguments, as Django does', () => {
    expect(lookup({ f: () => 'called' }, 'f')).toBe('called');
    expect(lookupPath(() => ({ x: 1 }), ['root', 'x'], 1)).toBe(1);
  });
  it('honours do_not_call_in_templates and alters_data', () => {
    const keep = Object.assign(() => 'called', { do_not_call_in_templates: true, label: 'kept' });
    const danger = Object.assign(() => 'deleted everything', { alters_data: true });
    expect(lookup({ keep }, 'keep')).toBe(keep);
    expect(lookupPath({ keep }, ['keep', 'label'])).toBe('kept');
    expect(lookup({ danger }, 'danger')).toBe(MISSING);
  });
});

describe('indexes and Maps', () => {
  it('indexes lists and strings by code point, not negative', () => {
    expect(lookup(['a', 'b'], '1')).toBe('b');
    expect(lookup(['a', 'b'], '2')).toBe(MISSING);
    expect(lookup(['a', 'b'], '-1')).toBe(MISSING);
    expect(lookup('😀x', '1')).toBe('x');
  });
  it('looks Map keys up as strings, then as integers', () => {
    const m = new Map<unknown, unknown>([
      ['a', 1],
      [2, 'two'],
    ]);
    expect(lookup(m, 'a')).toBe(1);
    expect(lookup(m, '2')).toBe('two');
    expect(renderValue(lookup(m, 'items'), false)).toBe("dict_items([('a', 1), (2, 'two')])");
  });
  it('reads Date attributes in UTC', () => {
    const d = new Date('2024-03-05T14:07:09.250Z');
    expect([
      lookup(d, 'year'),
      lookup(d, 'month'),
      lookup(d, 'day'),
      lookup(d, 'microsecond'),
      lookup(d, 'weekday'),
    ]).toEqual([2024, 3, 5, 250000, 1]);
  });
  it('stops at MISSING and at None', () => {
    expect(lookupPath({ a: null }, ['a', 'b'])).toBe(MISSING);
    expect(lookupPath({}, ['a', 'b', 'c'])).toBe(MISSING);
  });
});

describe('objects from another realm', () => {
  it('hides the machinery of foreign built-in prototypes', async () => {
    const { runInNewContext } = await import('node:vm');
    const foreign = runInNewContext(
      'class Row { constructor() { this.id = 7; } get label() { return "row"; } }; ({ row: new Row(), map: new Map([["a", 1]]) })',
    ) as {
      row: object;
      map: object;
    };
    expect(lookup(foreign.row, 'id')).toBe(7);
    expect(lookup(foreign.row, 'label')).toBe('row');
    for (const seg of ['toString', 'valueOf', 'hasOwnProperty', 'constructor'])
      expect(lookup(foreign.row, seg)).toBe(MISSING);
    for (const seg of ['clear', 'size', 'get', 'entries']) expect(lookup(foreign.map, seg)).toBe(MISSING);
  });
});
