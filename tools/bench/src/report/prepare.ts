import type { BenchReport } from './schema.js';

const ms = (x: number) => (x < 0.1 ? x.toFixed(4) : x < 10 ? x.toFixed(3) : x.toFixed(1));

/**
 * Template preparation, apart from render: per engine and scenario, the p50 of fresh preparations (load and
 * compile), then the first render after one and the warm render p50 at the same size.
 */
export function prepareSection(report: BenchReport): string[] {
  if (report.prepare.length === 0) return [];
  const scenarios = [...new Set(report.prepare.map((r) => r.scenario))];
  const engines = [...new Set(report.prepare.map((r) => r.engine))];
  const cell = (engine: string, scenario: string) => {
    const p = report.prepare.find((r) => r.engine === engine && r.scenario === scenario);
    if (p === undefined) return 'n/a';
    const render = report.results.find(
      (r) => r.engine === engine && r.scenario === scenario && r.size === p.size && r.phase === 'render',
    );
    return `${ms(p.p50Ms)} / ${ms(p.firstRenderMs)} / ${render ? ms(render.p50Ms) : 'n/a'}`;
  };
  const sizes = scenarios.map((s) => `${s} ${report.prepare.find((r) => r.scenario === s)?.size ?? '?'}`);
  return [
    '## Prepare',
    '',
    "Loading and compiling each engine's templates, which every row above leaves out (templates are prepared " +
      "once, as in a running server). Per cell, p50 ms over fresh preparations: **prepare** (the engine's load " +
      'and compile) / **first render** after it (Handlebars and Eta compile on first use, so theirs is here) / ' +
      `the warm **render** p50 of the tables. Sizes: ${sizes.join(', ')}.`,
    '',
    `| engine | ${scenarios.join(' | ')} |`,
    `|---|${scenarios.map(() => '---:').join('|')}|`,
    ...engines.map((e) => `| ${e} | ${scenarios.map((s) => cell(e, s)).join(' | ')} |`),
    '',
  ];
}
