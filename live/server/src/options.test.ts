import { MemoryLoader } from '@tessera/template';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';

const base = { views: {}, loader: new MemoryLoader({}), secret: 's'.repeat(32) };

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const { report, ...config } = resolveOptions(base);
    expect(config).toEqual({
      secret: 's'.repeat(32),
      renderer: 'vdom',
      compileOptions: {},
      origins: null,
      graceMs: 15_000,
      tokenMaxAgeMs: 86_400_000,
      maxMessageBytes: 65_536,
      rate: { perSecond: 20, burst: 40 },
      title: 'Tessera',
      head: '',
      heartbeatMs: 30_000,
    });
    expect(typeof report).toBe('function');
  });

  it('keeps what the caller set', () => {
    const onError = () => {};
    const config = resolveOptions({ ...base, origins: [], graceMs: 5, rate: { perSecond: 1, burst: 2 }, onError });
    expect(config).toMatchObject({ origins: [], graceMs: 5, rate: { perSecond: 1, burst: 2 }, report: onError });
  });

  it('refuses a short secret', () => {
    expect(() => resolveOptions({ ...base, secret: 'short' })).toThrow(
      'secret must be a string of at least 32 characters',
    );
  });
});
