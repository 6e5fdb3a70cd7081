/**
 * Test harness: a real LiveServer on 127.0.0.1 port 0 and a happy-dom page driven by the real client,
 * whose WebSocket is the `ws` package with the page's cookie and Origin (what a browser would send).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Window } from 'happy-dom';
import { WebSocket as WsSocket } from 'ws';
import { MemoryLoader } from '@tessera/template';
import { LiveClient, type ClientEnv } from '@tessera/live-client';
import { ROOT_ATTR } from '@tessera/live-protocol';
import { createLiveServer, type LiveServer, type LiveServerOptions } from '../src/index.js';

export const SECRET = 'test-secret-test-secret-test-secret!';

/** Starts a server with in-memory templates. */
export async function startServer(
  views: LiveServerOptions['views'],
  templates: Record<string, string>,
  options: Partial<LiveServerOptions> = {},
): Promise<{ server: LiveServer; url: string }> {
  const server = await createLiveServer({
    views,
    loader: new MemoryLoader(templates),
    secret: SECRET,
    onError: () => {},
    ...options,
  });
  return { server, url: await server.listen(0, '127.0.0.1') };
}

/** A loaded page with its client; `frames` are the messages the client sent, `received` the ones it got. */
export interface Page {
  readonly window: Window;
  readonly root: Element;
  readonly client: LiveClient;
  readonly cookie: string;
  readonly token: string;
  readonly frames: unknown[];
  readonly received: Record<string, unknown>[];
  /** Resolves with the next received message matching `pred`. */
  next(pred: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A WebSocket class bound to a cookie and origin, recording frames. */
function socketClass(
  cookie: string,
  origin: string,
  frames: unknown[],
  received: Record<string, unknown>[],
  onMessage: () => void,
) {
  return class extends WsSocket {
    constructor(url: string) {
      super(url, { headers: { cookie, origin } });
      this.addEventListener('message', (event) => {
        received.push(JSON.parse(String(event.data)) as Record<string, unknown>);
        onMessage();
      });
    }
    override send(data: string): void {
      frames.push(JSON.parse(data));
      super.send(data);
    }
  };
}

const moduleDir = fileURLToPath(new URL('../node_modules/.cache/view-modules/', import.meta.url));

/**
 * What a browser's `import(path)` does for a view module: fetches it from the server (the bundle is one
 * file, importing nothing), then imports it from a file, as Node cannot import over HTTP.
 */
async function loadViewModule(url: string, path: string) {
  const response = await fetch(url + path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  mkdirSync(moduleDir, { recursive: true });
  const file = `${moduleDir}${path.split('/').at(-1)}`;
  writeFileSync(file, await response.text());
  return import(/* @vite-ignore */ pathToFileURL(file).href);
}

/** GETs `path`, loads the page into happy-dom (scripts stripped) and starts the client on its root. */
export async function openPage(url: string, path = '/', cookieOverride?: string): Promise<Page> {
  const response = await fetch(url + path, cookieOverride ? { headers: { cookie: cookieOverride } } : {});
  const cookie = cookieOverride ?? (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const html = await response.text();
  const body = /<body>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');
  const window = new Window({ url });
  window.document.body.innerHTML = body;
  const root = window.document.querySelector(`[${ROOT_ATTR}]`) as unknown as Element;
  const frames: unknown[] = [];
  const received: Record<string, unknown>[] = [];
  const waiters: {
    pred: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
    from: number;
  }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const hit = received.slice(waiter.from).find(waiter.pred);
      if (hit) {
        waiters.splice(waiters.indexOf(waiter), 1);
        // Let the client's own handler (queued on the same message) run first.
        setTimeout(() => waiter.resolve(hit), 5);
      }
    }
  };
  const host = new URL(url).host;
  const env: ClientEnv = {
    WebSocket: socketClass(cookie, url, frames, received, check) as unknown as typeof WebSocket,
    location: { protocol: 'http:', host },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    CustomEvent: window.CustomEvent as unknown as typeof CustomEvent,
  };
  const client = new LiveClient({
    env,
    root,
    loadLocal: () => import('@tessera/live-client/local'),
    loadModule: (path) => loadViewModule(url, path),
    backoff: { baseMs: 20, capMs: 100 },
  });
  const token = root.getAttribute('data-live-token')!;
  client.start();
  return {
    window,
    root,
    client,
    cookie,
    token,
    frames,
    received,
    next(pred) {
      return new Promise((resolve) => {
        waiters.push({ pred, resolve, from: received.length });
        check();
      });
    },
    async close() {
      client.stop();
      await window.happyDOM.close();
    },
  };
}

/** Clicks the element matching `selector` inside the page root. */
export function click(page: Page, selector: string): void {
  const el = page.root.querySelector(selector) as unknown as { click(): void } | null;
  if (!el) throw new Error(`no element ${selector}`);
  el.click();
}

/** Text of the element matching `selector`. */
export function text(page: Page, selector: string): string {
  return page.root.querySelector(selector)?.textContent ?? '';
}
