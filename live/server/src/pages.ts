/**
 * Serving a view's first HTML: the browser's session cookie (set when it has none), a fresh instance
 * mounted with the query parameters, and the page shell with the token that lets the page's socket
 * attach to that instance.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isForbiddenKey } from '@tessera/live-protocol';
import type { Instances } from './instances.js';
import type { CompiledView } from './registry.js';
import { SESSION_COOKIE, issueSessionId, randomId, sessionIdOf } from './session.js';
import { renderPage } from './shell.js';
import { TokenTooLong, signToken } from './token.js';

/** What page serving needs from the server's configuration. */
export interface PagesConfig {
  readonly secret: string;
  readonly maxTokenBytes: number;
  readonly title: string;
  readonly head: string;
}

/** Serves `view`'s first HTML for `url` on `response`. */
export async function servePage(
  request: IncomingMessage,
  response: ServerResponse,
  view: CompiledView,
  url: URL,
  instances: Instances,
  config: PagesConfig,
): Promise<void> {
  let sessionId = sessionIdOf(request, config.secret);
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
  if (!sessionId) {
    sessionId = issueSessionId(config.secret);
    headers['set-cookie'] = `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax`;
  }
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (!isForbiddenKey(key)) params[key] = value;
  }
  // Signed before the view is created, so a query too large for a token costs no mount().
  const instanceId = randomId();
  let token: string;
  try {
    token = signToken(
      config.secret,
      { route: view.route, session: sessionId, instance: instanceId, params, iat: Date.now() },
      config.maxTokenBytes,
    );
  } catch (err) {
    if (!(err instanceof TokenTooLong)) throw err;
    response.writeHead(414, { 'content-type': 'text/plain' }).end('query too long');
    return;
  }
  const instance = await instances.create(instanceId, view, sessionId, params);
  // A page that never connects is dropped like a disconnected one.
  instances.release(instance, null);
  const page = renderPage({ title: config.title, head: config.head, token, body: instance.pageHtml() });
  response.writeHead(200, headers).end(page);
}
