/**
 * The conformance matrix: the suite run on every renderer of the repository (`renderers.ts`), one row set
 * per renderer: its results, or why there are none.
 */
import { asRenderer, emptyCounts, runSuite } from '@tessera/conformance';
import type { ConformanceCase, Counts, SuiteResult } from '@tessera/conformance';
import { entryExists, type MatrixRenderer } from './renderers.js';

/** One renderer's row set in the matrix: a run, or the reason there is none. */
export type MatrixEntry =
  | { readonly package: string; readonly status: 'ran'; readonly result: SuiteResult }
  | { readonly package: string; readonly status: 'not-built' | 'load-error'; readonly message: string };

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Runs `cases` on each renderer that is built; one that is not built or does not load is reported so.
 * `built(name)` tells whether a package's entry file exists (throwing when it is not installed).
 */
export async function runMatrix(
  renderers: readonly MatrixRenderer[],
  cases: readonly ConformanceCase[],
  built: (name: string) => boolean = entryExists,
): Promise<MatrixEntry[]> {
  const entries: MatrixEntry[] = [];
  for (const { name, load } of renderers) {
    let isBuilt: boolean;
    try {
      isBuilt = built(name);
    } catch (e) {
      entries.push({ package: name, status: 'load-error', message: `not installed: ${messageOf(e)}` });
      continue;
    }
    if (!isBuilt) {
      entries.push({ package: name, status: 'not-built', message: 'no built entry point (run its build)' });
      continue;
    }
    try {
      let mod: Record<string, unknown>;
      try {
        mod = (await load()) as Record<string, unknown>;
      } catch (e) {
        throw new Error(`cannot import renderer ${name}: ${messageOf(e)}`);
      }
      const renderer = asRenderer(mod['renderer'] ?? mod['default'], name);
      entries.push({ package: name, status: 'ran', result: await runSuite(renderer, cases) });
    } catch (e) {
      entries.push({ package: name, status: 'load-error', message: messageOf(e) });
    }
  }
  return entries;
}

/** Totals over all renderers; a renderer that failed to load counts as one failure. */
export function matrixTotals(entries: readonly MatrixEntry[]): Counts {
  const t = emptyCounts();
  for (const e of entries) {
    if (e.status === 'load-error') t.failed += 1;
    if (e.status !== 'ran') continue;
    t.passed += e.result.totals.passed;
    t.failed += e.result.totals.failed;
    t.skipped += e.result.totals.skipped;
    t.domEqualOnly += e.result.totals.domEqualOnly;
  }
  return t;
}
