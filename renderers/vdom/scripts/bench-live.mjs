// Mount, full update and one-scalar update timings of the vdom renderer at 100, 1,000 and 10,000
// items, with patch bytes. Run after a build: `node scripts/bench-live.mjs` (prints a Markdown table).
import { compile, MemoryLoader } from '@tessera/template';
import { Bench } from 'tinybench';
import renderer from '../dist/index.js';

const base = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{% block title %}{% endblock %}</title>
</head>
<body>
  <header><h1>{{ title }}</h1><span class="count">{{ count }}</span></header>
  <main>
  {% block content %}{% endblock %}
  </main>
</body>
</html>
`;
const page = `{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}{% block content %}<ul class="items">
{% for item in items %}  <li data-key="{{ item.id }}" class="{% if item.done %}done{% endif %}">{{ item.name }} <em>{{ item.price|floatformat:2 }}</em></li>
{% endfor %}</ul>{% endblock %}`;
const prepared = renderer.prepare(compile('page.html', new MemoryLoader({ 'base.html': base, 'page.html': page })));
if (prepared.fallbacks.length > 0) throw new Error(`unexpected fallback: ${JSON.stringify(prepared.fallbacks)}`);

const itemsOf = (n, salt) =>
  Array.from({ length: n }, (_, i) => ({
    id: i,
    name: `item ${i} ${salt}`,
    done: (i + salt.length) % 3 === 0,
    price: i * 1.25 + salt.length,
  }));

const rows = [];
for (const n of [100, 1_000, 10_000]) {
  const a = { title: 'List', count: n, items: itemsOf(n, 'a') };
  const b = { title: 'List', count: n, items: itemsOf(n, 'bb') };
  const scalar = { ...a, count: n + 1 };
  const bytes = (patches) => JSON.stringify(patches).length;
  const full = renderer.mount(prepared, a).update(b);
  const one = renderer.mount(prepared, a).update(scalar);
  const bench = new Bench({ time: 300, warmupTime: 100 });
  let docA = renderer.mount(prepared, a);
  let flip = false;
  bench
    .add(`mount ${n}`, () => {
      renderer.mount(prepared, a);
    })
    .add(`full update ${n}`, () => {
      flip = !flip;
      docA.update(flip ? b : a);
    })
    .add(`one-scalar update ${n}`, () => {
      flip = !flip;
      docA.update(flip ? scalar : a);
    });
  await bench.run();
  for (const task of bench.tasks) {
    const r = task.result;
    const kind = task.name.replace(` ${n}`, '');
    const patchBytes = kind === 'full update' ? bytes(full) : kind === 'one-scalar update' ? bytes(one) : '';
    rows.push(
      `| ${kind} | ${n.toLocaleString('en-US')} | ${r.latency.p50.toFixed(3)} | ${r.latency.mean.toFixed(3)} | ${r.latency.samplesCount} | ${patchBytes} |`,
    );
  }
  docA = null;
}
console.log(`Node ${process.version}, ${(await import('node:os')).cpus()[0]?.model ?? 'unknown CPU'}`);
console.log('| scenario | items | p50 ms | mean ms | samples | patch bytes |\n|---|---:|---:|---:|---:|---:|');
console.log(rows.join('\n'));
