#!/usr/bin/env node
// `npm run bench:boundary -w @tessera/renderer-rust`: what crossing into the addon costs, for the
// dashboard fixture at 1,000 and 10,000 items. Rows: the JS-side encoding alone (whole, projected, projected
// with column blocks), each way of sending the context (JSON string, JSON in a Buffer, the object read
// through N-API, the projection as JSON, the projection with its loops as columns), the full render, and
// `set()` on a document whose context already lives in Rust (boundary reduced to a tiny JSON and the result
// string). Prints a markdown table (µs, tinybench medians). The contexts are `@tessera/datasets`' dashboard
// fixtures, the data `npm run bench` writes to tools/datasets/fixtures/.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dashboardContext } from '@tessera/datasets';
import { compile, MemoryLoader } from '@tessera/template';
import { Bench } from 'tinybench';
import renderer, { encodeContext, encodeSent } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const templatesDir = join(repo, 'tools', 'bench', 'templates', 'dashboard', 'django');
const templates = {
  'base.html': readFileSync(join(templatesDir, 'base.html'), 'utf8'),
  'dashboard.html': readFileSync(join(templatesDir, 'dashboard.html'), 'utf8'),
};
const prepared = renderer.prepare(compile('dashboard.html', new MemoryLoader(templates)));
const { program } = prepared;

const rows = [];
for (const size of [1000, 10000]) {
  const ctx = dashboardContext(size);
  const json = encodeContext(ctx, prepared.options);
  const buffer = Buffer.from(json);
  const projected = encodeContext(ctx, prepared.options, undefined, undefined, prepared.shape);
  const sent = encodeSent(prepared, ctx);
  const doc = renderer.mount(prepared, ctx);
  let flip = 0;
  // Every timed call reads one character of its result, so V8 cannot leave a lazy string unread.
  let sink = 0;
  const bench = new Bench({ time: 400, warmupTime: 100 });
  bench
    .add('JSON.stringify (no checks)', () => {
      sink += JSON.stringify(ctx).length;
    })
    .add('encodeContext (checked JSON)', () => {
      sink += encodeContext(ctx, prepared.options).length;
    })
    .add('encodeContext projected (JSON)', () => {
      sink += encodeContext(ctx, prepared.options, undefined, undefined, prepared.shape).length;
    })
    .add('encodeSent (projected, loops as columns)', () => {
      sink += encodeSent(prepared, ctx).json.length;
    })
    .add('renderJson(pre-encoded string)', () => {
      sink += program.renderJson(json, undefined, undefined).charCodeAt(0);
    })
    .add('renderJson(projected JSON)', () => {
      sink += program.renderJson(projected, undefined, undefined).charCodeAt(0);
    })
    .add('renderJson(projected JSON + columns)', () => {
      sink += program.renderJson(sent.json, sent.columns, undefined).charCodeAt(0);
    })
    .add('renderBuffer(pre-encoded Buffer)', () => {
      sink += program.renderBuffer(buffer).charCodeAt(0);
    })
    .add('renderObject(ctx) via N-API', () => {
      sink += program.renderObject(ctx).charCodeAt(0);
    })
    .add('render(ctx) = encodeContext + renderJson', () => {
      sink += renderer.render(prepared, ctx).charCodeAt(0);
    })
    .add('doc.set({active_count}) (state in Rust)', () => {
      flip ^= 1;
      sink += doc.set({ active_count: flip }).length;
    });
  await bench.run();
  for (const task of bench.tasks) {
    const r = task.result;
    rows.push(`| ${size} | ${task.name} | ${(r.latency.p50 * 1000).toFixed(1)} | ${r.latency.samplesCount ?? ''} |`);
  }
  if (sink === 42) console.log('');
}
console.log(`| items | call | p50 µs | samples |\n|---|---|---|---|\n${rows.join('\n')}`);
