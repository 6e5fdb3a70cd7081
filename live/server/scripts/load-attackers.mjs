// The hostile half of `load.mjs HOSTILE=n`, in its own process: n clients, each looping one of the
// attacks SECURITY.md lists until the phase ends, against the load server at the URL the parent sends.
// Reports how often each attack was made and how the server answered (status codes, close codes).
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { PROTOCOL_VERSION } from '@tessera/live-protocol';
import { WebSocket } from 'ws';
import { fetchPage, openSocket, sleep } from './load-client.mjs';

const { url, hostile, durationMs } = await new Promise((resolve) => process.once('message', resolve));
const origin = url;
const wsUrl = `${url.replace('http', 'ws')}/_live/ws`;

const page = (id) => fetchPage(url, id);

const attackCounts = {};
const count = (key, n = 1) => {
  attackCounts[key] = (attackCounts[key] ?? 0) + n;
};
const hostileSocket = (cookie) => openSocket(wsUrl, cookie, origin);
const closedCode = async (socket, key) => count(`${key}.closed.${await socket.closed}`);
const rawRequest = (text) =>
  new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    let status = '';
    socket.on('data', (chunk) => {
      status ||= chunk.toString('latin1').split('\r\n')[0];
      socket.destroy();
    });
    socket.on('close', () => resolve(status));
    socket.on('error', () => resolve(status));
    socket.write(text);
  });
const mountedHostile = async (id) => {
  const { cookie, token } = await page(id);
  const socket = await hostileSocket(cookie);
  socket?.ws.send(JSON.stringify({ t: 'mount', pv: PROTOCOL_VERSION, token, resume: 0 }));
  return socket;
};

const ATTACKS = {
  /** Events at 18/s with 26 KiB params at a 300 ms handler: a backlog without limit, before. */
  async backlog(id, until) {
    const pad = 'x'.repeat(26 * 1024);
    while (performance.now() < until) {
      const socket = await mountedHostile(id);
      if (!socket) continue;
      let ref = 0;
      while (socket.ws.readyState === WebSocket.OPEN && performance.now() < until) {
        socket.ws.send(JSON.stringify({ t: 'event', ref: ++ref, name: 'slow', params: { pad } }));
        count('backlog.events');
        await sleep(55);
      }
      socket.ws.terminate();
      await closedCode(socket, 'backlog');
    }
  },
  /** Stops reading and keeps asking for the whole page, plus 1-byte invalid frames. */
  async nonReader(id, until) {
    while (performance.now() < until) {
      const socket = await mountedHostile(id);
      if (!socket) continue;
      socket.ws.pause();
      while (socket.ws.readyState === WebSocket.OPEN && performance.now() < until) {
        socket.ws.send('{"t":"sync"}');
        socket.ws.send('x');
        count('nonReader.frames', 2);
        await sleep(20);
      }
      socket.ws.terminate();
      await closedCode(socket, 'nonReader');
    }
  },
  /** Malformed frames only. */
  async garbage(id, until) {
    while (performance.now() < until) {
      const socket = await hostileSocket((await page(id)).cookie);
      if (!socket) continue;
      while (socket.ws.readyState === WebSocket.OPEN && performance.now() < until) {
        socket.ws.send(
          Math.random() < 0.5 ? 'not json' : '{"t":"event","ref":1,"name":"bump","params":{"__proto__":1}}',
        );
        count('garbage.frames');
        await sleep(20);
      }
      socket.ws.terminate();
      await closedCode(socket, 'garbage');
    }
  },
  /** Plain GETs as fast as they are answered: each mounts a view. */
  async getFlood(id, until) {
    while (performance.now() < until) {
      const response = await fetch(url, { headers: { 'x-load-client': id } });
      await response.arrayBuffer();
      count(`getFlood.${response.status}`);
    }
  },
  /** Request targets WHATWG URL parsing refuses, on a GET and on the upgrade. */
  async badUrl(_id, until) {
    while (performance.now() < until) {
      for (const target of ['//%/', 'http://%/', 'http://[/']) {
        count(
          `badUrl.${(await rawRequest(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)).slice(9, 12)}`,
        );
        const upgrade = `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${origin}\r\n\r\n`;
        count(`badUrl.upgrade.${(await rawRequest(upgrade)).slice(9, 12)}`);
      }
      await sleep(50);
    }
  },
  /** Mounts and closes the socket at once, while the mount resolves. */
  async mountAndClose(id, until) {
    while (performance.now() < until) {
      const socket = await mountedHostile(id);
      socket?.ws.terminate();
      count('mountAndClose.sockets');
      await sleep(50);
    }
  },
  /** Pages and sockets with session ids the server never issued. */
  async madeUpSession(id, until) {
    while (performance.now() < until) {
      const made = `tessera_sid=${Math.random().toString(36).slice(2)}`;
      const response = await fetch(url, { headers: { 'x-load-client': id, cookie: made } });
      const token = /data-live-token="([^"]+)"/.exec(await response.text())?.[1];
      count(`madeUpSession.${response.status}`);
      if (!token) continue;
      const socket = await hostileSocket(made);
      if (!socket) continue;
      socket.ws.send(JSON.stringify({ t: 'mount', pv: PROTOCOL_VERSION, token }));
      await closedCode(socket, 'madeUpSession');
    }
  },
};

const until = performance.now() + durationMs;
// ATTACKS=backlog,garbage runs only those (to see what each one costs).
const names = process.env.ATTACKS?.split(',') ?? Object.keys(ATTACKS);
await Promise.all(
  Array.from({ length: hostile }, (_, i) =>
    ATTACKS[names[i % names.length]](`hostile-${i}`, until).catch((err) => count(`error.${err.code ?? err.name}`)),
  ),
);
const { user, system } = process.cpuUsage();
process.send({ ...attackCounts, attackersCpuMs: Math.round((user + system) / 1000) });
process.exit(0);
