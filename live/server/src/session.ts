/** Browser sessions: a random id in an HttpOnly cookie, and a server-side store per id. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Session } from './view.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'tessera_sid';

/** A fresh unguessable id (128 bits, base64url). */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

/** The session id the request's cookie names, or null. */
export function sessionIdOf(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[\w-]{1,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** Sessions by id. */
export class SessionStore {
  #sessions = new Map<string, Session>();

  get(id: string): Session {
    let session = this.#sessions.get(id);
    if (!session) {
      session = { id, data: new Map() };
      this.#sessions.set(id, session);
    }
    return session;
  }
}
