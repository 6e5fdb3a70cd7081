/** The child process of isolated.ts: measures one job and answers with its rows. */
import { readFileSync } from 'node:fs';
import { createEngines } from './engines/index.js';
import type { IsolatedAnswer, IsolatedJob } from './isolated.js';
import { runJsEngine } from './phases.js';
import { timePrepare } from './prepare-time.js';
import { SCENARIOS } from './scenarios.js';
import type { ThroughputRow } from './report/schema.js';
import { runThroughput, THROUGHPUT } from './throughput.js';
import type { Budget, Context, JsEngine } from './types.js';
import { dashboardContext } from '@tessera/datasets';

async function measure(job: IsolatedJob): Promise<IsolatedAnswer> {
  const engine = createEngines({ create: false }).find((e): e is JsEngine => e.kind === 'js' && e.name === job.engine);
  if (engine === undefined) return { error: `no engine ${job.engine}` };
  if (job.kind === 'throughput') return { throughput: await throughput(engine, job.budget) };
  const scenario = SCENARIOS.find((s) => s.name === job.scenario);
  if (scenario === undefined) return { error: `no scenario ${job.scenario}` };
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Context;
  const contexts = { a: read(job.files.a), b: read(job.files.b), a1: read(job.files.a1) };
  const prepare =
    job.prepareSamples === null ? null : await timePrepare(engine, scenario, job.size, contexts.a, job.prepareSamples);
  const rows = await runJsEngine(engine, new Map(), scenario, job.size, contexts, job.references, job.budget);
  return { rows, prepare };
}

// The throughput scenario (throughput.ts) on `engine`'s dashboard.
async function throughput(engine: JsEngine, budget: Budget): Promise<readonly ThroughputRow[]> {
  const dashboard = SCENARIOS.find((s) => s.name === 'dashboard');
  if (dashboard === undefined) throw new Error('no dashboard scenario');
  const { documents, size } = THROUGHPUT;
  const contexts = { a: { ...dashboardContext(size, 'a') }, b: { ...dashboardContext(size, 'b') } };
  const prepared = await engine.prepare(dashboard);
  return runThroughput({ name: engine.name, prepared }, contexts, { scenario: 'dashboard', size, documents }, budget);
}

process.once('message', (job: IsolatedJob) => {
  measure(job)
    .catch((error: unknown): IsolatedAnswer => ({ error: error instanceof Error ? error.message : String(error) }))
    .then((answer) => process.send?.(answer));
});
