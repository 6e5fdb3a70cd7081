#!/usr/bin/env node
/**
 * `npm run conformance` (and `npm test`, through this workspace's `test:suite`): runs the matrix over every
 * renderer of the repository, writes `reports/conformance.md` and `reports/conformance.json`, prints one
 * line per renderer and ends with `N passed, N failed, N skipped` over all of them (the line the root
 * `npm test` adds to its totals); exits 1 on any failure.
 *
 * `node dist/main.js [--root <repo>] [--cases <file|dir>]`
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CASES_DIR, loadCases, summaryLine, type JsonReport } from '@tessera/conformance';
import { matrixTotals, runMatrix } from './matrix.js';
import { RENDERERS } from './renderers.js';
import { matrixJson, matrixMarkdown } from './report.js';

/**
 * The date of the committed report when this run found exactly what it says, so that `npm test` leaves
 * the working tree clean unless a result changed.
 */
function unchangedSince(file: string, cases: number, renderers: unknown[]): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const old = JSON.parse(readFileSync(file, 'utf8')) as { date?: unknown; cases?: unknown; renderers?: unknown };
    const same = old.cases === cases && JSON.stringify(old.renderers) === JSON.stringify(renderers);
    return same && typeof old.date === 'string' ? old.date : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { root: { type: 'string' }, cases: { type: 'string' } } });
  const root = resolve(values.root ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'));
  const cases = loadCases(values.cases ?? DEFAULT_CASES_DIR);
  const entries = await runMatrix(RENDERERS, cases);
  const reports = join(root, 'reports');
  mkdirSync(reports, { recursive: true });
  const renderers = entries.map((e) =>
    e.status === 'ran' ? matrixJson(e.result) : { renderer: e.package, status: e.status, message: e.message },
  );
  const date = unchangedSince(join(reports, 'conformance.json'), cases.length, renderers) ?? new Date().toISOString();
  writeFileSync(join(reports, 'conformance.md'), matrixMarkdown(entries, cases, date));
  const json: {
    date: string;
    cases: number;
    renderers: (JsonReport | { renderer: string; status: string; message: string })[];
  } = {
    date,
    cases: cases.length,
    renderers,
  };
  writeFileSync(join(reports, 'conformance.json'), JSON.stringify(json, null, 1) + '\n');
  for (const e of entries) {
    console.log(
      e.status === 'ran' ? `${e.package}: ${summaryLine(e.result.totals)}` : `${e.package}: ${e.status} (${e.message})`,
    );
  }
  console.log(`wrote ${join(reports, 'conformance.md')} and conformance.json`);
  const totals = matrixTotals(entries);
  console.log(summaryLine(totals));
  return totals.failed > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      process.exit(2);
    },
  );
}
