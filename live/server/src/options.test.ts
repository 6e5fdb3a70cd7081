import { MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';

const base = { views: {}, loader: new MemoryLoader({}), secret: 's'.repeat(32) };

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const { report, clientAddress, ...config } = resolveOptions(base);
    expect(config).toEqual({
      secret: 's'.repeat(32),
      renderer: 'codegen',
      compileOptions: {},
      origins: null,
      graceMs: 15_000,
      tokenMaxAgeMs: 86_400_000,
      maxMessageBytes: 65_536,
      rate: { perSecond: 20, burst: 40 },
      title: 'Tessera',
      head: '',
      heartbeatMs: 30_000,
      maxPendingEvents: 32,
      maxBufferedBytes: 1_048_576,
      errorRate: { perSecond: 10, burst: 40 },
      maxBadFrames: 16,
      mountTimeoutMs: 10_000,
      maxTokenBytes: 8192,
      maxSessions: 100_000,
      sessionIdleMs: 1_800_000,
      pageRate: { perSecond: 5, burst: 30 },
      pacingFloor: 0.5,
      redis: null,
      maxStateBytes: 1_048_576,
      ledgerSize: 128,
    });
    expect(typeof report).toBe('function');
    expect(clientAddress({ socket: { remoteAddress: '192.0.2.1' } } as never)).toBe('192.0.2.1');
  });

  it('keeps what the caller set', () => {
    const onError = () => {};
    const config = resolveOptions({ ...base, origins: [], graceMs: 5, rate: { perSecond: 1, burst: 2 }, onError });
    expect(config).toMatchObject({ origins: [], graceMs: 5, rate: { perSecond: 1, burst: 2 }, report: onError });
  });

  it('fits the token limit into a small frame limit, and refuses a token limit that cannot fit', () => {
    expect(resolveOptions({ ...base, maxMessageBytes: 1024 }).maxTokenBytes).toBe(768);
    expect(() => resolveOptions({ ...base, maxMessageBytes: 1024, maxTokenBytes: 1000 })).toThrow(
      'maxTokenBytes (1000) must leave room for a mount frame within maxMessageBytes',
    );
  });

  it('resolves redis with its key prefix and TTLs, and refuses what is not a redis URL or a positive limit', () => {
    expect(resolveOptions({ ...base, redis: 'redis://127.0.0.1:6379' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      keyPrefix: 'tessera:',
      stateTtlMs: 3_600_000,
      presenceTtlMs: 15_000,
    });
    expect(
      resolveOptions({ ...base, redis: { url: 'redis://h', keyPrefix: 'app:' }, stateTtlMs: 5, presenceTtlMs: 6 })
        .redis,
    ).toEqual({ url: 'redis://h', keyPrefix: 'app:', stateTtlMs: 5, presenceTtlMs: 6 });
    expect(() => resolveOptions({ ...base, redis: 'http://h' })).toThrow('redis must be a redis:// or rediss:// URL');
    expect(() => resolveOptions({ ...base, ledgerSize: 0 })).toThrow('ledgerSize must be a positive integer');
    expect(() => resolveOptions({ ...base, maxStateBytes: 1.5 })).toThrow('maxStateBytes must be a positive integer');
  });

  it('refuses a short secret', () => {
    expect(() => resolveOptions({ ...base, secret: 'short' })).toThrow(
      'secret must be a string of at least 32 characters',
    );
  });
});
