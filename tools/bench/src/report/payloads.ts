import { PAYLOAD_CASES, payloadPhase } from '../live-cases.js';
import { findRow } from './ratios.js';
import type { BenchReport } from './schema.js';

const CASE_TITLES: Readonly<Record<string, string>> = {
  value: 'one value changed',
  row: 'one row changed',
  reversed: 'list reversed',
  prepended: 'one row prepended',
  removed: 'one row removed',
};

const ms = (x: number) => (x < 0.1 ? x.toFixed(4) : x < 10 ? x.toFixed(3) : x.toFixed(1));

/**
 * The LiveView payload table: for each size of the dashboard and each engine that measured the payload
 * cases (ours that diff, djust), the JSON bytes of one update's patches and its p50 time.
 */
export function payloadSection(report: BenchReport): string[] {
  const rows = report.results.filter((r) => r.scenario === 'dashboard' && r.phase.startsWith('payload-'));
  if (rows.length === 0) return [];
  const sizes = [...new Set(rows.map((r) => r.size))].sort((a, b) => a - b);
  const engines = [...new Set(rows.map((r) => r.engine))];
  const cell = (size: number, engine: string, phase: string) => {
    const r = findRow(report, 'dashboard', size, engine, phase);
    if (r === undefined) return 'n/a';
    const bytes = r.patchBytes === null ? '?' : r.patchBytes.toLocaleString('en-US');
    return `${bytes} B, ${ms(r.p50Ms)} ms${r.verified ? '' : ' **NOT VERIFIED**'}`;
  };
  return [
    '## LiveView payloads',
    '',
    'One update of a mounted dashboard from context `a`: the JSON size of the patches sent to the browser and ' +
      'the p50 time of the update call (diff and patches; before each timed call the page is moved back to `a`, ' +
      "untimed). Unchanged items are `a`'s objects; patches are verified by applying them to the old page.",
    '',
    `| items | engine | ${PAYLOAD_CASES.map((c) => CASE_TITLES[c] ?? c).join(' | ')} |`,
    `|---:|---|${PAYLOAD_CASES.map(() => '---:').join('|')}|`,
    ...sizes.flatMap((size) =>
      engines
        .filter((e) => rows.some((r) => r.engine === e && r.size === size))
        .map(
          (e) =>
            `| ${size.toLocaleString('en-US')} | ${e} | ${PAYLOAD_CASES.map((c) => cell(size, e, payloadPhase(c))).join(' | ')} |`,
        ),
    ),
    '',
  ];
}
