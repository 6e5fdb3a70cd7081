#!/usr/bin/env node
// `npm run test:suite`: the Rust workspace's `cargo test`, `cargo clippy -D warnings` and `cargo fmt --check`,
// and the check that `crates/dtl/src/value/casemap.rs` is what `scripts/casemap.py` generates, closing with
// the plain `N passed, N failed, N skipped` line that scripts/test.mjs adds to the repository's totals.
// Clippy, rustfmt and the casemap check count as one test each.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// scripts/casemap.py's exit status when this Python's Unicode version is not the table's.
const SKIPPED = 77;

function run(cmd, args) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  // stdin closed: cargo probes the compiler with `rustc -`, which reads a program from stdin (a pipe left
  // open, or one holding text, made that probe fail and cargo cached the failure in target/).
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  return { status: r.status ?? 1, error: r.error, output: `${r.stdout ?? ''}\n${r.stderr ?? ''}` };
}

/** Names a failed cargo command on a line of its own, with the one machine fault known to cause it. */
function report(name, status) {
  console.log(`${name}: failed (exit ${status})`);
  // cargo probes the compiler with `rustc -` and stdin opened on /dev/null. Where /dev/null is a regular
  // file (a container that lost its device node), it holds whatever other processes sent there, the probe
  // compiles that text and fails: `failed to run rustc to learn about target-specific information`.
  if (!statSync('/dev/null', { throwIfNoEntry: false })?.isCharacterDevice()) {
    console.log(
      `${name}: /dev/null is not the null device on this machine; as root: rm /dev/null && mknod -m 666 /dev/null c 1 3`,
    );
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;

const tests = run('cargo', ['test', '--locked', '--workspace']);
let sawResult = false;
for (const m of tests.output.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
  passed += Number(m[1]);
  failed += Number(m[2]);
  sawResult = true;
}
// A build failure prints no result line: count it as a failure rather than as nothing.
if (tests.status !== 0 && !sawResult) failed += 1;
if (tests.status !== 0) report('test', tests.status);

for (const check of [
  ['clippy', '--locked', '--workspace', '--all-targets', '--', '-D', 'warnings'],
  ['fmt', '--all', '--check'],
]) {
  const { status } = run('cargo', check);
  if (status === 0) passed += 1;
  else {
    failed += 1;
    report(check[0], status);
  }
}

// The case mapping table is generated from Python's own `str` methods: regenerate it and compare.
const casemap = run('python3', ['scripts/casemap.py', '--check']);
if (casemap.error?.code === 'ENOENT') {
  // Without Python the table cannot be checked; CI must have it.
  console.log(`casemap: ${process.env.CI === 'true' ? 'failed' : 'skipped'}: python3 is not installed`);
  if (process.env.CI === 'true') failed += 1;
  else skipped += 1;
} else if (casemap.status === 0) passed += 1;
else if (casemap.status === SKIPPED) skipped += 1;
else failed += 1;

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
