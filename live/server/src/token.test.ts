import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_CHARS, TokenTooLong, signToken, verifyToken, type TokenPayload } from './token.js';

const secret = 'k'.repeat(32);
const payload: TokenPayload = { route: '/', session: 's1', instance: 'i1', params: { a: '1' }, iat: 1_000_000 };

describe('view tokens', () => {
  it('round-trips a payload signed with the same secret', () => {
    expect(verifyToken(secret, signToken(secret, payload), 60_000, 1_000_500)).toEqual(payload);
  });

  it('refuses another secret, an edited payload, a bad shape and old tokens', () => {
    const token = signToken(secret, payload);
    expect(verifyToken('x'.repeat(32), token, 60_000, 1_000_500)).toBeNull();
    const [, mac] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ ...payload, session: 's2' })).toString('base64url');
    expect(verifyToken(secret, `${edited}.${mac}`, 60_000, 1_000_500)).toBeNull();
    expect(verifyToken(secret, 'no-dot', 60_000)).toBeNull();
    expect(
      verifyToken(secret, signToken(secret, { ...payload, route: 1 } as unknown as TokenPayload), 60_000, 1_000_500),
    ).toBeNull();
    expect(verifyToken(secret, token, 60_000, 1_000_000 + 60_001)).toBeNull();
  });
});

describe('the token size limit', () => {
  it('is one limit: signing refuses what verifying would refuse', () => {
    const big = { ...payload, params: { q: 'a'.repeat(7000) } };
    expect(() => signToken(secret, big)).toThrow(TokenTooLong);
    const fits = signToken(secret, big, 20_000);
    expect(verifyToken(secret, fits, 60_000, 1_000_500)).toBeNull();
    expect(verifyToken(secret, fits, 60_000, 1_000_500, 20_000)).toEqual(big);
    expect(signToken(secret, payload).length).toBeLessThanOrEqual(MAX_TOKEN_CHARS);
  });
});
