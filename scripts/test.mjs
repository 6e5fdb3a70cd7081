#!/usr/bin/env node
// `npm test`: build every package, run every suite, and end with one plain line
// `N passed, N failed, N skipped` that CI reads (it does not read vitest's own summary), preceded by the
// name of everything that failed, so the tail of a long log says what to look at.
// Suites that are not vitest (cargo test, the conformance matrix) report through the same line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const totals = { passed: 0, failed: 0, skipped: 0 };
/** What failed, by name, for the closing lines. */
const failures = [];

/** The workspace folders of the root package.json (`dir/*` globs and plain folders). */
function workspaceDirs() {
  const { workspaces } = JSON.parse(readFileSync('package.json', 'utf8'));
  return workspaces
    .flatMap((entry) =>
      entry.endsWith('/*') ? readdirSync(entry.slice(0, -2)).map((d) => join(entry.slice(0, -2), d)) : [entry],
    )
    .filter((dir) => existsSync(join(dir, 'package.json')));
}

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;
}

// Formatting and lint (biome, over every TS, JS and JSON file): one failure each when they find anything.
for (const [what, args] of [['format and lint', ['biome', 'check', '.']]]) {
  if (run('npx', args) !== 0) {
    totals.failed += 1;
    failures.push(what);
    console.log(`${what} failed`);
  } else totals.passed += 1;
}

const build = run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
if (build !== 0) {
  totals.failed += 1;
  failures.push('build');
  console.log('build failed');
}

if (build === 0) {
  // Suites that are not vitest print a `N passed, N failed[, N skipped]` line that we add to the totals:
  // the type check of every package with its tests, and any workspace script named `test:suite` (cargo
  // test, the conformance matrix).
  const suites = [['typecheck', 'node', ['scripts/typecheck.mjs']]];
  for (const dir of workspaceDirs()) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (pkg.scripts?.['test:suite']) suites.push([pkg.name, 'npm', ['run', 'test:suite', '-w', pkg.name]]);
  }
  for (const [name, cmd, args] of suites) {
    console.log(`\n$ ${cmd} ${args.join(' ')}   (${name})`);
    const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    const lines = (r.stdout ?? '').trim().split('\n').reverse();
    const summary = lines
      .map((l) => /^(?:[\w@/-]+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(l.trim()))
      .find(Boolean);
    if (summary) {
      totals.passed += Number(summary[1]);
      totals.failed += Number(summary[2]);
      totals.skipped += Number(summary[3] ?? 0);
    }
    if (r.status !== 0 && !(summary && Number(summary[2]) > 0)) totals.failed += 1;
    // The suite's own lines that name a failed check (`name: failed…`, `FAIL …`) say which one it was.
    if (r.status !== 0) {
      const named = (r.stdout ?? '').split('\n').filter((l) => /^(?:\S+: failed\b|FAIL\b)/.test(l.trim()));
      failures.push(named.length > 0 ? `${name}: ${named.map((l) => l.trim()).join('; ')}` : name);
    }
  }

  const out = join(mkdtempSync(join(tmpdir(), 'tessera-test-')), 'vitest.json');
  const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
    totals.skipped += report.numPendingTests + report.numTodoTests;
    for (const file of report.testResults) {
      const failedTests = file.assertionResults.filter((t) => t.status === 'failed');
      for (const t of failedTests) failures.push(`vitest: ${relative('.', file.name)}: ${t.fullName}`);
      if (file.status === 'failed' && failedTests.length === 0)
        failures.push(`vitest: ${relative('.', file.name)}: ${file.message}`);
    }
  } else if (status !== 0) {
    totals.failed += 1;
    failures.push('vitest (no report)');
  }
}

if (failures.length > 0) console.log(`\nfailed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
