#!/usr/bin/env node
// Throughput of the runtime's hot paths (built dist): `npm run microbench -w @tessera/runtime`.
// Prints one line per task; figures are for the README, not asserted anywhere.
import { Bench } from 'tinybench';
import {
  applyFilter,
  builtinFilters,
  defaultRuntimeOptions,
  lookupPath,
  markSafe,
  renderValue,
} from '../dist/index.js';

const env = { autoescape: true, options: { ...defaultRuntimeOptions, timezone: 'Europe/Paris' } };
const ctx = {
  user: { profile: { name: 'Ann <admin> & "friends"' } },
  items: Array.from({ length: 20 }, (_, i) => ({ id: i, price: i * 1.25 })),
};
const date = new Date('2024-03-05T14:07:09Z');
const html = '<p>Some <b>bold</b> text with a <a href="http://x.com">link</a> and more words here.</p>'.repeat(4);
const filter = (name) => {
  const spec = builtinFilters[name];
  if (!spec) throw new Error(name);
  return spec;
};

const bench = new Bench({ time: 300 });
bench
  .add('renderValue(string with markup)', () => renderValue(ctx.user.profile.name, true))
  .add('renderValue(SafeString)', () => renderValue(markSafe('<b>x</b>'), true))
  .add('renderValue(float)', () => renderValue(1234.5678, true))
  .add('lookupPath user.profile.name', () => lookupPath(ctx, ['user', 'profile', 'name']))
  .add('|date:"D, j M Y H:i" (Europe/Paris)', () => applyFilter(filter('date'), date, 'D, j M Y H:i', env))
  .add('|floatformat:2', () => applyFilter(filter('floatformat'), 1234.5678, '2', env))
  .add('|dictsort:"price"', () => applyFilter(filter('dictsort'), ctx.items, 'price', env))
  .add('|truncatewords_html:10 (400 chars)', () => applyFilter(filter('truncatewords_html'), html, 10, env))
  .add('|striptags (400 chars)', () => applyFilter(filter('striptags'), html, undefined, env))
  .add('|urlize (sentence)', () =>
    applyFilter(filter('urlize'), 'See www.example.com or mail a@b.co now.', undefined, env),
  );

await bench.run();
for (const task of bench.tasks) {
  const r = task.result;
  const mean = r && 'latency' in r ? r.latency.mean : undefined;
  console.log(`${task.name.padEnd(40)} ${mean === undefined ? 'n/a' : `${(mean * 1000).toFixed(2)} µs`}`);
}
