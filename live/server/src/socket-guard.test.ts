import type { HandlerMeta } from '@tessera/live-protocol';
import { describe, expect, it } from 'vitest';
import { SocketGuard, type SocketLimits } from './socket-guard.js';

const limits: SocketLimits = {
  rate: { perSecond: 1000, burst: 1000 },
  errorRate: { perSecond: 1, burst: 2 },
  maxPendingEvents: 2,
  maxBadFrames: 3,
  maxBufferedBytes: 1024,
  mountTimeoutMs: 1000,
  pacingFloor: 0.5,
};
const handlers = new Map<string, HandlerMeta>([
  ['inc', {}],
  ['search', { debounce: 400 }],
]);
const event = (name: string, ref = 1) => ({ t: 'event', ref, name, params: {} }) as const;

describe('SocketGuard', () => {
  it('refuses messages past the pending bound, but never a ping', () => {
    const guard = new SocketGuard(limits, () => 0);
    expect(guard.admit(event('inc'), handlers)).toBeNull();
    guard.queued();
    guard.queued();
    expect(guard.admit(event('inc'), handlers)).toEqual({ code: 'rate_limited', message: 'too many messages waiting' });
    expect(guard.admit({ t: 'ping' }, handlers)).toBeNull();
    guard.handled();
    expect(guard.admit(event('inc'), handlers)).toBeNull();
  });

  it('refuses unknown handlers and paced events sooner than the floor', () => {
    let now = 0;
    const guard = new SocketGuard(limits, () => now);
    expect(guard.admit(event('nope'), handlers)).toMatchObject({ code: 'unknown_event' });
    expect(guard.admit(event('search'), handlers)).toBeNull();
    now = 199;
    expect(guard.admit(event('search'), handlers)).toEqual({ code: 'rate_limited', message: '"search" is paced' });
    now = 200;
    expect(guard.admit(event('search'), handlers)).toBeNull();
    expect(guard.admit(event('inc'), handlers)).toBeNull();
  });

  it('counts malformed frames in a row and spends the error budget', () => {
    const guard = new SocketGuard(limits, () => 0);
    expect([guard.badFrame(), guard.badFrame()]).toEqual([false, false]);
    guard.admit({ t: 'ping' }, null);
    expect([guard.badFrame(), guard.badFrame(), guard.badFrame()]).toEqual([false, false, true]);
    expect([guard.errorAllowed(), guard.errorAllowed(), guard.errorAllowed()]).toEqual([true, true, false]);
  });
});
