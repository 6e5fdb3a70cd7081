import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { buildLibrary, type Book, LIBRARY_MODELS, sqliteKnex } from '@tessera/datasets';
import { type DjangoStrategy, runDjangoOrm } from './django-orm.js';
import { templateDir } from './paths.js';
import type { PythonEnv } from './python-env.js';
import type { Unavailable } from './report/schema.js';

/** One entry of `reports/latest.json` `orm`. */
export interface OrmRow {
  readonly scenario: string;
  /** Books on the page. */
  readonly rows: number;
  readonly strategy: OrmStrategy;
  readonly db: 'sqlite' | 'postgres';
  /** SQL statements to load the page's context. */
  readonly queries: number;
  /** Columns in the SELECT lists over all loaded tables (`*` counts every column of its table). */
  readonly columnsSelected: number;
  /** Columns the template shows. */
  readonly columnsUsed: number;
  /** Rows returned by all statements. */
  readonly rowsFetched: number;
  /** Median time to load the context (queries and model building; rendering not included). */
  readonly p50Ms: number;
  /** The page rendered from this context equals the page rendered from the naive one. */
  readonly verified: boolean;
}

/**
 * `naive` is the hand-written page (1 + N per relation); `fetched`, `joined`, `auto` are `@tessera/orm`
 * strategies; `django-*` are Django 5.2's ORM on the same SQLite file (`src/django-orm.ts`): lazy, tuned by
 * hand, and through djust's query optimizer.
 */
export type OrmStrategy = 'naive' | 'fetched' | 'joined' | 'auto' | `django-${DjangoStrategy}`;

/** Options of {@link runOrmBench}. */
export interface OrmBenchOptions {
  readonly quick: boolean;
  /** Overrides the sizes (books on the page). */
  readonly sizes?: readonly number[];
  /** PostgreSQL URL; default `TESSERA_PG_URL` or the CI service's URL. An unreachable server is reported, not fatal. */
  readonly pgUrl?: string;
  /** Databases to run on; default both. */
  readonly dbs?: readonly OrmRow['db'][];
  /** The venvs of Django's rows (SQLite only): the main one for naive and tuned, djust's for its optimizer. */
  readonly python?: {
    readonly django: () => Promise<PythonEnv | string>;
    readonly djust: () => Promise<PythonEnv | string>;
  };
  readonly log: (line: string) => void;
}

/** Sizes of the `orm` scenario: a full run and `--quick`. */
export const ORM_SIZES = { full: [10, 100, 1_000], quick: [10] } as const;
const STRATEGIES: readonly OrmStrategy[] = ['naive', 'fetched', 'joined', 'auto'];
const SCENARIO = 'book-list';
// Naive loading at 1,000 books is thousands of statements: a few samples are enough for a median.
const BUDGET = { full: { time: 500, iterations: 5 }, quick: { time: 50, iterations: 2 } } as const;

type Knex = ReturnType<typeof sqliteKnex>;
type QueryBuilder = ReturnType<typeof Book.query>;

/** The part of `@tessera/orm` the bench uses. */
interface OrmModule {
  optimize(query: QueryBuilder, template: unknown, options: { variable: string; strategy: string }): QueryBuilder;
  naiveLoad(query: QueryBuilder, template: unknown, variable: string): Promise<unknown>;
  countQueries(knex: Knex): { readonly queries: number; readonly rows: number; stop(): void };
  planFor(model: typeof Book, template: unknown, variable: string): { root: PlanNode };
  planStats(plan: PlanNode): { columnsUsed: number; columnsSelected: number };
}
interface PlanNode {
  readonly schema: { readonly columns: readonly string[] };
  readonly used: ReadonlySet<string>;
  readonly relations: ReadonlyMap<string, { readonly plan: PlanNode }>;
  readonly counts: ReadonlyMap<string, { readonly related: { readonly jsonSchema: { properties?: object } } }>;
}
interface Toolkit {
  readonly orm: OrmModule;
  readonly template: unknown;
  readonly render: (context: Record<string, unknown>) => string;
  readonly initialize: (knex: Knex, models: readonly unknown[]) => Promise<void>;
}

