// A live server in its own process, for tests that must see whether an attack ends the process or
// grows its memory. Options (JSON) come as the first argument; talks to the test over IPC:
// 'memory' (after GC: heap, RSS, buffers, the peak RSS seen, server stats), { failMounts }, 'stop'.
import { MemoryLoader } from '@tessera/template';
import { LiveView, createLiveServer, declareView } from '../dist/index.js';

const options = JSON.parse(process.argv[2] ?? '{}');
const { rows = 20, ...serverOptions } = options;
let failMounts = false;

class Lab extends LiveView {
  static template = 'lab.html';
  count = 0;
  rows = Array.from({ length: rows }, (_, i) => ({ id: i, label: `row ${i} ${'x'.repeat(60)}` }));

  inc() {
    this.count += 1;
  }

  async slow(params) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Number(params.ms) || 0)));
    this.count += 1;
  }

  search() {}
}
declareView(Lab, { events: { inc: {}, slow: {}, search: { debounce: 500 } } });

class Flaky extends LiveView {
  static template = 'flaky.html';
  n = 1;

  mount() {
    // A database that is down: mount() throws.
    if (failMounts) throw new Error('database unavailable');
  }

  inc() {
    this.n += 1;
  }
}
declareView(Flaky, { events: { inc: {} } });

const server = await createLiveServer({
  views: { '/': Lab, '/flaky': Flaky },
  loader: new MemoryLoader({
    'lab.html': '<p id="count">{{ count }}</p><ul>{% for r in rows %}<li>{{ r.label }}</li>{% endfor %}</ul>',
    'flaky.html': '<p id="n">{{ n }}</p>',
  }),
  secret: 'child-server-secret-child-server-secret',
  onError: () => {},
  ...serverOptions,
});
const url = await server.listen(0, '127.0.0.1');

let peakRss = 0;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20).unref();

process.on('message', (message) => {
  if (message === 'memory') {
    globalThis.gc?.();
    globalThis.gc?.();
    const { heapUsed, rss, arrayBuffers, external } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    process.send({ memory: { heapUsed, rss, arrayBuffers, external, peakRss }, stats: server.stats() });
  } else if (message === 'stop') {
    server.close().then(() => process.exit(0));
  } else if (typeof message === 'object' && message !== null && 'failMounts' in message) {
    failMounts = Boolean(message.failMounts);
    process.send({ failMounts });
  }
});
process.send({ url });
