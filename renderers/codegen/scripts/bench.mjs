#!/usr/bin/env node
// Render-time benchmark of the codegen renderer on djust's dashboard template (tools/bench/templates/dashboard)
// at 100, 1,000 and 10,000 items, beside the JS engines people compile templates with (Nunjucks, Eta,
// Handlebars) on their equivalent templates. Every engine's output is checked against codegen's (after
// whitespace normalization for the peers, whose template languages lay out whitespace differently)
// before anything is timed. The official comparison, with Django and Jinja2, is `npm run bench`.
//
//   node renderers/codegen/scripts/bench.mjs [--time <ms per task>]
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import nunjucks from 'nunjucks';
import { Eta } from 'eta';
import Handlebars from 'handlebars';
import { compile } from '@tessera/template';
import { FileSystemLoader } from '@tessera/template/node';
import { dashboardContext } from '@tessera/datasets';
import codegen from '@tessera/renderer-codegen';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../tools/bench/templates/dashboard');
const timeArg = process.argv.indexOf('--time');
const time = timeArg > 0 ? Number(process.argv[timeArg + 1]) : 1000;
const squash = (s) => s.replace(/\s+/g, ' ').trim();

const prepared = codegen.prepare(compile('dashboard.html', new FileSystemLoader(join(root, 'django'))));
const nj = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(root, 'nunjucks')), { autoescape: true });
const njTemplate = nj.getTemplate('dashboard.html', true);
const eta = new Eta({ views: join(root, 'eta'), cache: true, autoEscape: true });
const hbs = Handlebars.create();
hbs.registerPartial('base', readFileSync(join(root, 'handlebars/base.hbs'), 'utf8'));
const hbsTemplate = hbs.compile(readFileSync(join(root, 'handlebars/dashboard.hbs'), 'utf8'));

const engines = {
  codegen: (ctx) => codegen.render(prepared, ctx),
  nunjucks: (ctx) => njTemplate.render(ctx),
  eta: (ctx) => eta.render('./dashboard', ctx),
  handlebars: (ctx) => hbsTemplate(ctx),
};

console.log(
  `# dashboard render, ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log('| items | engine | mean ms | p50 ms | p99 ms | samples | vs codegen |');
console.log('|---:|---|---:|---:|---:|---:|---:|');
for (const size of [100, 1_000, 10_000]) {
  const ctx = dashboardContext(size);
  const reference = engines.codegen(ctx);
  for (const [name, fn] of Object.entries(engines)) {
    if (squash(fn(ctx)) !== squash(reference)) throw new Error(`${name} output differs from codegen at ${size} items`);
  }
  const bench = new Bench({ time, warmup: true, retainSamples: true });
  for (const [name, fn] of Object.entries(engines)) bench.add(name, () => fn(ctx));
  await bench.run();
  const base = bench.tasks.find((t) => t.name === 'codegen')?.result.latency.mean ?? NaN;
  for (const task of bench.tasks) {
    const l = task.result.latency;
    console.log(
      `| ${size} | ${task.name} | ${l.mean.toFixed(4)} | ${l.p50.toFixed(4)} | ${l.p99.toFixed(4)} | ${l.samplesCount ?? l.samples?.length} | ${(l.mean / base).toFixed(1)}x |`,
    );
  }
}
