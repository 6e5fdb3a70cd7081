// The server half of the load test (see load.mjs): a live view rendered by the vdom renderer, in its
// own process so the clients' work does not count as server time. Talks to its parent over IPC.
import { MemoryLoader } from '@tessera/template';
import { LiveView, createLiveServer, declareView } from '../dist/index.js';

class Ticker extends LiveView {
  static template = 'ticker.html';
  count = 0;
  rows = Array.from({ length: 20 }, (_, i) => ({ id: i, label: `row ${i}`, value: 0 }));

  bump(params) {
    this.count += 1;
    const row = this.rows[Number(params.row) % this.rows.length];
    row.value += 1;
  }

  /** A handler with a slow write, like the demo's `like`: what a backlog attack aims at. */
  async slow() {
    await new Promise((resolve) => setTimeout(resolve, 300));
    this.count += 1;
  }
}
declareView(Ticker, { events: { bump: {}, slow: {} } });

const templates = {
  'ticker.html':
    '<h1>Count: {{ count }}</h1><table>{% for r in rows %}<tr data-key="{{ r.id }}"><td>{{ r.label }}</td>' +
    '<td>{{ r.value }}</td></tr>{% endfor %}</table><button data-live-click="bump">bump</button>',
};

const server = await createLiveServer({
  views: { '/': Ticker },
  loader: new MemoryLoader(templates),
  secret: 'load-test-secret-load-test-secret-0123',
  rate: { perSecond: 100, burst: 200 },
  graceMs: 60_000,
  // Every simulated client connects from 127.0.0.1: the script names each one in a header, as a
  // reverse proxy would forward the real address, so the page rate limit applies per client.
  clientAddress: (request) => String(request.headers['x-load-client'] ?? request.socket.remoteAddress),
  onError: () => {},
});
const url = await server.listen(0, '127.0.0.1');

process.on('message', (message) => {
  if (message === 'memory') {
    globalThis.gc?.();
    globalThis.gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    const { user, system } = process.cpuUsage();
    process.send({ memory: { heapUsed, rss }, cpuMs: (user + system) / 1000, stats: server.stats() });
  } else if (message === 'stop') {
    server.close().then(() => process.exit(0));
  }
});
process.send({ url });
