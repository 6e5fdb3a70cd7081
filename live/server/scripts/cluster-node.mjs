// One process of the multi-process example (docs/deploy.md) and of the multi-process tests: a live
// server on PORT (default 0) with Redis at REDIS_URL, serving a board every process shares: a counter
// whose events must each apply exactly once, broadcasts, and presence. SIGTERM closes it cleanly (its
// clients reconnect to the other processes and resume there); it reports its URL to a parent over IPC
// and answers 'memory' with its heap and server stats.
import { MemoryLoader } from '@tessera/template';
import { LiveView, createLiveServer, declareView, presenceTopic } from '../dist/index.js';

class Board extends LiveView {
  static template = 'board.html';
  count = 0;
  /** The `id` of every applied `add`, in order: an event applied twice or lost shows here. */
  seen = [];
  heard = [];
  present = 0;

  mount(params) {
    this.subscribe('board', (message) => {
      this.heard = [...this.heard, message].slice(-20);
    });
    this.track('board', { pid: process.pid });
    // With ?presence=live every join and leave, on any process (a dead process's members too), updates the
    // count by itself (off by default: the tests count this view's versions exactly).
    if (params.presence === 'live') this.subscribe(presenceTopic('board'), () => this.who());
  }

  add(params) {
    this.count += 1;
    this.seen = [...this.seen, params.id ?? this.count].slice(-500);
  }

  shout(params) {
    this.broadcast('board', String(params.message ?? ''));
  }

  async who() {
    this.present = (await this.presence('board')).length;
  }
}
declareView(Board, { events: { add: {}, shout: {}, who: {} } });

const templates = {
  'board.html':
    '<h1 id="count">{{ count }}</h1><p id="seen">{{ seen|join:"," }}</p><p id="heard">{{ heard|join:"," }}</p>' +
    '<p id="present">{{ present }}</p><button id="add" data-live-click="add">add</button>' +
    '<button id="who" data-live-click="who">who</button>' +
    '<button id="shout" data-live-click="shout" data-live-param-message="hello">shout</button>',
};

const server = await createLiveServer({
  views: { '/': Board },
  loader: new MemoryLoader(templates),
  secret: process.env.TESSERA_SECRET ?? 'example-secret-example-secret-example!',
  redis: process.env.REDIS_URL,
  presenceTtlMs: Number(process.env.PRESENCE_TTL_MS ?? 15_000),
  rate: { perSecond: 200, burst: 400 },
  // Behind the proxy (cluster.mjs), which sets X-Forwarded-For: the page rate limit is per browser, not
  // per proxy. Only trust the header when the processes are reachable through the proxy alone.
  clientAddress: (request) => String(request.headers['x-forwarded-for'] ?? request.socket.remoteAddress),
  // The load script (load-cluster.mjs) opens a thousand pages from one address.
  ...(process.env.PAGE_RATE
    ? { pageRate: { perSecond: Number(process.env.PAGE_RATE), burst: Number(process.env.PAGE_RATE) } }
    : {}),
  onError: (err, where) => console.error(`[node ${process.pid}] ${where}:`, err),
});
const url = await server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close().then(() => process.exit(0)));
// The load script asks each process for its memory (after a full GC when run with --expose-gc).
process.on('message', (message) => {
  if (message !== 'memory') return;
  globalThis.gc?.();
  globalThis.gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.send({ memory: { heapUsed, rss }, stats: server.stats() });
});
if (process.send) process.send({ url });
else console.log(`node ${process.pid} at ${url}`);
