#!/usr/bin/env node
// `npm run test:suite`: the Rust workspace's `cargo test`, `cargo clippy -D warnings` and `cargo fmt --check`,
// closing with the plain `N passed, N failed` line that scripts/test.mjs adds to the repository's totals.
// Clippy and rustfmt count as one test each.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(args) {
  console.log(`$ cargo ${args.join(' ')}`);
  const r = spawnSync('cargo', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}\n${r.stderr ?? ''}` };
}

let passed = 0;
let failed = 0;

const tests = run(['test', '--locked', '--workspace']);
let sawResult = false;
for (const m of tests.output.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
  passed += Number(m[1]);
  failed += Number(m[2]);
  sawResult = true;
}
// A build failure prints no result line: count it as a failure rather than as nothing.
if (tests.status !== 0 && !sawResult) failed += 1;

for (const check of [
  ['clippy', '--locked', '--workspace', '--all-targets', '--', '-D', 'warnings'],
  ['fmt', '--all', '--check'],
]) {
  if (run(check).status === 0) passed += 1;
  else failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
