import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench package's folder (the parent of `dist/` or `src/`). */
export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The monorepo root. */
export const REPO_DIR = resolve(BENCH_DIR, '..', '..');

/** `tools/bench/templates/<scenario>/<engine>/`. */
export function templateDir(scenario: string, engineDir: string): string {
  return join(BENCH_DIR, 'templates', scenario, engineDir);
}

/** Where `npm run bench` publishes. */
export const REPORTS_DIR = join(REPO_DIR, 'reports');
