// The multi-process example (docs/deploy.md): a redis-server (unless REDIS_URL is given), NODES processes
// of cluster-node.mjs (default 3) on fixed ports, and the proxy in front of them on PORT (default 3000;
// BALANCE=round-robin, session or first, see proxy.mjs).
// A process that exits is started again (as a service manager would); SIGHUP restarts every process, one
// at a time (a rolling restart); Ctrl-C stops everything. The Cluster class is what the tests drive; run
// with an IPC channel (forked), it reports `{ url, nodes }` and takes `{ kill: i, signal }` messages.
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startProxy } from './proxy.mjs';
import { freePort, startRedisServer } from './redis-server.mjs';

const NODE_SCRIPT = fileURLToPath(new URL('./cluster-node.mjs', import.meta.url));

/** Processes of cluster-node.mjs (or `script`) on fixed ports, sharing one Redis. */
export class Cluster {
  #children = [];
  #ports = [];
  #env;
  #script;

  constructor(redisUrl, env = {}, script = NODE_SCRIPT) {
    this.#env = { ...process.env, ...env, REDIS_URL: redisUrl };
    this.#script = script;
  }

  /** Starts `count` processes; resolves once each listens. */
  static async start(redisUrl, count, env = {}, script = NODE_SCRIPT) {
    const cluster = new Cluster(redisUrl, env, script);
    for (let i = 0; i < count; i += 1) cluster.#ports.push(await freePort());
    await Promise.all(cluster.#ports.map((_, i) => cluster.startNode(i)));
    return cluster;
  }

  /** The base URL of each process. */
  get urls() {
    return this.#ports.map((port) => `http://127.0.0.1:${port}`);
  }

  /** Starts process `i` on its port; resolves once it listens. */
  startNode(i) {
    const child = fork(this.#script, [], {
      env: { ...this.#env, PORT: String(this.#ports[i]) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--expose-gc'],
    });
    this.#children[i] = child;
    child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve());
      child.exited.then((how) => reject(new Error(`process ${i} exited (${how}) before listening`)));
    });
  }

  /** Sends `message` to process `i` over IPC and resolves with its reply. */
  ask(i, message) {
    const child = this.#children[i];
    return new Promise((resolve) => {
      child.once('message', resolve);
      child.send(message);
    });
  }

  /** Sends `signal` to process `i` and resolves once it exited. */
  async stopNode(i, signal = 'SIGTERM') {
    const child = this.#children[i];
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await child.exited;
  }

  /** Whether process `i` runs. */
  running(i) {
    const child = this.#children[i];
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** Restarts every process, one at a time: SIGTERM, wait for its exit, start it again, wait until it listens. */
  async rollingRestart(onEach = async () => {}) {
    for (let i = 0; i < this.#ports.length; i += 1) {
      await this.stopNode(i, 'SIGTERM');
      await this.startNode(i);
      await onEach(i);
    }
  }

  /** Stops every process. */
  async stop(signal = 'SIGTERM') {
    await Promise.all(this.#ports.map((_, i) => this.stopNode(i, signal)));
  }
}

async function main() {
  const nodes = Number(process.env.NODES ?? 3);
  const redis = process.env.REDIS_URL ? null : await startRedisServer();
  const redisUrl = process.env.REDIS_URL ?? redis.url;
  const cluster = await Cluster.start(redisUrl, nodes);
  const proxy = await startProxy({
    backends: cluster.urls,
    balance: process.env.BALANCE ?? 'round-robin',
    port: Number(process.env.PORT ?? 3000),
  });
  let stopping = false;
  let restarting = false;
  // A process that died is started again, as a service manager would (not during a rolling restart).
  const keeper = setInterval(() => {
    for (let i = 0; i < nodes; i += 1) {
      if (stopping || restarting || cluster.running(i)) continue;
      console.log(`process ${i} exited; starting it again`);
      cluster.startNode(i).catch((err) => console.error(err.message));
    }
  }, 500);
  const stop = async () => {
    stopping = true;
    clearInterval(keeper);
    await proxy.close();
    await cluster.stop();
    await redis?.stop();
    process.exit(0);
  };
  if (process.send) {
    process.on('message', async (message) => {
      if (message.kill === undefined) return;
      await cluster.stopNode(message.kill, message.signal ?? 'SIGTERM');
      process.send({ killed: message.kill });
    });
    process.once('disconnect', stop);
    process.send({ url: proxy.url, nodes: cluster.urls });
  }
  console.log(`${nodes} processes (${cluster.urls.join(', ')}), Redis at ${redisUrl}`);
  console.log(`open ${proxy.url}/  (kill -HUP ${process.pid}: rolling restart; Ctrl-C: stop)`);
  process.on('SIGHUP', async () => {
    if (restarting) return;
    restarting = true;
    console.log('rolling restart...');
    await cluster.rollingRestart(async (i) => console.log(`process ${i} restarted`));
    restarting = false;
    console.log('rolling restart done');
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
