// `npm run load -w @tessera/live`: a bounded load test on loopback. 1,000 concurrent clients (CLIENTS)
// mount a view and send events for a fixed time (DURATION_MS); reports p50/p99 event-to-patch latency,
// memory per connected view, lost or out-of-order patches, then sends a run of malformed messages and
// checks that the server still serves. Exits non-zero when a check fails.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from '@tessera/live-protocol';
import { WebSocket } from 'ws';

const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const DURATION_MS = Number(process.env.DURATION_MS ?? 10_000);
const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 1000);
const DEADLINE_MS = DURATION_MS + 120_000;

const child = fork(fileURLToPath(new URL('./load-server.mjs', import.meta.url)), [], {
  execArgv: ['--expose-gc'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const guard = setTimeout(() => {
  console.error(`load: gave up after ${DEADLINE_MS} ms`);
  child.kill();
  process.exit(2);
}, DEADLINE_MS);

const fromChild = () => new Promise((resolve) => child.once('message', resolve));
const { url } = await fromChild();
const memory = async () => {
  child.send('memory');
  return fromChild();
};
const origin = url;
const wsUrl = `${url.replace('http', 'ws')}/_live/ws`;

async function page() {
  const response = await fetch(url);
  const html = await response.text();
  return { cookie: response.headers.get('set-cookie').split(';')[0], token: /data-live-token="([^"]+)"/.exec(html)[1] };
}

/** One simulated browser: mounts, then sends one event at a time and times its patch. */
class Client {
  constructor(cookie, token) {
    this.cookie = cookie;
    this.token = token;
    this.version = 0;
    this.ref = 0;
    this.inflight = null;
    this.latencies = [];
    this.lost = 0;
    this.outOfOrder = 0;
    this.errors = 0;
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(wsUrl, { headers: { cookie: this.cookie, origin } });
      this.ws.on('open', () =>
        this.ws.send(JSON.stringify({ t: 'mount', pv: PROTOCOL_VERSION, token: this.token, resume: 0 })),
      );
      this.ws.on('error', reject);
      this.ws.on('message', (data) => {
        const m = JSON.parse(String(data));
        if (m.t === 'mounted') resolve();
        else if (m.t === 'patch') this.onPatch(m);
        else if (m.t === 'error') this.errors += 1;
      });
    });
  }

  onPatch(m) {
    if (m.v !== this.version + 1) this.outOfOrder += 1;
    this.version = m.v;
    if (!this.inflight || m.ref !== this.inflight.ref) {
      this.outOfOrder += 1;
      return;
    }
    this.latencies.push(performance.now() - this.inflight.at);
    this.inflight.resolve();
    this.inflight = null;
  }

  send() {
    return new Promise((resolve) => {
      const ref = ++this.ref;
      this.inflight = { ref, at: performance.now(), resolve };
      this.ws.send(JSON.stringify({ t: 'event', ref, name: 'bump', params: { row: ref } }));
    });
  }

  /** Sends events every INTERVAL_MS (one in flight at a time) until `until`. */
  async run(until) {
    await new Promise((r) => setTimeout(r, Math.random() * INTERVAL_MS));
    while (performance.now() < until) {
      const started = performance.now();
      const answered = this.send();
      const timeout = new Promise((r) => setTimeout(() => r('timeout'), 10_000));
      if ((await Promise.race([answered, timeout])) === 'timeout') {
        this.lost += 1;
        this.inflight = null;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, INTERVAL_MS - (performance.now() - started))));
    }
  }
}

