/**
 * Signed view tokens: the first HTML carries one, and a socket may mount only what it names.
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, payload)).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { JsonObject } from '@tessera/live-protocol';

/** What a token binds: the route of the view, the session, the view instance, the mount params. */
export interface TokenPayload {
  readonly route: string;
  readonly session: string;
  readonly instance: string;
  readonly params: JsonObject;
  /** Issue time, ms since the epoch. */
  readonly iat: number;
}

const sign = (secret: string, body: string): Buffer => createHmac('sha256', secret).update(body).digest();

/** The default longest token (characters), for signing and verifying alike. */
export const MAX_TOKEN_CHARS = 8192;

/** A payload (its mount params: the page's query) too large to sign within the token limit. */
export class TokenTooLong extends RangeError {
  override readonly name = 'TokenTooLong';
}

/**
 * Signs a payload. Throws TokenTooLong when the token would be longer than `maxChars`, the same limit
 * `verifyToken` applies, so the server never hands out a token it would then refuse.
 */
export function signToken(secret: string, payload: TokenPayload, maxChars = MAX_TOKEN_CHARS): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const token = `${body}.${sign(secret, body).toString('base64url')}`;
  if (token.length > maxChars) throw new TokenTooLong(`token of ${token.length} characters (limit ${maxChars})`);
  return token;
}

/** The payload of a valid token younger than `maxAgeMs` and at most `maxChars` long, or null (bad signature, shape, size or age). */
export function verifyToken(
  secret: string,
  token: string,
  maxAgeMs: number,
  now = Date.now(),
  maxChars = MAX_TOKEN_CHARS,
): TokenPayload | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > maxChars) return null;
  const body = token.slice(0, dot);
  const mac = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = sign(secret, body);
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  if (typeof p['route'] !== 'string' || typeof p['session'] !== 'string' || typeof p['instance'] !== 'string')
    return null;
  if (typeof p['iat'] !== 'number' || now - p['iat'] > maxAgeMs || p['iat'] > now + 60_000) return null;
  if (typeof p['params'] !== 'object' || p['params'] === null) return null;
  return payload as TokenPayload;
}
