// A private redis-server (Debian's package) on a free loopback port, for tests, the load script and the
// deploy example: nothing global is started, and it is stopped with its owner. No persistence.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect, createServer } from 'node:net';

/** Where Debian's redis-server package installs the server. */
export const REDIS_SERVER = '/usr/bin/redis-server';

/** Why redis-server cannot run here, or null when it can. */
export function redisMissing() {
  try {
    accessSync(REDIS_SERVER, constants.X_OK);
    return null;
  } catch {
    return `${REDIS_SERVER} not found (install Debian's redis-server package, as scripts/ci-services.sh does)`;
  }
}

/** A port nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether a Redis on `port` answers PING. */
function pong(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(String(data).startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts redis-server on a free port; resolves once it answers PING with `{ url, port, stop() }`.
 * Throws when it exits first or does not answer within 10 s.
 */
export async function startRedisServer() {
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  let exited = false;
  const exit = new Promise((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  for (let tries = 0; ; tries += 1) {
    if (exited) throw new Error(`redis-server exited before answering on port ${port}`);
    if (await pong(port)) break;
    if (tries > 100) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
  };
}
