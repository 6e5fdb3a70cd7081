#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngines } from './engines/index.js';
import { REPORTS_DIR } from './paths.js';
import { writeReports } from './report/write.js';
import { runBench } from './run.js';

const USAGE = `Usage: npm run bench -- [--quick] [--filter <scenario|engine>[,...]]... [--sizes <n>[,...]] [--out <dir>]

  --quick    a smoke run of about two minutes: smallest sizes, short budgets
  --filter   keep only these scenarios and/or engines (repeatable or comma-separated);
             Django still renders once per scenario as the reference; the orm scenario
             runs without filters or when named
  --sizes    measure only these sizes (items / rows) in every selected scenario, e.g. --sizes 10000
  --out      where to write latest.json, README.md, charts/ and runs/ (default: reports/)`;

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.trim()));
  const bad = sizes.find((n) => !Number.isSafeInteger(n) || n < 1);
  if (bad !== undefined) throw new Error(`--sizes takes positive integers, got ${text}`);
  return sizes;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      filter: { type: 'string', multiple: true, default: [] },
      sizes: { type: 'string' },
      out: { type: 'string', default: REPORTS_DIR },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const log = (line: string) => console.error(line);
  const report = await runBench({
    engines: createEngines({ create: true, log }),
    quick: values.quick,
    filters: values.filter
      .flatMap((f) => f.split(','))
      .map((f) => f.trim())
      .filter((f) => f !== ''),
    ...(values.sizes === undefined ? {} : { sizes: parseSizes(values.sizes) }),
    log,
  });
  const out = resolve(values.out);
  const written = writeReports(report, out);
  const failed = report.results.filter((r) => !r.verified).length;
  log(`[bench] wrote ${written.files.map((f) => resolve(out, f)).join(', ')}`);
  log(
    `[bench] ${report.results.length} results, ${failed} not verified, ${report.orm.length} orm rows, ${report.unavailable.length} unavailable`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(1);
  },
);
