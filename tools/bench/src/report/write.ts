import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineChartSvg, type Series } from './svg.js';
import { reportMarkdown } from './markdown.js';
import { engineGroups } from './ratios.js';
import { checkReportShape, SCHEMA_VERSION, type BenchReport } from './schema.js';

/** The files one call of {@link writeReports} wrote, relative to its directory. */
export interface WrittenReport {
  readonly files: readonly string[];
}

/** Lines of the chart of one scenario: render p50 per engine, plus the pipeline of engines that diff (dashed). */
export function chartSeries(report: BenchReport, scenario: string): Series[] {
  const rows = report.results.filter((r) => r.scenario === scenario);
  const engines = [...new Set(rows.map((r) => r.engine))];
  const line = (engine: string, phase: string): Series => ({
    label: phase === 'render' ? engine : `${engine} ${phase}`,
    points: rows.filter((r) => r.engine === engine && r.phase === phase).map((r) => [r.size, r.p50Ms] as const),
    ...(phase === 'render' ? {} : { dashed: true }),
  });
  return [
    ...engines.map((e) => line(e, 'render')),
    ...engines.filter((e) => engineGroups(report).live.includes(e)).map((e) => line(e, 'pipeline')),
  ].filter((s) => s.points.length > 0);
}

/**
 * Writes `latest.json`, `README.md` and `charts/<scenario>.svg` into `dir`, and for a full run a dated copy
 * `runs/<date>-<shortsha>.json`. Refuses a report that does not match the schema version.
 */
export function writeReports(report: BenchReport, dir: string): WrittenReport {
  const problems = checkReportShape(report);
  if (problems.length > 0) throw new Error(`report does not match schema v${SCHEMA_VERSION}: ${problems.join('; ')}`);
  const files: string[] = [];
  const write = (name: string, text: string) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
    files.push(name);
  };
  const json = `${JSON.stringify(report, null, 2)}\n`;
  write('latest.json', json);
  write('README.md', reportMarkdown(report));
  for (const scenario of new Set(report.results.map((r) => r.scenario))) {
    const svg = lineChartSvg(chartSeries(report, scenario), {
      title: `${scenario}: p50 latency vs size`,
      xLabel: 'size (items / rows, log scale)',
      yLabel: 'p50 ms (log scale)',
    });
    write(join('charts', `${scenario}.svg`), svg);
  }
  if (!report.quick) write(join('runs', `${report.date.slice(0, 10)}-${report.commit.slice(0, 7)}.json`), json);
  return { files };
}