async function inBatches(items, size, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  return out;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const before = await memory();
const pages = await inBatches(Array.from({ length: CLIENTS }), 50, () => page());
const clients = pages.map(({ cookie, token }) => new Client(cookie, token));
await inBatches(clients, 100, (c) => c.connect());
const mounted = await memory();
const perView = (mounted.memory.heapUsed - before.memory.heapUsed) / CLIENTS;
const perViewRss = (mounted.memory.rss - before.memory.rss) / CLIENTS;

const t0 = performance.now();
await Promise.all(clients.map((c) => c.run(t0 + DURATION_MS)));
const elapsed = performance.now() - t0;
const latencies = clients.flatMap((c) => c.latencies).sort((a, b) => a - b);
const lost = clients.reduce((n, c) => n + c.lost, 0);
const outOfOrder = clients.reduce((n, c) => n + c.outOfOrder, 0);
const errors = clients.reduce((n, c) => n + c.errors, 0);

// Malformed messages from 20 extra sockets, each answered with an error; then an oversized frame
// (the socket is closed) and a forged mount. Afterwards the server must still serve old and new clients.
const malformed = [
  'not json',
  '[]',
  '{}',
  'null',
  '{"t":"event"}',
  '{"t":"event","ref":1,"name":"bump","params":{"__proto__":{"x":1}}}',
  '{"t":"event","ref":1,"name":"constructor","params":{}}',
  '{"t":"mount","pv":9,"token":"x"}',
  '{"t":"event","ref":1.5,"name":"bump","params":{}}',
  `{"a":${'['.repeat(3000)}${']'.repeat(3000)}}`,
];
let malformedSent = 0;
let malformedRefused = 0;
const rawSocket = async () => {
  const { cookie } = await page();
  const ws = new WebSocket(wsUrl, { headers: { cookie, origin } });
  const replies = [];
  ws.on('message', (data) => replies.push(JSON.parse(String(data))));
  const closed = new Promise((r) => ws.on('close', (code) => r(code)));
  await new Promise((r) => ws.on('open', r));
  return { ws, replies, closed };
};
const closeCodes = await inBatches(Array.from({ length: 20 }), 20, async (_, i) => {
  const { ws, replies, closed } = await rawSocket();
  const frames = [...Array.from({ length: 5 }, () => malformed).flat(), Buffer.from([0, 1, 2])];
  for (const frame of frames) ws.send(frame, { binary: typeof frame !== 'string' });
  malformedSent += frames.length;
  while (replies.length < frames.length) await new Promise((r) => setTimeout(r, 10));
  malformedRefused += replies.filter((m) => m.t === 'error').length;
  if (i % 2 === 0) ws.send('x'.repeat(200 * 1024));
  else ws.send(JSON.stringify({ t: 'mount', pv: PROTOCOL_VERSION, token: 'forged.token' }));
  malformedSent += 1;
  return closed;
});
const fresh = new Client(...Object.values(await page()));
await fresh.connect();
await fresh.send();
const survivors = await Promise.all(
  clients.map((c) => Promise.race([c.send().then(() => 1), new Promise((r) => setTimeout(() => r(0), 10_000))])),
);
const stillServing = survivors.reduce((a, b) => a + b, 0);
const after = await memory();

const figures = {
  clients: CLIENTS,
  durationMs: Math.round(elapsed),
  events: latencies.length,
  eventsPerSecond: Math.round(latencies.length / (elapsed / 1000)),
  latencyMs: {
    p50: +percentile(latencies, 50).toFixed(2),
    p99: +percentile(latencies, 99).toFixed(2),
    max: +latencies.at(-1).toFixed(2),
  },
  memoryPerViewKiB: { heap: +(perView / 1024).toFixed(1), rss: +(perViewRss / 1024).toFixed(1) },
  lost,
  outOfOrder,
  errorReplies: errors,
  malformedSent,
  malformedRefused,
  closeCodes: [...new Set(closeCodes)].sort(),
  afterMalformed: { freshClientServed: fresh.latencies.length === 1, oldClientsServed: stillServing },
  serverStats: after.stats,
};
console.log(JSON.stringify(figures, null, 2));

for (const c of [...clients, fresh]) c.ws.close();
child.send('stop');
clearTimeout(guard);
const ok =
  lost === 0 &&
  outOfOrder === 0 &&
  errors === 0 &&
  malformedRefused === 20 * 51 &&
  fresh.latencies.length === 1 &&
  stillServing === CLIENTS;
console.log(ok ? 'load: all checks passed' : 'load: CHECKS FAILED');
process.exit(ok ? 0 : 1);