// Imported when the ORM section runs, so the rest of the bench runs when the ORM cannot load (a missing
// native SQLite binding, for instance): the section is then reported unavailable with the reason.
async function toolkit(): Promise<Toolkit> {
  const [orm, tpl, string, objection] = (await Promise.all([
    import('@tessera/orm'),
    import('@tessera/template'),
    import('@tessera/renderer-string'),
    import('objection'),
  ])) as unknown as Record<string, unknown>[];
  const compile = tpl?.['compile'] as (name: string, loader: unknown) => unknown;
  const MemoryLoader = tpl?.['MemoryLoader'] as new (t: Record<string, string>) => unknown;
  const renderer = string?.['default'] as { prepare(t: unknown): unknown; render(p: unknown, c: object): string };
  const source = readFileSync(join(templateDir('orm', 'django'), 'books.html'), 'utf8');
  const template = compile('books.html', new MemoryLoader({ 'books.html': source }));
  const prepared = renderer.prepare(template);
  return {
    orm: orm as unknown as OrmModule,
    template,
    render: (context) => renderer.render(prepared, context),
    initialize: objection?.['initialize'] as Toolkit['initialize'],
  };
}

// `select *` reads every column of each table the naive page touches, counted relations included.
function naiveColumns(plan: PlanNode): number {
  let n = plan.schema.columns.length;
  for (const info of plan.counts.values()) n += Object.keys(info.related.jsonSchema.properties ?? {}).length;
  for (const { plan: sub } of plan.relations.values()) n += naiveColumns(sub);
  return n;
}

async function p50(load: () => Promise<unknown>, quick: boolean): Promise<number> {
  const budget = quick ? BUDGET.quick : BUDGET.full;
  const bench = new Bench({
    time: budget.time,
    iterations: budget.iterations,
    warmupIterations: 1,
    retainSamples: true,
    throws: true,
  });
  bench.add('load', load);
  const [task] = await bench.run();
  const result = task?.result;
  if (result === undefined || result.state !== 'completed')
    throw new Error(`tinybench did not complete (state ${result?.state ?? 'missing'})`);
  return result.latency.p50;
}

function logRow(row: OrmRow, log: (line: string) => void): void {
  log(
    `[bench] orm/${SCENARIO}/${row.rows} ${row.db} ${row.strategy}: ${row.queries} queries, ${row.columnsSelected}/${row.columnsUsed} columns selected/used, ` +
      `${row.rowsFetched} rows, p50 ${row.p50Ms.toFixed(2)} ms ${row.verified ? 'ok' : 'NOT VERIFIED'}`,
  );
}

