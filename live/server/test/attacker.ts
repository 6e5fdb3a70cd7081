/**
 * Attacker's tools for the hardening tests: a server in a child process (so a crash or memory growth is
 * seen as it would be in production), raw HTTP over node:net, and raw `ws` sockets.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from '@tessera/live-protocol';
import { WebSocket } from 'ws';

/** Memory of the child server after GC (bytes) and its stats. */
export interface ChildMemory {
  readonly memory: {
    readonly heapUsed: number;
    readonly rss: number;
    readonly arrayBuffers: number;
    readonly external: number;
    readonly peakRss: number;
  };
  readonly stats: { readonly views: number; readonly sockets: number; readonly sessions: number };
}

/** A server running test/child-server.mjs. */
export interface ChildServer {
  readonly url: string;
  readonly process: ChildProcess;
  /** Whether the process is still running. */
  alive(): boolean;
  memory(): Promise<ChildMemory>;
  request(message: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts the child server with `options` (LiveServerOptions that are JSON, plus `rows`: page size). */
export async function startChild(options: Record<string, unknown> = {}): Promise<ChildServer> {
  const child = fork(fileURLToPath(new URL('./child-server.mjs', import.meta.url)), [JSON.stringify(options)], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = () => new Promise<unknown>((resolve) => child.once('message', resolve));
  const { url } = (await next()) as { url: string };
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  return {
    url,
    process: child,
    alive: () => !exited && child.exitCode === null,
    async memory() {
      const reply = next();
      child.send('memory');
      return (await reply) as ChildMemory;
    },
    async request(message) {
      const reply = next();
      child.send(message as never);
      return reply;
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await gone;
    },
  };
}

/** Sends `text` on a raw TCP connection and resolves with everything the server answered until it closed (or 2 s). */
export function rawHttp(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, 2000);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
    socket.write(text);
  });
}

/** A GET of a page: its session cookie and view token. */
export async function openSession(url: string, path = '/'): Promise<{ cookie: string; token: string }> {
  const response = await fetch(url + path);
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
  return {
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!,
    token: /data-live-token="([^"]+)"/.exec(html)![1]!,
  };
}

/** A raw socket of the protocol, recording what it receives. */
export interface RawSocket {
  readonly ws: WebSocket;
  readonly messages: Record<string, unknown>[];
  readonly closed: Promise<number>;
  /** Resolves with the first received message (from now or earlier) matching `pred`. */
  until(pred: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  sendJson(message: unknown): void;
}

/** Opens a socket with `cookie`, from the server's own origin. */
export function rawSocket(url: string, cookie: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/_live/ws`, { headers: { cookie, origin: url } });
    const messages: Record<string, unknown>[] = [];
    const waiters: { pred: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] =
      [];
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      messages.push(message);
      for (const waiter of [...waiters])
        if (waiter.pred(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
    });
    ws.on('error', () => {});
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('open', () =>
      resolve({
        ws,
        messages,
        closed,
        until(pred) {
          const seen = messages.find(pred);
          return seen ? Promise.resolve(seen) : new Promise((r) => waiters.push({ pred, resolve: r }));
        },
        sendJson(message) {
          ws.send(JSON.stringify(message));
        },
      }),
    );
  });
}

/** Mounts the page's view on a new socket. */
export async function mounted(url: string, path = '/'): Promise<RawSocket> {
  const { cookie, token } = await openSession(url, path);
  const socket = await rawSocket(url, cookie);
  socket.sendJson({ t: 'mount', pv: PROTOCOL_VERSION, token, resume: 0 });
  await socket.until((m) => m['t'] === 'mounted');
  return socket;
}

/**
 * Whether the server still serves a new client: a fresh page mounts and its `inc` event is answered
 * with a patch. The question every hostile test ends with.
 */
export async function servesNewClient(url: string, path = '/'): Promise<boolean> {
  const socket = await mounted(url, path);
  socket.sendJson({ t: 'event', ref: 1, name: 'inc', params: {} });
  const answer = await socket.until((m) => m['ref'] === 1);
  socket.ws.close();
  return answer['t'] === 'patch';
}

/** Resolves after `ms`. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds (or `tries` run out); resolves with its last value. */
export async function eventually<T>(check: () => Promise<T> | T, ok: (value: T) => boolean, tries = 200): Promise<T> {
  let value = await check();
  for (let i = 0; i < tries && !ok(value); i++) {
    await pause(25);
    value = await check();
  }
  return value;
}

const MiB = 1024 * 1024;
/** Bytes as MiB, for readable assertion messages. */
export const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
