// What both halves of the load test (load.mjs and its attackers' process, load-attackers.mjs) do as a
// client: wait, fetch the page as one client, open a socket with that client's cookie.
import { WebSocket } from 'ws';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** GETs the page at `url` as client `id`, waiting out a 429; its session cookie and mount token. */
export async function fetchPage(url, id, headers = {}) {
  for (;;) {
    const response = await fetch(url, { headers: { 'x-load-client': id, ...headers } });
    const html = await response.text();
    if (response.status === 429) {
      await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
      continue;
    }
    return {
      cookie: response.headers.get('set-cookie').split(';')[0],
      token: /data-live-token="([^"]+)"/.exec(html)[1],
    };
  }
}

/** A socket opened with `cookie` from `origin`, and a promise of its close code; null when refused. */
export function openSocket(wsUrl, cookie, origin) {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { headers: { cookie, origin } });
    const closed = new Promise((r) => ws.on('close', (code) => r(code)));
    ws.on('error', () => {});
    ws.on('open', () => resolve({ ws, closed }));
    ws.on('unexpected-response', () => resolve(null));
  });
}
