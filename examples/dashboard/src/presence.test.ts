// Presence ("Active Users") follows sockets, not page GETs: pages fetched without connecting push
// nothing to the users who are connected, and a socket that closes is counted out.
import { PROTOCOL_VERSION } from '@tessera/live-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LiveServer } from '@tessera/live';
// The built package: the view's decorator syntax is compiled by tsc, not by vitest's transformer.
import { createDashboard } from '@tessera/example-dashboard';

let server: LiveServer;
afterEach(async () => {
  await server?.close();
});

interface Watcher {
  readonly ws: WebSocket;
  readonly messages: Record<string, unknown>[];
  next(): Promise<Record<string, unknown>>;
}

async function connect(url: string): Promise<Watcher> {
  const response = await fetch(url);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = /data-live-token="([^"]+)"/.exec(await response.text())![1]!;
  const ws = new WebSocket(`${url.replace('http', 'ws')}/_live/ws`, { headers: { cookie, origin: url } });
  const messages: Record<string, unknown>[] = [];
  let waiting: ((m: Record<string, unknown>) => void) | null = null;
  let read = 0;
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as Record<string, unknown>);
    if (waiting && read < messages.length) waiting(messages[read++]!);
  });
  await new Promise((resolve) => ws.on('open', resolve));
  ws.send(JSON.stringify({ t: 'mount', pv: PROTOCOL_VERSION, token, resume: 0 }));
  const watcher: Watcher = {
    ws,
    messages,
    next: () =>
      new Promise((resolve) => {
        if (read < messages.length) resolve(messages[read++]!);
        else
          waiting = (m) => {
            waiting = null;
            resolve(m);
          };
      }),
  };
  expect(await watcher.next()).toMatchObject({ t: 'mounted' });
  return watcher;
}

const activeUsers = (m: Record<string, unknown>) =>
  (m['state'] as Record<string, unknown> | undefined)?.['active_users'];

describe('dashboard presence', () => {
  it('counts connected sockets only: page GETs push nothing to connected users', async () => {
    server = await createDashboard({ likeDelayMs: 0 });
    const url = await server.listen(0, '127.0.0.1');
    const a = await connect(url);
    expect(activeUsers(await a.next())).toBe(1);
    for (let i = 0; i < 20; i++) await (await fetch(url)).text();
    const b = await connect(url);
    // The first thing A hears after its own count is B arriving: the 20 GETs cost it no frame.
    expect(activeUsers(await a.next())).toBe(2);
    b.ws.close();
    expect(activeUsers(await a.next())).toBe(1);
    a.ws.close();
  });
});
