import { readFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { FIXTURES_DIR, writeFixture, type FixtureVariant } from '@tessera/datasets';
import { measureSync } from './measure.js';
import { verifyPatches } from './patches.js';
import type { BenchReport, ResultRow, Unavailable } from './report/schema.js';
import { machineInfo, gitCommit } from './machine.js';
import { SCENARIOS } from './scenarios.js';
import { latencyStats, type LatencyStats } from './stats.js';
import type { Budget, Context, Engine, JsEngine, LiveSession, Phase, PreparedEngine, ProcessEngine, Scenario } from './types.js';
import { verifyOutput, type Verification } from './verify.js';

/** Budgets of a full run and of `--quick`; tinybench runs at least `minIterations` and at least `timeMs`. */
export const BUDGETS: Record<'full' | 'quick', Budget> = {
  full: { timeMs: 1000, warmupMs: 200, minIterations: 50 },
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

/** Django's outputs for the three fixtures of one scenario and size. */
interface References {
  readonly a: string | null;
  readonly b: string | null;
  readonly a1: string | null;
}

const NO_REFERENCES: References = { a: null, b: null, a1: null };

/** Splits `--filter` names into scenarios and engines; an unknown name is an error, not an empty run. */
export function selectByFilters(
  filters: readonly string[],
  engines: readonly Engine[],
): { scenarios: readonly Scenario[]; engines: readonly Engine[] } {
  const scenarioNames = new Set(SCENARIOS.map((s) => s.name as string));
  const engineNames = new Set(engines.map((e) => e.name));
  const unknown = filters.filter((f) => !scenarioNames.has(f) && !engineNames.has(f));
  if (unknown.length > 0) {
    throw new Error(
      `unknown --filter ${unknown.join(', ')}; scenarios: ${[...scenarioNames].join(', ')}; engines: ${[...engineNames].join(', ')}`,
    );
  }
  const wantedScenarios = filters.filter((f) => scenarioNames.has(f));
  const wantedEngines = filters.filter((f) => engineNames.has(f));
  return {
    scenarios: SCENARIOS.filter((s) => wantedScenarios.length === 0 || wantedScenarios.includes(s.name)),
    engines: engines.filter((e) => wantedEngines.length === 0 || wantedEngines.includes(e.name)),
  };
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

const describeError = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message.split('\n')[0] ?? ''}` : String(error);

function row(
  base: { scenario: Scenario; size: number; engine: string; phase: Phase },
  stats: LatencyStats,
  outputBytes: number,
  patchBytes: number | null,
  verification: Verification,
  notes: readonly (string | undefined)[],
): ResultRow {
  return {
    scenario: base.scenario.name,
    size: base.size,
    engine: base.engine,
    phase: base.phase,
    p50Ms: stats.p50,
    p99Ms: stats.p99,
    meanMs: stats.mean,
    rme: stats.rme,
    samples: stats.samples,
    outputBytes,
    patchBytes,
    verified: verification.verified,
    note: [verification.note, ...notes].filter((n) => n !== undefined && n !== '').join('; '),
  };
}

/** The pipeline row of an engine without a diff: its render, as issue 6 defines it. */
function pipelineFromRender(render: ResultRow): ResultRow {
  const note = ['no diff: pipeline = render', render.note].filter((n) => n !== '').join('; ');
  return { ...render, phase: 'pipeline', note };
}

/**
 * Runs the benchmark and returns the report (not yet written). Engines that cannot run are listed in
 * `unavailable` with the reason; a failure on one scenario never stops the others.
 */
export async function runBench(options: RunOptions): Promise<BenchReport> {
  const { scenarios, engines } = selectByFilters(options.filters, options.engines);
  const budget = options.budget ?? (options.quick ? BUDGETS.quick : BUDGETS.full);
  const fixturesDir = options.fixturesDir ?? FIXTURES_DIR;
  const results: ResultRow[] = [];
  const unavailable: Unavailable[] = [];
  const django = options.engines.find((e): e is ProcessEngine => e.kind === 'process' && e.name === 'django');

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
    for (const size of options.sizes ?? (options.quick ? scenario.quickSizes : scenario.sizes)) {
      const fixture = (variant: FixtureVariant) => writeFixture(scenario.name, size, variant, fixturesDir);
      const files = { a: fixture('a'), b: fixture('b'), a1: fixture('a1') };
      const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Context;
      const contexts = { a: read(files.a), b: read(files.b), a1: read(files.a1) };
      const at = `${scenario.name}/${size}`;

      let references = NO_REFERENCES;
      if (django && ready.get('django')) {
        const timed = engines.includes(django);
        try {
          const measured = await django.measure({ scenario, fixtures: [files.a, files.b, files.a1], budget: timed ? budget : null });
          const [a = null, b = null, a1 = null] = measured.outputs;
          references = { a, b, a1 };
          if (timed && a !== null) {
            const stats = latencyStats(measured.samples);
            const render = row({ scenario, size, engine: 'django', phase: 'render' }, stats, bytes(a), null, verifyOutput(a, a, 'exact'), ['reference']);
            results.push(render, pipelineFromRender(render));
            options.log(progress(render));
          }
        } catch (error) {
          unavailable.push({ engine: 'django', reason: `${at}: ${describeError(error)}` });
          options.log(`[bench] ${at} django: failed (${describeError(error)})`);
        }
      }

      for (const engine of engines) {
        if (engine === django || !ready.get(engine.name)) continue;
        try {
          const rows =
            engine.kind === 'process'
              ? await runProcessEngine(engine, scenario, size, files.a, references, budget)
              : await runJsEngine(engine, prepared, scenario, size, contexts, references, budget);
          for (const r of rows) {
            results.push(r);
            if (!r.note.startsWith('no diff')) options.log(progress(r));
          }
        } catch (error) {
          unavailable.push({ engine: engine.name, reason: `${at}: ${describeError(error)}` });
          options.log(`[bench] ${at} ${engine.name}: failed (${describeError(error)})`);
        }
      }
    }
  }

  return {
    schemaVersion: 1,
    commit: gitCommit(),
    date: new Date().toISOString(),
    quick: options.quick,
    machine: await machineInfo(options.engines),
    results,
    unavailable,
    orm: [],
  };
}

function progress(r: ResultRow): string {
  const flag = r.verified ? 'ok' : 'NOT VERIFIED';
  const ms = (x: number) => x.toFixed(x < 1 ? 4 : 2);
  return `[bench] ${r.scenario}/${r.size} ${r.engine} ${r.phase}: p50 ${ms(r.p50Ms)} ms, p99 ${ms(r.p99Ms)} ms, n=${r.samples} ${flag}${r.note ? ` (${r.note})` : ''}`;
}

async function runProcessEngine(
  engine: ProcessEngine,
  scenario: Scenario,
  size: number,
  fixtureA: string,
  references: References,
  budget: Budget,
): Promise<ResultRow[]> {
  const measured = await engine.measure({ scenario, fixtures: [fixtureA], budget });
  const output = measured.outputs[0] ?? '';
  const render = row(
    { scenario, size, engine: engine.name, phase: 'render' },
    latencyStats(measured.samples),
    bytes(output),
    null,
    verifyOutput(output, references.a, engine.compare),
    [],
  );
  return [render, pipelineFromRender(render)];
}

async function runJsEngine(
  engine: JsEngine,
  cache: Map<string, PreparedEngine>,
  scenario: Scenario,
  size: number,
  contexts: { a: Context; b: Context; a1: Context },
  references: References,
  budget: Budget,
): Promise<ResultRow[]> {
  let prepared = cache.get(engine.name);
  if (prepared === undefined) {
    prepared = await engine.prepare(scenario);
    cache.set(engine.name, prepared);
  }
  const p = prepared;
  const base = { scenario, size, engine: engine.name };
  const output = p.render(contexts.a);
  const verification = verifyOutput(output, references.a, engine.compare);
  const stats = measureSync(`${engine.name} render`, () => p.render(contexts.a), budget);
  const render = row({ ...base, phase: 'render' }, stats, bytes(output), null, verification, [p.note]);
  if (p.mount === undefined) return [render, pipelineFromRender(render)];
  return [render, ...(await livePhases(p, p.mount.bind(p), base, contexts, references, budget))];
}

/**
 * The phases of an engine that diffs. `pipeline` alternates between two fully different contexts, so every
 * timed call re-renders, diffs and emits patches for the whole page; `update-one` alternates one scalar.
 * Patches are checked by applying them to a DOM before anything is timed.
 */
async function livePhases(
  p: PreparedEngine,
  mount: (context: Context) => LiveSession,
  base: { scenario: Scenario; size: number; engine: string },
  contexts: { a: Context; b: Context; a1: Context },
  references: References,
  budget: Budget,
): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const mounted = mount(contexts.a);
  const mountCheck = verifyOutput(mounted.html, references.a, 'dom');
  const mountStats = measureSync(`${base.engine} mount`, () => mount(contexts.a), budget);
  rows.push(row({ ...base, phase: 'mount' }, mountStats, bytes(mounted.html), null, mountCheck, [p.note]));

  const live = mount(contexts.a);
  const toB = live.update(contexts.b);
  const pipelineCheck = await verifyPatches(mounted.html, toB, references.b);
  const toA = live.update(contexts.a);
  const backCheck = await verifyPatches(references.b ?? '', toA, references.a);
  let flip = true;
  const pipelineStats = measureSync(
    `${base.engine} pipeline`,
    () => {
      live.update(flip ? contexts.b : contexts.a);
      flip = !flip;
    },
    budget,
  );
  const pipelineVerification = pipelineCheck.verified ? backCheck : pipelineCheck;
  rows.push(
    row({ ...base, phase: 'pipeline' }, pipelineStats, bytes(mounted.html), bytes(JSON.stringify(toB)), pipelineVerification, [
      'update(fully changed context), render + diff + patches',
      p.note,
    ]),
  );

  const scalar = base.scenario.changedScalar;
  if (scalar === null) return rows;
  const one = mount(contexts.a);
  const changes = (ctx: Context): Context => ({ [scalar]: ctx[scalar] });
  const step = one.set
    ? (ctx: Context) => one.set!(changes(ctx))
    : (ctx: Context) => one.update(ctx);
  const firstPatches = step(contexts.a1);
  const oneCheck = await verifyPatches(mounted.html, firstPatches, references.a1);
  let toggle = false;
  const oneStats = measureSync(
    `${base.engine} update-one`,
    () => {
      step(toggle ? contexts.a1 : contexts.a);
      toggle = !toggle;
    },
    budget,
  );
  rows.push(
    row({ ...base, phase: 'update-one' }, oneStats, bytes(mounted.html), bytes(JSON.stringify(firstPatches)), oneCheck, [
      one.set ? `set({ ${scalar} })` : `update(context with ${scalar} changed)`,
      p.note,
    ]),
  );
  return rows;
}
