import type { BenchReport, ResultRow } from './schema.js';

/** djust's published "Rendering Performance (100 items)" figures (reference/djust-under-the-hood.txt). */
export const DJUST = { djangoMs: 25.0, jinja2Ms: 12.0, djustMs: 0.8 } as const;

/** djust's claimed ratios: 25.0 / 0.8 and 12.0 / 0.8. */
export const DJUST_RATIOS = { django: DJUST.djangoMs / DJUST.djustMs, jinja2: DJUST.jinja2Ms / DJUST.djustMs } as const;

/** The engines of a run by role, from `report.engines` and the phases each was measured in. */
export interface EngineGroups {
  /** Ours (family `tessera`). */
  readonly ours: readonly string[];
  /** Ours that diff and emit patches (a `mount` row): their pipeline is djust's pipeline. */
  readonly live: readonly string[];
  /** Ours that only render strings. */
  readonly strings: readonly string[];
  /** The npm alternatives (family `peer`, in this process). */
  readonly npm: readonly string[];
}

/** Splits the run's engines into ours (live or string) and the npm peers. */
export function engineGroups(report: BenchReport): EngineGroups {
  const mounted = new Set(report.results.filter((r) => r.phase === 'mount').map((r) => r.engine));
  const ours = report.engines.filter((e) => e.family === 'tessera').map((e) => e.name);
  return {
    ours,
    live: ours.filter((e) => mounted.has(e)),
    strings: ours.filter((e) => !mounted.has(e)),
    npm: report.engines.filter((e) => e.family === 'peer' && e.kind === 'js').map((e) => e.name),
  };
}

/** The row for one scenario, size, engine and phase, if measured. */
export function findRow(
  report: BenchReport,
  scenario: string,
  size: number,
  engine: string,
  phase: string,
): ResultRow | undefined {
  return report.results.find(
    (r) => r.scenario === scenario && r.size === size && r.engine === engine && r.phase === phase,
  );
}

/** The fastest verified row by p50 among `engines` in `phase`. */
export function bestRow(
  report: BenchReport,
  scenario: string,
  size: number,
  engines: readonly string[],
  phase: string,
): ResultRow | undefined {
  return report.results
    .filter(
      (r) =>
        r.scenario === scenario && r.size === size && r.phase === phase && r.verified && engines.includes(r.engine),
    )
    .sort((a, b) => a.p50Ms - b.p50Ms)[0];
}

/** The comparison the report leads with, for one size of the dashboard. */
export interface DjustComparison {
  readonly size: number;
  readonly django: ResultRow | undefined;
  readonly jinja2: ResultRow | undefined;
  /** Our fastest verified pipeline that diffs (vdom, rust). */
  readonly live: ResultRow | undefined;
  /** Our fastest verified pipeline of any kind (a string renderer's pipeline is its render). */
  readonly any: ResultRow | undefined;
}

/** The djust comparison at `size` items of the dashboard. */
export function djustComparison(report: BenchReport, size: number): DjustComparison {
  const groups = engineGroups(report);
  return {
    size,
    django: findRow(report, 'dashboard', size, 'django', 'render'),
    jinja2: findRow(report, 'dashboard', size, 'jinja2', 'render'),
    live: bestRow(report, 'dashboard', size, groups.live, 'pipeline'),
    any: bestRow(report, 'dashboard', size, groups.ours, 'pipeline'),
  };
}

/** `a / b` as "12.3x", or "n/a" when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || b <= 0) return 'n/a';
  const r = a / b;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}x`;
}
