/**
 * The HTTP request listener: GET and HEAD only; client bundle files under ASSET_PREFIX, each view's page
 * at its route, 404 for anything else, and 500 (reported) when serving fails.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ASSET_PREFIX } from '@tessera/live-protocol';
import { serveAsset } from './assets.js';
import type { RateLimiters } from './client-rate.js';
import type { ErrorReporter } from './instance.js';
import type { CompiledView } from './registry.js';
import { requestUrl } from './request-url.js';

/** What the listener routes to. */
export interface RequestRoutes {
  readonly views: ReadonlyMap<string, CompiledView>;
  readonly page: (request: IncomingMessage, response: ServerResponse, view: CompiledView, url: URL) => Promise<void>;
  readonly report: ErrorReporter;
  /** Page GETs per client; a client over its rate gets 429. */
  readonly pageLimit: RateLimiters;
  readonly clientAddress: (request: IncomingMessage) => string;
}

/** The `request` listener of the HTTP server. */
export function requestHandler(routes: RequestRoutes): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const fail = (err: unknown) => {
      routes.report(err, `${request.method} ${request.url}`);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('internal error');
    };
    try {
      route(routes, request, response, fail);
    } catch (err) {
      fail(err);
    }
  };
}

function route(
  routes: RequestRoutes,
  request: IncomingMessage,
  response: ServerResponse,
  fail: (err: unknown) => void,
): void {
  const url = requestUrl(request);
  if (!url) {
    response.writeHead(400, { 'content-type': 'text/plain' }).end('bad request target');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (url.pathname.startsWith(ASSET_PREFIX)) {
    serveAsset(response, url.pathname.slice(ASSET_PREFIX.length)).catch(fail);
    return;
  }
  const view = routes.views.get(url.pathname);
  if (!view) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  // Every page mounts a view (and runs the app's mount()), so pages are rate-limited per client.
  const wait = routes.pageLimit.take(routes.clientAddress(request));
  if (wait > 0) {
    response.writeHead(429, { 'content-type': 'text/plain', 'retry-after': String(wait) }).end('too many requests');
    return;
  }
  routes.page(request, response, view, url).catch(fail);
}
