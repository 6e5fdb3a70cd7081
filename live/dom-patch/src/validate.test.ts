import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPTIONAL_FIELDS, PATCH_FIELDS, validatePatches } from './validate.js';

interface OpSchema {
  required: string[];
  properties: Record<
    string,
    { const?: string; type?: string; $ref?: string; items?: { $ref?: string; type?: unknown } }
  >;
}
const schema = JSON.parse(readFileSync(new URL('../schema.json', import.meta.url), 'utf8')) as {
  $defs: Record<string, OpSchema> & { patch: { oneOf: Array<{ $ref: string }> } };
};

const schemaType = (p: { type?: string; $ref?: string; items?: { $ref?: string; type?: unknown } }): string =>
  p.type === 'array' && p.items?.$ref === '#/$defs/anchor'
    ? 'anchors'
    : p.type === 'array' && JSON.stringify(p.items) === '{"type":["string","null"]}'
      ? 'values'
      : p.type === 'integer'
        ? 'step'
        : (p.type ??
          (
            { '#/$defs/path': 'path', '#/$defs/nonRootPath': 'path', '#/$defs/index': 'index' } as Record<
              string,
              string
            >
          )[p.$ref ?? ''] ??
          '?');

describe('schema.json and the validator state the same format', () => {
  it('lists the same ops', () => {
    const ops = schema.$defs.patch.oneOf.map((ref) => ref.$ref.replace('#/$defs/', ''));
    expect(ops.sort()).toEqual(Object.keys(PATCH_FIELDS).sort());
  });

  for (const [op, fields] of Object.entries(PATCH_FIELDS)) {
    it(`"${op}" has the same required fields and types`, () => {
      const def = schema.$defs[op] as OpSchema;
      expect(def.properties['op']?.const).toBe(op);
      expect(def.required.filter((f) => f !== 'op').sort()).toEqual(Object.keys(fields).sort());
      for (const [name, type] of Object.entries(fields)) expect(schemaType(def.properties[name] ?? {})).toBe(type);
      const optional = Object.keys(def.properties).filter((f) => f !== 'op' && f !== 'at' && !def.required.includes(f));
      expect(optional.sort()).toEqual(Object.keys(OPTIONAL_FIELDS[op as keyof typeof OPTIONAL_FIELDS] ?? {}).sort());
    });
  }
});

describe('validatePatches', () => {
  it('returns the patches of a bare list or an envelope', () => {
    const patches = [{ op: 'remove', path: [1], at: 4 }];
    expect(validatePatches(patches)).toBe(patches);
    expect(validatePatches({ v: 2, patches })).toBe(patches);
    expect(validatePatches({ v: 3, patches })).toBe(patches);
    expect(validatePatches({ v: 4, patches })).toBe(patches);
    expect(() => validatePatches({ v: 1, patches })).toThrow(
      'unsupported patch format version 1 (expected 2 or 3 or 4)',
    );
  });

  it('reads slot patches in version 4 lists as the objects they stand for', () => {
    const remove = { op: 'remove', path: [1] };
    expect(validatePatches([[3, '<b>x</b>'], remove, [4, 'class', 'on']])).toEqual([
      { op: 'html', at: 3, html: '<b>x</b>' },
      remove,
      { op: 'attr', at: 4, name: 'class', value: 'on' },
    ]);
    expect(() => validatePatches({ v: 3, patches: [[3, 'x']] })).toThrow('needs patch format version 4');
    expect(() => validatePatches([[3]])).toThrow('patch 0: a slot patch is [at, html] or [at, name, value]');
    expect(() => validatePatches([[3, 'a', 'b', 'c']])).toThrow('a slot patch is [at, html] or [at, name, value]');
    expect(() => validatePatches([[-1, 'x']])).toThrow('slot patch anchor must be a non-negative integer');
    expect(() => validatePatches([['3', 'x']])).toThrow('slot patch anchor must be a non-negative integer');
    expect(() => validatePatches([[3, 4]])).toThrow('must be strings');
    expect(() => validatePatches([[3, 'a"b', 'x']])).toThrow('slot patch name "a\\"b" is not an attribute name');
  });

  it('reads column ops in version 3 lists only', () => {
    const column = { op: 'column', path: [], first: 1, step: 2, sub: [], values: ['a', null] };
    expect(validatePatches([column])).toEqual([column]);
    expect(() => validatePatches({ v: 2, patches: [column] })).toThrow('"column" needs patch format version 3');
    expect(() => validatePatches([{ ...column, step: 0 }])).toThrow('"column" field "step" must be a positive integer');
    expect(() => validatePatches([{ ...column, values: [1] }])).toThrow('must be an array of strings and nulls');
  });

  it('names the patch and field at fault', () => {
    expect(() => validatePatches([{ op: 'move', path: [], from: 0, to: 1.5 }])).toThrow(
      'patch 0: "move" field "to" must be a non-negative integer',
    );
    expect(() => validatePatches([null])).toThrow('patch 0: not an object or slot patch');
    expect(() => validatePatches([{ op: 'remove', path: [0], at: 'x' }])).toThrow(
      '"at" must be a non-negative integer',
    );
    expect(() => validatePatches([{ op: 'remove', path: [0], id: 3 }])).toThrow('"remove" has unknown field "id"');
    expect(() =>
      validatePatches([
        {
          op: 'anchors',
          anchors: [
            [1, [0]],
            [1, [1]],
          ],
        },
      ]),
    ).toThrow('"anchors" field "anchors" names an anchor id twice');
    expect(() => validatePatches([{ op: 'anchors', anchors: [[1, 0]] }])).toThrow(
      'must be an array of [id, path] pairs',
    );
    expect(() => validatePatches([{ op: 'anchors', anchors: [], at: 1 }])).toThrow('"anchors" has unknown field "at"');
    expect(() => validatePatches([{ op: 'move', path: [], from: 0, to: 1, count: 0 }])).toThrow(
      '"move" field "count" must be at least 1',
    );
    expect(() => validatePatches([{ op: 'move', path: [], from: 0, to: 1, count: -1 }])).toThrow(
      '"move" field "count" must be a non-negative integer',
    );
  });
});
