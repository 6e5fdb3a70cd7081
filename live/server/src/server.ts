/**
 * `createLiveServer`: serves each view's first HTML (with a signed token), the client bundle, and the
 * WebSocket endpoint the pages connect to. `node:http` + `ws`.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ASSET_PREFIX, ProtocolError, SOCKET_PATH, type JsonObject, type MountMessage } from '@tessera/live-protocol';
import type { CompileOptions, Loader } from '@tessera/template';
import { Connection, type ConnectionHost } from './connection.js';
import { ViewInstance, type ErrorReporter } from './instance.js';
import { renderPage } from './page.js';
import { PubSub } from './pubsub.js';
import { compileView, type CompiledView } from './registry.js';
import { loadRenderer, type LiveRenderer, type RendererName } from './renderer.js';
import { SESSION_COOKIE, SessionStore, randomId, sessionIdOf } from './session.js';
import { signToken, verifyToken } from './token.js';
import type { ViewClass } from './view.js';

/** Options of `createLiveServer`. */
export interface LiveServerOptions {
  /** Views by URL path: `{ '/': Dashboard }`. */
  readonly views: Readonly<Record<string, ViewClass>>;
  /** Where view templates come from. */
  readonly loader: Loader;
  /** Key of the token HMAC; at least 32 characters. */
  readonly secret: string;
  /** `vdom` (default), `rust`, or a LiveRenderer object. */
  readonly renderer?: RendererName | LiveRenderer;
  readonly compileOptions?: CompileOptions;
  /** Origins allowed to open sockets. Default: the origin of the request's own Host (`http://host`, `https://host`). */
  readonly origins?: readonly string[];
  /** How long a view outlives its socket, waiting for a reconnect (ms, default 15,000). */
  readonly graceMs?: number;
  /** Oldest token accepted (ms, default 24 hours). */
  readonly tokenMaxAgeMs?: number;
  /** Largest WebSocket frame accepted (bytes, default 64 KiB); a bigger one closes the socket with 1009. */
  readonly maxMessageBytes?: number;
  /** Per-connection message rate: `burst` at once, refilled at `perSecond` (default 20/s, burst 40). */
  readonly rate?: { readonly perSecond: number; readonly burst: number };
  /** Document title and extra trusted `<head>` HTML of every page. */
  readonly title?: string;
  readonly head?: string;
  /**
   * The server pings every socket this often (ms, default 30,000) and drops one that did not answer the
   * previous ping: a browser that vanished without closing its connection releases its view.
   */
  readonly heartbeatMs?: number;
  /** Where handler, timer and render failures are reported (default: console.error). */
  readonly onError?: ErrorReporter;
}

/** A running (or ready to run) live server. */
export interface LiveServer {
  readonly http: Server;
  /** Starts listening (default: port 0 on 127.0.0.1); resolves to the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Closes sockets, drops every view and stops listening. */
  close(): Promise<void>;
  /** Drops every socket as a network failure would; views wait out their grace period for a reconnect. */
  terminateSockets(): void;
  /** Numbers of live view instances and open sockets. */
  stats(): { readonly views: number; readonly sockets: number };
}

const bundleDir = fileURLToPath(new URL('.', import.meta.resolve('@tessera/live-client/bundle/client.js')));

