/**
 * The HTTP request listener: GET and HEAD only; client bundle files under ASSET_PREFIX, each view's page
 * at its route, 404 for anything else, and 500 (reported) when serving fails.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ASSET_PREFIX } from '@tessera/live-protocol';
import { serveAsset } from './assets.js';
import type { ErrorReporter } from './instance.js';
import type { CompiledView } from './registry.js';

/** What the listener routes to. */
export interface RequestRoutes {
  readonly views: ReadonlyMap<string, CompiledView>;
  readonly page: (request: IncomingMessage, response: ServerResponse, view: CompiledView, url: URL) => Promise<void>;
  readonly report: ErrorReporter;
}

/** The `request` listener of the HTTP server. */
export function requestHandler(routes: RequestRoutes): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const fail = (err: unknown) => {
      routes.report(err, `GET ${url.pathname}`);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('internal error');
    };
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
    routes.page(request, response, view, url).catch(fail);
  };
}
