import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_DIR, templateDir } from './paths.js';
import type { PythonEnv } from './python-env.js';
import { latencyStats } from './stats.js';

const run = promisify(execFile);

/** The Django side of the ORM section (tools/bench/python/django_orm.py). */
export const DJANGO_ORM_PY = join(BENCH_DIR, 'python', 'django_orm.py');

/** The book list in Django's own spelling: `book.tags.all`, `book.reviews.all|length` (a manager is not a list). */
export const DJANGO_ORM_TEMPLATE = join(templateDir('orm', 'django-orm'), 'books.html');

/** How Django loads the page: lazily, as an expert tunes it, or through djust's query optimizer. */
export type DjangoStrategy = 'naive' | 'tuned' | 'djust';

/** What django_orm.py reports for one strategy. */
export interface DjangoOrmResult {
  readonly strategy: DjangoStrategy;
  /** Statements run while Django rendered the page from a fresh queryset. */
  readonly queries: number;
  /** Statements of the timed load alone: equal to `queries` when the load reads what the render reads. */
  readonly loadQueries: number;
  readonly columnsSelected: number;
  readonly rowsFetched: number;
  readonly page: string;
  /** Median of the loads, in ms. */
  readonly p50Ms: number;
}

interface Output {
  readonly rows: readonly (Omit<DjangoOrmResult, 'p50Ms'> & { readonly samples: number[] })[];
}

/**
 * Runs the strategies in one Python process of `env` on the SQLite file `db` (built by the JS side for
 * this size) and returns what each measured.
 */
export async function runDjangoOrm(
  env: PythonEnv,
  db: string,
  strategies: readonly DjangoStrategy[],
  budget: { readonly time: number; readonly iterations: number },
): Promise<DjangoOrmResult[]> {
  const args = [DJANGO_ORM_PY, 'measure', '--db', db, '--template', DJANGO_ORM_TEMPLATE];
  for (const s of strategies) args.push('--strategy', s);
  args.push('--time-ms', String(budget.time), '--min-iterations', String(budget.iterations));
  const { stdout } = await run(env.python, args, { maxBuffer: 1 << 28, timeout: 900_000 });
  return (JSON.parse(stdout) as Output).rows.map((r) => ({
    strategy: r.strategy,
    queries: r.queries,
    loadQueries: r.loadQueries,
    columnsSelected: r.columnsSelected,
    rowsFetched: r.rowsFetched,
    page: r.page,
    p50Ms: latencyStats(r.samples).p50,
  }));
}
