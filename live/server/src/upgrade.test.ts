import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAllowed } from './upgrade.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('originAllowed', () => {
  it('by default accepts only the origin of the request’s own Host, over http or https', () => {
    expect(originAllowed(request({ host: 'app.test:8080', origin: 'http://app.test:8080' }), null)).toBe(true);
    expect(originAllowed(request({ host: 'app.test:8080', origin: 'https://app.test:8080' }), null)).toBe(true);
    expect(originAllowed(request({ host: 'app.test:8080', origin: 'http://evil.test' }), null)).toBe(false);
    expect(originAllowed(request({ host: 'app.test:8080', origin: 'http://app.test' }), null)).toBe(false);
    expect(originAllowed(request({ origin: 'http://app.test' }), null)).toBe(false);
  });

  it('with explicit origins accepts exactly those, whatever the Host', () => {
    const origins = ['https://app.example'];
    expect(originAllowed(request({ host: 'x', origin: 'https://app.example' }), origins)).toBe(true);
    expect(originAllowed(request({ host: 'x', origin: 'http://x' }), origins)).toBe(false);
    expect(originAllowed(request({ host: 'x', origin: 'https://app.example' }), [])).toBe(false);
  });

  it('refuses a request without Origin', () => {
    expect(originAllowed(request({ host: 'x' }), null)).toBe(false);
    expect(originAllowed(request({ host: 'x' }), ['http://x'])).toBe(false);
  });
});
