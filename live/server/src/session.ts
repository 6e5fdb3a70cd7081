/**
 * Browser sessions: a server-issued id in an HttpOnly cookie, and a bounded server-side store.
 *
 * An id is `random.mac`: 128 random bits and an HMAC of them under the server's secret, so the server
 * accepts only ids it issued (a made-up cookie is treated as no cookie) without remembering every id
 * it ever gave out. A session lives in memory while a view of it lives, then `idleMs` more; past
 * `maxSessions` the longest-idle session without a view is evicted.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Session } from './view.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'tessera_sid';

/** A fresh unguessable id (128 bits, base64url). */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

const SIGNED_ID = /^([\w-]{22})\.([\w-]{22})$/;

const macOf = (secret: string, random: string): Buffer =>
  createHmac('sha256', secret).update(`session:${random}`).digest().subarray(0, 16);

/** A new server-issued session id. */
export function issueSessionId(secret: string): string {
  const random = randomId();
  return `${random}.${macOf(secret, random).toString('base64url')}`;
}

/** Whether `id` is one this server (this secret) issued. */
export function isIssuedSessionId(secret: string, id: string): boolean {
  const match = SIGNED_ID.exec(id);
  if (!match) return false;
  const mac = Buffer.from(match[2]!, 'base64url');
  const expected = macOf(secret, match[1]!);
  return mac.length === expected.length && timingSafeEqual(mac, expected);
}

/** The server-issued session id the request's cookie names, or null (no cookie, or one we did not issue). */
export function sessionIdOf(request: IncomingMessage, secret: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return isIssuedSessionId(secret, value) ? value : null;
    }
  }
  return null;
}

interface Entry {
  readonly session: Session;
  views: number;
  idle: ReturnType<typeof setTimeout> | null;
}

/** Sessions by id, each kept while one of its views lives and `idleMs` after the last one goes. */
export class SessionStore {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly maxSessions: number,
    private readonly idleMs: number,
  ) {}

  /** How many sessions are in memory. */
  get size(): number {
    return this.#entries.size;
  }

  /** The session `id` (created when missing), held for one more view until `release`. */
  acquire(id: string): Session {
    let entry = this.#entries.get(id);
    if (entry) {
      this.#entries.delete(id);
    } else {
      if (this.#entries.size >= this.maxSessions) this.#evictIdle();
      entry = { session: { id, data: new Map() }, views: 0, idle: null };
    }
    // Re-inserted on every use: the map's order is least recently used first.
    this.#entries.set(id, entry);
    if (entry.idle) clearTimeout(entry.idle);
    entry.idle = null;
    entry.views += 1;
    return entry.session;
  }

  /** One view of `session` is gone; the last one starts its idle time. */
  release(session: Session): void {
    const entry = this.#entries.get(session.id);
    if (!entry || entry.session !== session) return;
    entry.views -= 1;
    if (entry.views > 0) return;
    entry.idle = setTimeout(() => this.#drop(session.id, entry), this.idleMs);
    entry.idle.unref();
  }

  /** Forgets every session. */
  clear(): void {
    for (const entry of this.#entries.values()) if (entry.idle) clearTimeout(entry.idle);
    this.#entries.clear();
  }

  #drop(id: string, entry: Entry): void {
    if (this.#entries.get(id) !== entry || entry.views > 0) return;
    if (entry.idle) clearTimeout(entry.idle);
    this.#entries.delete(id);
  }

  /** Evicts the least recently used session that has no live view. */
  #evictIdle(): void {
    for (const [id, entry] of this.#entries) {
      if (entry.views === 0) {
        this.#drop(id, entry);
        return;
      }
    }
  }
}
