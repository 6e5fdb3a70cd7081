/** The `--json` output: per case `id`, `passed`, and the actual output or the error. */
import type { CaseResult, Counts, Failure, SuiteResult } from './types.js';

/** One case in the JSON report. */
export interface JsonCase {
  readonly id: string;
  readonly category: string;
  readonly passed: boolean;
  readonly status: CaseResult['outcome'];
  readonly actual?: string;
  readonly error?: { readonly name: string; readonly message: string };
  readonly domEqualOnly?: true;
  readonly reason?: string;
  readonly failure?: Failure;
}

/** The whole JSON report of one run. */
export interface JsonReport {
  readonly renderer: string;
  readonly compare: 'exact' | 'dom';
  readonly live: boolean;
  readonly totals: Counts;
  readonly categories: Readonly<Record<string, Counts>>;
  readonly cases: readonly JsonCase[];
}

/** Build the JSON report of a run. */
export function toJsonReport(result: SuiteResult): JsonReport {
  return {
    renderer: result.renderer,
    compare: result.compare,
    live: result.live,
    totals: result.totals,
    categories: result.categories,
    cases: result.results.map((r) => ({
      id: r.id,
      category: r.category,
      passed: r.outcome === 'passed',
      status: r.outcome,
      ...(r.actual !== undefined ? { actual: r.actual } : {}),
      ...(r.error ? { error: r.error } : {}),
      ...(r.domEqualOnly ? { domEqualOnly: true as const } : {}),
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      ...(r.failure ? { failure: r.failure } : {}),
    })),
  };
}
