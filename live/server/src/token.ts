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

/** Signs a payload. */
export function signToken(secret: string, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(secret, body).toString('base64url')}`;
}

/** The payload of a valid token younger than `maxAgeMs`, or null (bad signature, shape or age). */
export function verifyToken(secret: string, token: string, maxAgeMs: number, now = Date.now()): TokenPayload | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 8192) return null;
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