/** Django's rows at one size, in the venvs that can run them; a venv that cannot is reported once. */
async function djangoRows(
  file: string,
  size: number,
  base: { columnsUsed: number; reference: string },
  options: OrmBenchOptions,
  unavailable: Unavailable[],
): Promise<OrmRow[]> {
  if (options.python === undefined) return [];
  const budget = options.quick ? BUDGET.quick : BUDGET.full;
  const rows: OrmRow[] = [];
  const groups: [string, () => Promise<PythonEnv | string>, DjangoStrategy[]][] = [
    ['orm/django', options.python.django, ['naive', 'tuned']],
    ['orm/djust', options.python.djust, ['djust']],
  ];
  for (const [name, env, strategies] of groups) {
    const found = await env();
    if (typeof found === 'string') {
      if (!unavailable.some((u) => u.engine === name)) unavailable.push({ engine: name, reason: found });
      continue;
    }
    try {
      for (const r of await runDjangoOrm(found, file, strategies, budget)) {
        const row: OrmRow = {
          scenario: SCENARIO,
          rows: size,
          strategy: `django-${r.strategy}`,
          db: 'sqlite',
          queries: r.queries,
          columnsSelected: r.columnsSelected,
          columnsUsed: base.columnsUsed,
          rowsFetched: r.rowsFetched,
          p50Ms: r.p50Ms,
          // The page equals ours, and the timed load ran the statements the render runs.
          verified: r.page === base.reference && r.loadQueries === r.queries,
        };
        rows.push(row);
        logRow(row, options.log);
      }
    } catch (error) {
      unavailable.push({ engine: `${name}/${size}`, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return rows;
}

async function runDb(
  db: OrmRow['db'],
  knex: Knex,
  kit: Toolkit,
  options: OrmBenchOptions,
  file: string | null,
  unavailable: Unavailable[],
): Promise<OrmRow[]> {
  const rows: OrmRow[] = [];
  const { orm, template } = kit;
  for (const size of options.sizes ?? (options.quick ? ORM_SIZES.quick : ORM_SIZES.full)) {
    await buildLibrary(knex, size);
    const bound = LIBRARY_MODELS.map((m) => m.bindKnex(knex));
    await kit.initialize(knex, bound);
    const BoundBook = bound.find((m) => m.tableName === 'books') as typeof Book;
    const query = () => BoundBook.query().orderBy('books.id');
    const plan = orm.planFor(BoundBook, template, 'books').root;
    const stats = orm.planStats(plan);
    let reference = '';
    for (const strategy of STRATEGIES) {
      const load = async (): Promise<unknown> =>
        strategy === 'naive'
          ? await orm.naiveLoad(query(), template, 'books')
          : await orm.optimize(query(), template, { variable: 'books', strategy });
      const counter = orm.countQueries(knex);
      const books = await load();
      counter.stop();
      const page = kit.render({ books });
      if (strategy === 'naive') reference = page;
      const row: OrmRow = {
        scenario: SCENARIO,
        rows: size,
        strategy,
        db,
        queries: counter.queries,
        columnsSelected: strategy === 'naive' ? naiveColumns(plan) : stats.columnsSelected,
        columnsUsed: stats.columnsUsed,
        rowsFetched: counter.rows,
        p50Ms: await p50(load, options.quick),
        verified: page === reference,
      };
      rows.push(row);
      logRow(row, options.log);
    }
    if (file !== null) {
      rows.push(...(await djangoRows(file, size, { columnsUsed: stats.columnsUsed, reference }, options, unavailable)));
    }
  }
  return rows;
}

function pgKnex(url: string, schema: string): Knex {
  const { knex } = createRequire(import.meta.url)('knex') as { knex: (config: object) => Knex };
  return knex({
    client: 'pg',
    connection: url,
    searchPath: [schema],
    pool: { min: 0, max: 2 },
    acquireConnectionTimeout: 3_000,
  });
}

/**
 * The `orm` scenario: the book list page (title, author name, publisher name, tag names, review
 * count) loaded by each strategy on SQLite (a temporary file) and PostgreSQL, at 10, 100 and 1,000 books,
 * and on SQLite by Django's ORM (when `python` is given). Every page is rendered and compared with the
 * naive page before it is timed. A database or venv that cannot be used is listed in `unavailable` with the
 * reason.
 */
export async function runOrmBench(options: OrmBenchOptions): Promise<{ rows: OrmRow[]; unavailable: Unavailable[] }> {
  const unavailable: Unavailable[] = [];
  let kit: Toolkit;
  try {
    kit = await toolkit();
  } catch (error) {
    return {
      rows: [],
      unavailable: [{ engine: 'orm', reason: error instanceof Error ? error.message : String(error) }],
    };
  }
  const rows: OrmRow[] = [];
  const dbs = options.dbs ?? ['sqlite', 'postgres'];
  if (dbs.includes('sqlite')) {
    // A file rather than memory, so Django reads the same database in its own process.
    const dir = mkdtempSync(join(tmpdir(), 'tessera-orm-'));
    const file = join(dir, 'library.sqlite3');
    const sqlite = sqliteKnex(file);
    try {
      rows.push(...(await runDb('sqlite', sqlite, kit, options, file, unavailable)));
    } finally {
      await sqlite.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!dbs.includes('postgres')) return { rows, unavailable };
  const url = options.pgUrl ?? process.env['TESSERA_PG_URL'] ?? 'postgres://tessera:tessera@127.0.0.1:5432/tessera';
  const schema = 'tessera_bench_orm';
  const pg = pgKnex(url, schema);
  try {
    await pg.raw('create schema if not exists ??', [schema]);
    rows.push(...(await runDb('postgres', pg, kit, options, null, unavailable)));
    await pg.raw('drop schema if exists ?? cascade', [schema]);
  } catch (error) {
    const reason = `PostgreSQL at ${url}: ${error instanceof Error ? error.message : String(error)}`;
    unavailable.push({ engine: 'orm/postgres', reason });
    options.log(`[bench] orm postgres: unavailable (${reason})`);
  } finally {
    await pg.destroy();
  }
  return { rows, unavailable };
}
