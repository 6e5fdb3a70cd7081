import { describe, expect, it } from 'vitest';
import { predict } from './predict.js';

describe('predict', () => {
  const state = {
    items: [
      { likes: 1, liked: false },
      { likes: 5, liked: false },
    ],
    other: { n: 1 },
    q: '',
  };

  it('applies each operation at its path, substituting params', () => {
    const next = predict(
      state,
      { 'items.{i}.likes': { add: 1 }, 'items.{i}.liked': { toggle: true }, q: { param: 'value' } },
      { i: '1', value: 'hi' },
    );
    expect(next).toEqual({
      items: [
        { likes: 1, liked: false },
        { likes: 6, liked: true },
      ],
      other: { n: 1 },
      q: 'hi',
    });
  });

  it('copies the objects on the changed paths and shares the rest', () => {
    const next = predict(state, { 'items.{i}.likes': { set: 9 } }, { i: 0 });
    expect(state.items[0]!.likes).toBe(1);
    expect(next['other']).toBe(state.other);
    expect((next['items'] as unknown[])[1]).toBe(state.items[1]);
  });

  it('skips paths that do not resolve or would reach prototypes', () => {
    expect(predict(state, { 'items.{i}.likes': { add: 1 } }, { i: '7' })).toEqual(state);
    expect(predict(state, { 'items.{i}.likes': { add: 1 } }, {})).toEqual(state);
    expect(predict(state, { '{k}.polluted': { set: 1 } }, { k: '__proto__' })).toEqual(state);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
