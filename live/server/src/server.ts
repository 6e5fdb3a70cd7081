/**
 * `createLiveServer`: serves each view's first HTML (with a signed token), the client bundle, and the
 * WebSocket endpoint the pages connect to, on `node:http` + `ws`. This module composes the parts:
 * options (`options.ts`), requests and pages (`requests.ts`, `pages.ts`, `assets.ts`), the socket
 * endpoint (`upgrade.ts`), the instance registry and mount policy (`instances.ts`) and the heartbeat.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLOSE_MOVED } from '@tessera/live-protocol';
import { WebSocketServer } from 'ws';
import { openBackplane } from './backplane.js';
import { Heartbeat } from './heartbeat.js';
import { Instances } from './instances.js';
import { resolveOptions, type LiveServerOptions } from './options.js';
import { servePage } from './pages.js';
import { compileView, type CompiledView } from './registry.js';
import { loadRenderer } from './renderer.js';
import { RateLimiters } from './client-rate.js';
import { requestHandler } from './requests.js';
import { upgradeHandler } from './upgrade.js';

export type { LiveServerOptions } from './options.js';

/** A running (or ready to run) live server. */
export interface LiveServer {
  readonly http: Server;
  /** Starts listening (default: port 0 on 127.0.0.1); resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Stops listening, closes every socket (with 4503: the clients reconnect, to another process when there
   * are several), waits up to 5 s for changes in progress to be answered and stored, drops every view and
   * closes the Redis connections.
   */
  close(): Promise<void>;
  /** Drops every socket as a network failure would; views wait out their grace period for a reconnect. */
  terminateSockets(): void;
  /** Numbers of live view instances, open sockets and sessions in memory. */
  stats(): { readonly views: number; readonly sockets: number; readonly sessions: number };
}

/**
 * Creates the server: compiles every view's template (throws TemplateSyntaxError early), loads the
 * renderer and, with `redis`, connects to it (throws when it does not answer).
 */
export async function createLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const config = resolveOptions(options);
  const renderer = await loadRenderer(config.renderer);
  const views = new Map<string, CompiledView>();
  for (const [route, cls] of Object.entries(options.views)) {
    views.set(route, compileView(route, cls, options.loader, renderer, config.compileOptions));
  }
  const backplane = await openBackplane(config.redis, config.report);
  const instances = new Instances(views, config, backplane);

  const http = createServer(
    requestHandler({
      views,
      page: (request, response, view, url) => servePage(request, response, view, url, instances, config),
      report: config.report,
      pageLimit: new RateLimiters(config.pageRate),
      clientAddress: config.clientAddress,
    }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });
  const heartbeat = new Heartbeat(() => wss.clients, config.heartbeatMs);
  http.on(
    'upgrade',
    upgradeHandler({
      wss,
      origins: config.origins,
      secret: config.secret,
      host: instances.connectionHost(),
      accepted: (ws) => heartbeat.watch(ws),
    }),
  );

  return {
    http,
    listen(port = 0, hostname = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, hostname, () => {
          const address = http.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shown}:${address.port}`);
        });
      });
    },
    async close() {
      heartbeat.stop();
      const stopped = http.listening ? new Promise<void>((resolve) => http.close(() => resolve())) : null;
      for (const client of wss.clients) client.close(CLOSE_MOVED, 'server closing');
      await instances.settle(5_000);
      for (const client of wss.clients) client.terminate();
      instances.destroyAll();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await backplane.close();
      await stopped;
    },
    terminateSockets() {
      for (const client of wss.clients) client.terminate();
    },
    stats: () => ({ views: instances.size, sockets: wss.clients.size, sessions: instances.sessions }),
  };
}
