import { describe, expect, it } from 'vitest';
import { decodeView, encodeView, type StoredView } from './state-store.js';

const view: StoredView = {
  route: '/',
  session: 's1',
  template: 'abc',
  v: 7,
  state: { count: 7, items: [{ id: 1 }] },
  ledger: { floor: 0, refs: [[7, null]] },
};

describe('stored views', () => {
  it('round-trip through their stored fields', () => {
    expect(decodeView(encodeView(view))).toEqual(view);
  });

  it('refuse a record that is not one this format wrote, so the view mounts afresh instead', () => {
    const good = encodeView(view);
    const bad: Record<string, string>[] = [
      { ...good, fmt: '2' },
      { ...good, v: '-1' },
      { ...good, v: 'x' },
      { ...good, state: '[1]' },
      { ...good, state: 'not json' },
      { ...good, state: '{"__proto__":{"polluted":true}}' },
      { ...good, ledger: 'null' },
      Object.fromEntries(Object.entries(good).filter(([key]) => key !== 'route')),
    ];
    for (const fields of bad) expect(decodeView(fields)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
