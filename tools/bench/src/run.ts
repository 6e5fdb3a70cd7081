import { readFileSync } from 'node:fs';
import { FIXTURES_DIR, LIST_EDITS, writeFixture, type FixtureVariant } from '@tessera/datasets';
import { loadAverage, machineInfo, gitCommit } from './machine.js';
import { runOrmBench, type OrmRow } from './orm.js';
import { describeError, runJsEngine, runProcessEngine, runReference, type References } from './phases.js';
import { runBoundary } from './boundary.js';
import { PREPARE_SAMPLES, timePrepare } from './prepare-time.js';
import type { BenchReport, BoundaryRow, PrepareRow, ResultRow, ThroughputRow, Unavailable } from './report/schema.js';
import { SCENARIOS } from './scenarios.js';
import { THROUGHPUT } from './throughput.js';
import { runIsolated, runIsolatedThroughput } from './isolated.js';
import type { Budget, Context, Engine, PreparedEngine, ProcessEngine, Scenario } from './types.js';

/** Budgets of a full run and of `--quick`; tinybench runs at least `minIterations` and at least `timeMs`. */
export const BUDGETS: Record<'full' | 'quick', Budget> = {
  // 20 samples bound the run time of the slowest rows (hundreds of ms each); fast rows get thousands.
  full: { timeMs: 1500, warmupMs: 300, minIterations: 20 },
  quick: { timeMs: 100, warmupMs: 20, minIterations: 10 },
};

/** Options of {@link runBench}. */
export interface RunOptions {
  readonly engines: readonly Engine[];
  readonly quick: boolean;
  /** Scenario and engine names; an empty list keeps everything. Django always renders, as the reference. */
  readonly filters: readonly string[];
  /** Overrides the budget the `quick` flag picks. */
  readonly budget?: Budget;
  /** Overrides the sizes of every selected scenario. */
  readonly sizes?: readonly number[];
  readonly fixturesDir?: string;
  readonly log: (line: string) => void;
}

const NO_REFERENCES: References = { a: null, b: null, a1: null };

/** The `--filter` name of the ORM scenario. */
const ORM_SCENARIO = 'orm';

/**
 * Splits `--filter` names into scenarios and engines; an unknown name is an error, not an empty run. The
 * `orm` scenario has no engines: it runs without filters or when named.
 */
export function selectByFilters(
  filters: readonly string[],
  engines: readonly Engine[],
): { scenarios: readonly Scenario[]; engines: readonly Engine[]; orm: boolean } {
  const scenarioNames = new Set([...SCENARIOS.map((s) => s.name as string), ORM_SCENARIO]);
  const engineNames = new Set(engines.map((e) => e.name));
  const unknown = filters.filter((f) => !scenarioNames.has(f) && !engineNames.has(f));
  if (unknown.length > 0) {
    throw new Error(
      `unknown --filter ${unknown.join(', ')}; scenarios: ${[...scenarioNames].join(', ')}; engines: ${[...engineNames].join(', ')}`,
    );
  }
  const wantedScenarios = filters.filter((f) => scenarioNames.has(f));
  const wantedEngines = filters.filter((f) => engineNames.has(f));
  const onlyOrm = wantedScenarios.length === 1 && wantedScenarios[0] === ORM_SCENARIO && wantedEngines.length === 0;
  return {
    scenarios: onlyOrm ? [] : SCENARIOS.filter((s) => wantedScenarios.length === 0 || wantedScenarios.includes(s.name)),
    engines: engines.filter((e) => wantedEngines.length === 0 || wantedEngines.includes(e.name)),
    orm: filters.length === 0 || wantedScenarios.includes(ORM_SCENARIO),
  };
}

/**
 * Runs the benchmark and returns the report (not yet written). Engines that cannot run are listed in
 * `unavailable` with the reason; a failure on one scenario never stops the others.
 */
