// `npm run load -w @tessera/live`: a bounded load test on loopback. CLIENTS well-behaved clients (default
// 1,000) mount a view and send one event per INTERVAL_MS for DURATION_MS; the script reports p50/p99
// event-to-patch latency, memory per connected view, lost and out-of-order patches. With HOSTILE=n it
// runs that phase twice, the second time beside n hostile clients playing the attacks of SECURITY.md,
// and compares the well-behaved clients' p99 within the run. Then it sends a run of malformed frames
// and checks that the server still serves old and new clients. Exits non-zero when a check fails.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from '@tessera/live-protocol';
import { WebSocket } from 'ws';
import { fetchPage, openSocket, sleep } from './load-client.mjs';

// PROCESSES > 1: the multi-process mode (several servers on a private Redis, with broadcasts), which is
// scripts/load-cluster.mjs and exits when done.
if (Number(process.env.PROCESSES ?? 1) > 1) await import('./load-cluster.mjs');

const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const HOSTILE = Number(process.env.HOSTILE ?? 0);
const DURATION_MS = Number(process.env.DURATION_MS ?? 10_000);
const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 1000);
/** Largest accepted ratio of the well-behaved p99 with attackers to the p99 without. */
const MAX_P99_RATIO = 2;
const DEADLINE_MS = (HOSTILE > 0 ? 2 : 1) * DURATION_MS + 180_000;

const child = fork(fileURLToPath(new URL('./load-server.mjs', import.meta.url)), [], {
  execArgv: ['--expose-gc'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
let serverExited = false;
child.once('exit', () => {
  serverExited = true;
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

const page = (id, headers = {}) => fetchPage(url, id, headers);

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
    await sleep(Math.random() * INTERVAL_MS);
    while (performance.now() < until) {
      const started = performance.now();
      const answered = this.send();
      const timeout = new Promise((r) => setTimeout(() => r('timeout'), 10_000));
      if ((await Promise.race([answered, timeout])) === 'timeout') {
        this.lost += 1;
        this.inflight = null;
      }
      await sleep(Math.max(0, INTERVAL_MS - (performance.now() - started)));
    }
  }

  /** The figures gathered since the last call, and a fresh start. */
  take() {
    const out = { latencies: this.latencies, lost: this.lost, outOfOrder: this.outOfOrder, errors: this.errors };
    this.latencies = [];
    this.lost = this.outOfOrder = this.errors = 0;
    return out;
  }
}

async function inBatches(items, size, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  return out;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs every client for DURATION_MS and sums up what they saw. */
async function phase(clients) {
  const t0 = performance.now();
  await Promise.all(clients.map((c) => c.run(t0 + DURATION_MS)));
  const elapsed = performance.now() - t0;
  const taken = clients.map((c) => c.take());
  const latencies = taken.flatMap((t) => t.latencies).sort((a, b) => a - b);
  const sum = (key) => taken.reduce((n, t) => n + t[key], 0);
  return {
    durationMs: Math.round(elapsed),
    events: latencies.length,
    eventsPerSecond: Math.round(latencies.length / (elapsed / 1000)),
    latencyMs: {
      p50: +percentile(latencies, 50).toFixed(2),
      p99: +percentile(latencies, 99).toFixed(2),
      max: +(latencies.at(-1) ?? 0).toFixed(2),
    },
    lost: sum('lost'),
    outOfOrder: sum('outOfOrder'),
    errorReplies: sum('errors'),
  };
}

const before = await memory();
const pages = await inBatches(Array.from({ length: CLIENTS }), 50, (_, i) => page(`client-${i}`));
const clients = pages.map(({ cookie, token }) => new Client(cookie, token));
await inBatches(clients, 100, (c) => c.connect());
const mounted = await memory();
const perView = (mounted.memory.heapUsed - before.memory.heapUsed) / CLIENTS;
const perViewRss = (mounted.memory.rss - before.memory.rss) / CLIENTS;

// The attackers run in their own process, so their work does not slow the clients that measure; it
// starts before the first phase, so both phases share the machine with it.
const attackers =
  HOSTILE > 0
    ? fork(fileURLToPath(new URL('./load-attackers.mjs', import.meta.url)), [], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
    : null;
const cpuBefore = (await memory()).cpuMs;
const quiet = await phase(clients);
const cpuQuiet = (await memory()).cpuMs;
quiet.serverCpuMs = Math.round(cpuQuiet - cpuBefore);
let underAttack = null;
let attackCounts = null;
if (attackers) {
  const attacked = new Promise((resolve) => attackers.once('message', resolve));
  attackers.send({ url, hostile: HOSTILE, durationMs: DURATION_MS });
  underAttack = await phase(clients);
  attackCounts = await attacked;
  underAttack.serverCpuMs = Math.round((await memory()).cpuMs - cpuQuiet);
}

// Malformed frames from 20 extra sockets, then an oversized frame or a forged mount. Each socket gets
// an error per frame until its error budget or its run of malformed frames closes it.
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
const hostileSocket = (cookie) => openSocket(wsUrl, cookie, origin);
const closeCodes = await inBatches(Array.from({ length: 20 }), 20, async (_, i) => {
  const socket = await hostileSocket((await page(`malformed-${i}`)).cookie);
  const replies = [];
  socket.ws.on('message', (data) => replies.push(JSON.parse(String(data))));
  const frames = [...Array.from({ length: 5 }, () => malformed).flat(), Buffer.from([0, 1, 2])];
  for (const frame of frames) socket.ws.send(frame, { binary: typeof frame !== 'string' });
  malformedSent += frames.length;
  if (i % 2 === 0) socket.ws.send('x'.repeat(200 * 1024));
  else socket.ws.send(JSON.stringify({ t: 'mount', pv: PROTOCOL_VERSION, token: 'forged.token' }));
  malformedSent += 1;
  const code = await Promise.race([socket.closed, sleep(10_000).then(() => 'open')]);
  malformedRefused += replies.filter((m) => m.t === 'error').length;
  return code;
});
const fresh = new Client(...Object.values(await page('fresh')));
await fresh.connect();
await fresh.send();
const survivors = await Promise.all(
  clients.map((c) => Promise.race([c.send().then(() => 1), sleep(10_000).then(() => 0)])),
);
const stillServing = survivors.reduce((a, b) => a + b, 0);
const after = await memory();

const p99Ratio = underAttack ? +(underAttack.latencyMs.p99 / quiet.latencyMs.p99).toFixed(2) : null;
const figures = {
  clients: CLIENTS,
  hostileClients: HOSTILE,
  memoryPerViewKiB: { heap: +(perView / 1024).toFixed(1), rss: +(perViewRss / 1024).toFixed(1) },
  withoutAttackers: quiet,
  ...(underAttack ? { withAttackers: underAttack, p99Ratio, attacks: attackCounts } : {}),
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
const clean = (p) => p.lost === 0 && p.outOfOrder === 0 && p.errorReplies === 0;
const ok =
  !serverExited &&
  clean(quiet) &&
  (underAttack === null || (clean(underAttack) && p99Ratio <= MAX_P99_RATIO)) &&
  malformedRefused > 0 &&
  closeCodes.every((code) => code !== 'open') &&
  fresh.latencies.length === 1 &&
  stillServing === CLIENTS;
console.log(ok ? 'load: all checks passed' : 'load: CHECKS FAILED');
process.exit(ok ? 0 : 1);