/** Creates the server: compiles every view's template (throws TemplateSyntaxError early) and loads the renderer. */
export async function createLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  if (typeof options.secret !== 'string' || options.secret.length < 32) {
    throw new TypeError('secret must be a string of at least 32 characters');
  }
  const renderer = await loadRenderer(options.renderer ?? 'vdom');
  const views = new Map<string, CompiledView>();
  for (const [route, cls] of Object.entries(options.views)) {
    views.set(route, compileView(route, cls, options.loader, renderer, options.compileOptions ?? {}));
  }
  const report: ErrorReporter = options.onError ?? ((err, where) => console.error(`[tessera/live] ${where}:`, err));
  const graceMs = options.graceMs ?? 15_000;
  const tokenMaxAgeMs = options.tokenMaxAgeMs ?? 24 * 3600_000;
  const sessions = new SessionStore();
  const pubsub = new PubSub();
  const instances = new Map<string, ViewInstance>();

  async function newInstance(
    id: string,
    view: CompiledView,
    sessionId: string,
    params: JsonObject,
  ): Promise<ViewInstance> {
    const instance = new ViewInstance(id, view, sessions.get(sessionId), params, pubsub, report);
    instances.set(id, instance);
    try {
      await instance.mount();
    } catch (err) {
      instances.delete(id);
      instance.destroy();
      throw err;
    }
    return instance;
  }

  const drop = (instance: ViewInstance) => () => {
    if (instances.get(instance.id) === instance) instances.delete(instance.id);
  };

  async function servePage(
    request: IncomingMessage,
    response: ServerResponse,
    view: CompiledView,
    url: URL,
  ): Promise<void> {
    let sessionId = sessionIdOf(request);
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (!sessionId) {
      sessionId = randomId();
      headers['set-cookie'] = `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax`;
    }
    const params: Record<string, string> = {};
    for (const [key, value] of url.searchParams) {
      if (key !== '__proto__' && key !== 'constructor' && key !== 'prototype') params[key] = value;
    }
    const instance = await newInstance(randomId(), view, sessionId, params);
    // A page that never connects is dropped like a disconnected one.
    instance.detach(null, graceMs, drop(instance));
    const token = signToken(options.secret, {
      route: view.route,
      session: sessionId,
      instance: instance.id,
      params,
      iat: Date.now(),
    });
    const page = renderPage({
      title: options.title ?? 'Tessera',
      head: options.head ?? '',
      token,
      body: instance.pageHtml(),
    });
    response.writeHead(200, headers).end(page);
  }

  async function serveAsset(response: ServerResponse, name: string): Promise<void> {
    if (!/^[\w-]+(\.[\w-]+)*\.js$/.test(name)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(`${bundleDir}${name}`);
      response
        .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  }

  const http = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const fail = (err: unknown) => {
      report(err, `GET ${url.pathname}`);
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
    const view = views.get(url.pathname);
    if (!view) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    servePage(request, response, view, url).catch(fail);
  });

  const host: ConnectionHost = {
    rate: options.rate ?? { perSecond: 20, burst: 40 },
    async resolveMount(message: MountMessage, sessionId: string | null): Promise<ViewInstance> {
      const payload = verifyToken(options.secret, message.token, tokenMaxAgeMs);
      if (!payload) throw new ProtocolError('forbidden', 'invalid or expired token');
      if (sessionId === null || payload.session !== sessionId)
        throw new ProtocolError('forbidden', 'token belongs to another session');
      const view = views.get(payload.route);
      if (!view) throw new ProtocolError('forbidden', 'token names no view');
      const existing = instances.get(payload.instance);
      if (existing?.alive && existing.compiled === view && existing.session.id === sessionId) return existing;
      return newInstance(payload.instance, view, sessionId, payload.params);
    },
    released(instance, connection) {
      instance.detach(connection, graceMs, drop(instance));
    },
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 64 * 1024 });
  const allowedOrigin = (request: IncomingMessage): boolean => {
    const origin = request.headers.origin;
    if (!origin) return false;
    if (options.origins) return options.origins.includes(origin);
    const hostHeader = request.headers.host;
    return hostHeader !== undefined && (origin === `http://${hostHeader}` || origin === `https://${hostHeader}`);
  };
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== SOCKET_PATH || !allowedOrigin(request)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      answered.add(ws);
      ws.on('pong', () => answered.add(ws));
      new Connection(ws, sessionIdOf(request), host);
    });
  });

  const answered = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!answered.has(ws)) {
        ws.terminate();
        continue;
      }
      answered.delete(ws);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

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
      clearInterval(heartbeat);
      for (const client of wss.clients) client.terminate();
      for (const instance of instances.values()) instance.destroy();
      instances.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    },
    terminateSockets() {
      for (const client of wss.clients) client.terminate();
    },
    stats: () => ({ views: instances.size, sockets: wss.clients.size }),
  };
}
