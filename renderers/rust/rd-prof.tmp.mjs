import { compile, FileSystemLoader } from '@tessera/template';
import renderer from '@tessera/renderer-rust';
import { readFileSync } from 'node:fs';
const n = process.argv[2] ?? '10000';
const prepared = renderer.prepare(compile('dashboard.html', new FileSystemLoader(['/work/main/bench/templates/dashboard/django'])));
const a = JSON.parse(readFileSync(`/work/main/datasets/fixtures/dashboard-${n}-a.json`, 'utf8'));
const b = JSON.parse(readFileSync(`/work/main/datasets/fixtures/dashboard-${n}-b.json`, 'utf8'));
const doc = renderer.mount(prepared, a);
console.log('modelled', doc.stats.modelled);
for (let i = 0; i < 20; i++) {
  let t = performance.now();
  const p = doc.update(i % 2 ? a : b);
  const total = performance.now() - t;
  t = performance.now();
  const q = doc.set({ active_count: i });
  const one = performance.now() - t;
  if (i > 15) console.log('update', total.toFixed(2), doc.stats, p.length, 'set', one.toFixed(2), q.length);
}