export async function runBench(options: RunOptions): Promise<BenchReport> {
  const { scenarios, engines, orm } = selectByFilters(options.filters, options.engines);
  const budget = options.budget ?? (options.quick ? BUDGETS.quick : BUDGETS.full);
  const fixturesDir = options.fixturesDir ?? FIXTURES_DIR;
  const results: ResultRow[] = [];
  const boundary: BoundaryRow[] = [];
  const throughput: ThroughputRow[] = [];
  const prepareRows: PrepareRow[] = [];
  const loadStart = loadAverage();
  const unavailable: Unavailable[] = [];
  const django = options.engines.find((e): e is ProcessEngine => e.kind === 'process' && e.name === 'django');

  const record = (rows: readonly ResultRow[]) => {
    for (const r of rows) {
      results.push(r);
      if (!r.note.startsWith('no diff')) options.log(progress(r));
    }
  };

  const ready = new Map<string, boolean>();
  for (const engine of new Set([...(django ? [django] : []), ...engines])) {
    const status = await engine.available();
    ready.set(engine.name, status === true);
    if (status !== true) {
      unavailable.push({ engine: engine.name, reason: status });
      options.log(`[bench] ${engine.name}: unavailable (${status})`);
    }
  }

  for (const scenario of scenarios) {
    const prepared = new Map<string, PreparedEngine>();
    const timedPrepare = new Set<string>();
    for (const size of options.sizes ?? (options.quick ? scenario.quickSizes : scenario.sizes)) {
      const fixture = (variant: FixtureVariant) => writeFixture(scenario.name, size, variant, fixturesDir);
      const edits =
        scenario.payloadList === null ? undefined : Object.fromEntries(LIST_EDITS.map((e) => [e, fixture(e)]));
      const files = { a: fixture('a'), b: fixture('b'), a1: fixture('a1'), ...(edits ? { edits } : {}) };
      const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Context;
      const contexts = { a: read(files.a), b: read(files.b), a1: read(files.a1) };
      const at = `${scenario.name}/${size}`;

      let references = NO_REFERENCES;
      if (django && ready.get('django')) {
        try {
          const reference = await runReference(django, scenario, size, files, engines.includes(django) ? budget : null);
          references = reference.references;
          record(reference.rows);
        } catch (error) {
          unavailable.push({ engine: 'django', reason: `${at}: ${describeError(error)}` });
          options.log(`[bench] ${at} django: failed (${describeError(error)})`);
        }
      }

      for (const engine of engines) {
        if (engine === django || !ready.get(engine.name)) continue;
        try {
          const samples = options.quick ? PREPARE_SAMPLES.quick : PREPARE_SAMPLES.full;
          // The hand-written floor has no templates to prepare; an isolated engine's are timed where it runs.
          const timesPrepare = engine.kind === 'js' && engine.family !== 'floor' && !timedPrepare.has(engine.name);
          timedPrepare.add(engine.name);
          let rows: readonly ResultRow[];
          if (engine.kind === 'process') {
            rows = await runProcessEngine(engine, scenario, size, files, references, budget);
          } else if (engine.isolate === true) {
            const prepareSamples = timesPrepare ? samples : null;
            const job = {
              engine: engine.name,
              scenario: scenario.name,
              size,
              files,
              references,
              budget,
              prepareSamples,
            };
            const isolated = await runIsolated(job);
            if (isolated.prepare !== null) prepareRows.push(isolated.prepare);
            rows = isolated.rows;
          } else {
            if (timesPrepare) prepareRows.push(await timePrepare(engine, scenario, size, contexts.a, samples));
            rows = await runJsEngine(engine, prepared, scenario, size, contexts, references, budget);
          }
          record(rows);
          const probe = prepared.get(engine.name)?.boundary;
          if (probe !== undefined && rows.every((r) => r.verified)) {
            const steps = runBoundary(probe, { scenario, size, engine: engine.name }, contexts, budget);
            boundary.push(...steps);
            for (const s of steps) options.log(boundaryProgress(s));
          }
        } catch (error) {
          unavailable.push({ engine: engine.name, reason: `${at}: ${describeError(error)}` });
          options.log(`[bench] ${at} ${engine.name}: failed (${describeError(error)})`);
        }
      }
    }
    if (scenario.name === 'dashboard') throughput.push(...(await dashboardThroughput(prepared, budget, options.log)));
  }

  let ormRows: OrmRow[] = [];
  if (orm) {
    const venv = (name: string) => {
      const engine = options.engines.find((e): e is ProcessEngine => e.kind === 'process' && e.name === name);
      return engine?.env ?? (async () => `no ${name} engine`);
    };
    const python = { django: venv('django'), djust: venv('djust') };
    const ormRun = await runOrmBench({ quick: options.quick, log: options.log, python });
    ormRows = ormRun.rows;
    unavailable.push(...ormRun.unavailable);
  }

  return {
    schemaVersion: 3,
    commit: gitCommit(),
    date: new Date().toISOString(),
    quick: options.quick,
    machine: await machineInfo(options.engines, loadStart),
    results,
    unavailable,
    orm: ormRows,
    boundary,
    throughput,
    prepare: prepareRows,
    engines: engines.map((e) => ({
      name: e.name,
      family: e.family,
      kind: e.kind,
    })),
  };
}

// The throughput scenario on the engines the dashboard prepared that can mount documents, each in a
// process of its own (isolated.ts says why).
async function dashboardThroughput(
  prepared: ReadonlyMap<string, PreparedEngine>,
  budget: Budget,
  log: (line: string) => void,
): Promise<ThroughputRow[]> {
  const { documents, size } = THROUGHPUT;
  const rows: ThroughputRow[] = [];
  for (const [name, engine] of prepared) {
    if (engine.mount === undefined) continue;
    try {
      const found = await runIsolatedThroughput(name, budget);
      for (const r of found) {
        log(
          `[bench] dashboard/${size} x${documents} ${name} ${r.mode}: ${Math.round(r.updatesPerSec)} updates/s ${r.verified ? 'ok' : 'NOT VERIFIED'}`,
        );
      }
      rows.push(...found);
    } catch (error) {
      log(`[bench] dashboard/${size} x${documents} ${name} throughput: failed (${describeError(error)})`);
    }
  }
  return rows;
}

function boundaryProgress(r: BoundaryRow): string {
  const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  return (
    `[bench] ${r.scenario}/${r.size} ${r.engine} ${r.phase} steps (ms): total ${f(r.totalMs)} = encode ${f(r.encodeMs)} ` +
    `+ parse ${f(r.parseMs)} + render ${f(r.renderMs)} + diff ${f(r.diffMs)} + decode ${f(r.decodeMs)} + rest ${f(r.restMs)}; sent ${r.sentBytes} of ${r.contextBytes} bytes`
  );
}

function progress(r: ResultRow): string {
  const flag = r.verified ? 'ok' : 'NOT VERIFIED';
  const ms = (x: number) => x.toFixed(x < 1 ? 4 : 2);
  return `[bench] ${r.scenario}/${r.size} ${r.engine} ${r.phase}: p50 ${ms(r.p50Ms)} ms, p99 ${ms(r.p99Ms)} ms, n=${r.samples} ${flag}${r.note ? ` (${r.note})` : ''}`;
}
