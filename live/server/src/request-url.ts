/**
 * The URL of an incoming request, parsed without throwing: Node's HTTP parser accepts request targets
 * that WHATWG URL parsing refuses (`//%/`, `http://%/`, `http://[/`), and a throw inside an `http`
 * listener would end the process.
 */
import type { IncomingMessage } from 'node:http';

/** The request's URL against a fixed base, or null when its target is not a valid URL. */
export function requestUrl(request: IncomingMessage): URL | null {
  return URL.canParse(request.url ?? '/', 'http://localhost') ? new URL(request.url ?? '/', 'http://localhost') : null;
}
