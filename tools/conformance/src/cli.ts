/**
 * The `tessera-conformance` command, which `bin/tessera-conformance.js` runs: `--renderer <name|./path.js>
 * [--cases <file|dir>] [--category <glob>]... [--json out.json] [--junit out.xml] [--show <n>]`.
 * Prints failures with diffs, a per-category table and `N passed, N failed, N skipped`; exits 1 on failure.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CASES_DIR, loadCases } from './cases.js';
import { toJsonReport } from './json-report.js';
import { toJunit } from './junit.js';
import { loadRenderer } from './load-renderer.js';
import { categoryTable, failureTitle, formatFailure, skipReasons, summaryLine } from './report.js';
import { runSuite } from './runner.js';
import { filterByCategory } from './select.js';

const USAGE = `usage: tessera-conformance --renderer <name|./path/to/module.js> [options]

  --renderer <r>    renderer package short name (string -> @tessera/renderer-string),
                    a package name, or a module path resolved from the current directory
  --cases <path>    case file or directory (default: the suite shipped with this package)
  --category <glob> only categories matching the glob (repeatable), e.g. 'filters-*'
  --json <file>     write per-case results as JSON
  --junit <file>    write JUnit XML
  --show <n>        print at most n failure diffs (default 20; the rest are listed by id)
  --help            this text`;

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        renderer: { type: 'string' },
        cases: { type: 'string' },
        category: { type: 'string', multiple: true },
        json: { type: 'string' },
        junit: { type: 'string' },
        show: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.renderer) {
    console.error(`--renderer is required\n\n${USAGE}`);
    return 2;
  }
  const show = values.show === undefined ? 20 : Number(values.show);
  if (!Number.isInteger(show) || show < 0) {
    console.error('--show needs a non-negative integer');
    return 2;
  }
  const renderer = await loadRenderer(values.renderer);
  const cases = filterByCategory(loadCases(values.cases ?? DEFAULT_CASES_DIR), values.category ?? []);
  if (cases.length === 0) {
    console.error('no cases selected');
    return 2;
  }
  const result = await runSuite(renderer, cases);
  const byId = new Map(cases.map((c) => [c.id, c]));

  const failures = result.results.filter((r) => r.outcome === 'failed');
  for (const r of failures.slice(0, show)) console.log(`${formatFailure(r, byId.get(r.id))}\n`);
  if (failures.length > show) {
    console.log(`${failures.length - show} more failures (use --show to see diffs):`);
    for (const r of failures.slice(show)) console.log(`  ${failureTitle(r)}`);
    console.log('');
  }
  const skips = skipReasons(result.results);
  if (skips.size > 0) {
    console.log('SKIPPED (not passed):');
    for (const [reason, ids] of skips) console.log(`  ${ids.length} x ${reason}\n    ${ids.join(', ')}`);
    console.log('');
  }
  console.log(`renderer ${result.renderer} (compare: ${result.compare}${result.live ? ', live' : ''})\n`);
  console.log(categoryTable(result));
  if (result.totals.domEqualOnly > 0)
    console.log(`\n${result.totals.domEqualOnly} passed only as DOM-equal (not byte-identical)`);
  if (values.json) writeFileSync(values.json, JSON.stringify(toJsonReport(result), null, 1) + '\n');
  if (values.junit) writeFileSync(values.junit, toJunit(result, byId));
  console.log(`\n${summaryLine(result.totals)}`);
  return result.totals.failed > 0 ? 1 : 0;
}

/**
 * `main` as the command runs it (`bin/tessera-conformance.js`): an error it throws (a renderer that cannot be
 * loaded, an unreadable case file) is printed as `Name: message` and gives exit code 2.
 */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (e) {
    console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    return 2;
  }
}
