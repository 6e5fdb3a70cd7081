// `npm run load:cluster -w @tessera/live`: the load test's multi-process mode. A private redis-server,
// PROCESSES live-server processes (default 3, scripts/cluster-node.mjs: the board view, whose `add` events
// each change and store its state and whose `shout` broadcasts to every view on every process), and
// CLIENTS `ws` clients (default 1,000) spread over the processes, each sending one event every INTERVAL_MS
// with one in flight, for DURATION_MS; every BROADCAST_MS one client shouts. Prints event -> patch latency,
// broadcast fan-out latency (shout sent -> patch received, every receiving client), Redis round trips and
// commands per committed change (Redis's own INFO commandstats, not an estimate), and memory per view;
// exits non-zero when an event was lost or a patch came out of order.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PROTOCOL_VERSION } from '@tessera/live-protocol';
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import { Cluster } from './cluster.mjs';
import { startRedisServer } from './redis-server.mjs';

const PROCESSES = Number(process.env.PROCESSES ?? 3);
const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const DURATION_MS = Number(process.env.DURATION_MS ?? 10_000);
const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 1000);
const BROADCAST_MS = Number(process.env.BROADCAST_MS ?? 1000);
const DEADLINE_MS = DURATION_MS + 180_000;

const redis = await startRedisServer();
const cluster = await Cluster.start(redis.url, PROCESSES, { PAGE_RATE: '100000' });
const stop = async () => {
  await cluster.stop('SIGKILL');
  await redis.stop();
};
const guard = setTimeout(async () => {
  console.error(`load: gave up after ${DEADLINE_MS} ms`);
  await stop();
  process.exit(2);
}, DEADLINE_MS);
const admin = new Redis(redis.url);
/** Calls per command since Redis started, from INFO commandstats (commands run inside scripts included). */
const commandStats = async () => {
  const calls = {};
  for (const [, name, count] of (await admin.info('commandstats')).matchAll(/cmdstat_(\w+):calls=(\d+)/g))
    calls[name] = Number(count);
  return calls;
};
/** The requests the live servers send while views change: state writes (scripts), publishes, transactions. */
const ROUND_TRIPS = ['evalsha', 'eval', 'publish', 'exec'];
const memory = async () => {
  const replies = await Promise.all(cluster.urls.map((_, i) => cluster.ask(i, 'memory')));
  return {
    heapUsed: replies.reduce((n, r) => n + r.memory.heapUsed, 0),
    rss: replies.reduce((n, r) => n + r.memory.rss, 0),
    views: replies.map((r) => r.stats.views),
  };
};

/** When each shout was sent, by its number. */
const shouts = new Map();

/** One simulated browser on process `base`. */
class Client {
  constructor(base) {
    this.base = base;
    this.version = 0;
    this.ref = 0;
    this.inflight = null;
    this.latencies = [];
    this.fanout = [];
    this.heard = 0;
    this.lost = 0;
    this.outOfOrder = 0;
    this.errors = 0;
  }

  async open() {
    const response = await fetch(`${this.base}/`);
    this.cookie = response.headers.get('set-cookie').split(';')[0];
    this.token = /data-live-token="([^"]+)"/.exec(await response.text())[1];
    await new Promise((resolve, reject) => {
      this.ws = new WebSocket(`${this.base.replace('http', 'ws')}/_live/ws`, {
        headers: { cookie: this.cookie, origin: this.base },
      });
      this.ws.on('open', () =>
        this.ws.send(JSON.stringify({ t: 'mount', pv: PROTOCOL_VERSION, token: this.token, resume: 0 })),
      );
      this.ws.on('error', reject);
      this.ws.on('message', (data) => {
        const m = JSON.parse(String(data));
        if (m.t === 'mounted') {
          this.version = m.v;
          resolve();
        } else if (m.t === 'patch') this.onPatch(m, String(data));
        else if (m.t === 'error') this.errors += 1;
      });
    });
  }

  onPatch(m, text) {
    const empty = m.patches === undefined;
    if (m.v === this.version + 1) this.version = m.v;
    else if (!(empty && m.v === this.version)) this.outOfOrder += 1;
    if (m.ref === undefined) {
      // A broadcast: the newest shout number in the heard list is the one that caused it.
      const numbers = [...text.matchAll(/shout(\d+)/g)].map((match) => Number(match[1]));
      const latest = Math.max(...numbers);
      if (latest > this.heard && shouts.has(latest)) {
        this.fanout.push(performance.now() - shouts.get(latest));
        this.heard = latest;
      }
      return;
    }
    if (!this.inflight || m.ref !== this.inflight.ref) return;
    if (this.inflight.name === 'add') this.latencies.push(performance.now() - this.inflight.at);
    this.inflight.resolve();
    this.inflight = null;
  }

  send(name, params) {
    return new Promise((resolve) => {
      const ref = ++this.ref;
      this.inflight = { ref, name, at: performance.now(), resolve };
      this.ws.send(JSON.stringify({ t: 'event', ref, name, params }));
    });
  }

  async run(until) {
    await new Promise((r) => setTimeout(r, Math.random() * INTERVAL_MS));
    while (performance.now() < until) {
      const started = performance.now();
      const timeout = new Promise((r) => setTimeout(() => r('timeout'), 10_000));
      if ((await Promise.race([this.send('add', { id: this.ref + 1 }), timeout])) === 'timeout') {
        this.lost += 1;
        this.inflight = null;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, INTERVAL_MS - (performance.now() - started))));
    }
  }
}

