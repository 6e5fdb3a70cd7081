import { describe, expect, it } from 'vitest';
import { EventLedger } from './ledger.js';

describe('EventLedger', () => {
  it('answers a ref it recorded with its outcome, and an unknown ref with nothing', () => {
    const ledger = new EventLedger(4);
    ledger.record(1, { ok: true });
    ledger.record(2, { error: 'locked' });
    expect(ledger.seen(1)).toEqual({ ok: true });
    expect(ledger.seen(2)).toEqual({ error: 'locked' });
    expect(ledger.seen(3)).toBeUndefined();
    expect(ledger.seen(0)).toBeUndefined();
  });

  it('keeps at most `limit` refs; a ref below every kept one counts as answered', () => {
    const ledger = new EventLedger(3);
    for (const ref of [1, 2, 3, 4, 5]) ledger.record(ref, { ok: true });
    expect(ledger.toJSON()).toEqual({
      floor: 2,
      refs: [
        [3, null],
        [4, null],
        [5, null],
      ],
    });
    expect(ledger.seen(1)).toEqual({ ok: true });
    expect(ledger.seen(6)).toBeUndefined();
  });

  it('round-trips through its stored form and refuses a malformed one', () => {
    const ledger = new EventLedger(8);
    ledger.record(7, { error: 'no' });
    ledger.record(9, { ok: true });
    const copy = EventLedger.from(JSON.parse(JSON.stringify(ledger)), 8)!;
    expect(copy.seen(7)).toEqual({ error: 'no' });
    expect(copy.seen(9)).toEqual({ ok: true });
    expect(copy.seen(8)).toBeUndefined();
    expect(EventLedger.from(new EventLedger(8).toJSON(), 8)?.seen(0)).toBeUndefined();
    for (const bad of [
      null,
      3,
      { floor: -2, refs: [] },
      { floor: 0, refs: [[1, 2]] },
      { floor: 0, refs: [['x', null]] },
    ])
      expect(EventLedger.from(bad, 8)).toBeNull();
  });

  it('stays bounded whatever refs a client sends', () => {
    const ledger = new EventLedger(16);
    for (let ref = 0; ref < 10_000; ref += 1) ledger.record((ref * 7919) % 10_007, { ok: true });
    expect(ledger.toJSON().refs.length).toBe(16);
  });
});