async function inBatches(items, size, fn) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (value) => +value.toFixed(2);

const before = await memory();
const clients = Array.from({ length: CLIENTS }, (_, i) => new Client(cluster.urls[i % PROCESSES]));
await inBatches(clients, 50, (c) => c.open());
const mounted = await memory();

const statsBefore = await commandStats();
const t0 = performance.now();
const until = t0 + DURATION_MS;
// The shouter is a client of its own, so its one-in-flight rule does not slow a measured client.
const shouter = new Client(cluster.urls[0]);
await shouter.open();
const shouting = (async () => {
  for (let n = 1; performance.now() < until; n += 1) {
    shouts.set(n, performance.now());
    await shouter.send('shout', { message: `shout${n}` });
    await new Promise((r) => setTimeout(r, BROADCAST_MS));
  }
})();
await Promise.all([...clients.map((c) => c.run(until)), shouting]);
// Let the last broadcast reach everyone before counting.
await new Promise((r) => setTimeout(r, 500));
const elapsed = performance.now() - t0;
const statsAfter = await commandStats();
const during = Object.fromEntries(
  Object.entries(statsAfter)
    .map(([name, calls]) => [name, calls - (statsBefore[name] ?? 0)])
    .filter(([name, calls]) => calls > 0 && name !== 'info'),
);
// Every committed change writes its view once: the clients' events, the shouts (no change, but their ref is
// recorded), and each view's change on hearing a broadcast.
const changes = () => latencies.length + shouts.size + fanout.length;

const latencies = clients.flatMap((c) => c.latencies).sort((a, b) => a - b);
const fanout = clients.flatMap((c) => c.fanout).sort((a, b) => a - b);
const lost = clients.reduce((n, c) => n + c.lost, 0);
const outOfOrder = clients.reduce((n, c) => n + c.outOfOrder + c.errors, 0);
const figures = {
  processes: PROCESSES,
  clients: CLIENTS,
  durationMs: Math.round(elapsed),
  events: latencies.length,
  eventsPerSecond: Math.round(latencies.length / (elapsed / 1000)),
  eventToPatchMs: { p50: ms(percentile(latencies, 50)), p99: ms(percentile(latencies, 99)), max: ms(latencies.at(-1)) },
  broadcasts: shouts.size,
  fanoutDeliveries: fanout.length,
  fanoutMs: { p50: ms(percentile(fanout, 50)), p99: ms(percentile(fanout, 99)), max: ms(fanout.at(-1)) },
  redis: {
    roundTripsPerChange: +(ROUND_TRIPS.reduce((n, name) => n + (during[name] ?? 0), 0) / changes()).toFixed(2),
    commandsPerChange: +(Object.values(during).reduce((a, b) => a + b, 0) / changes()).toFixed(2),
    calls: during,
  },
  memoryPerViewKiB: {
    heap: +((mounted.heapUsed - before.heapUsed) / CLIENTS / 1024).toFixed(1),
    rss: +((mounted.rss - before.rss) / CLIENTS / 1024).toFixed(1),
  },
  viewsPerProcess: mounted.views,
  lost,
  outOfOrder,
};
console.log(JSON.stringify(figures, null, 2));
if (process.argv.includes('--report')) {
  const report = new URL('../../../reports/live-load-cluster.json', import.meta.url);
  const command = 'npm run load:cluster -w @tessera/live -- --report';
  writeFileSync(report, `${JSON.stringify({ command, date: new Date().toISOString(), figures }, null, 2)}\n`);
}

for (const c of [...clients, shouter]) c.ws.close();
admin.disconnect();
await stop();
clearTimeout(guard);
const ok = lost === 0 && outOfOrder === 0 && fanout.length > 0;
console.log(ok ? 'load:cluster: all checks passed' : 'load:cluster: CHECKS FAILED');
process.exit(ok ? 0 : 1);
