/** The child process of isolated.ts: measures one job and answers with its rows. */
import { readFileSync } from 'node:fs';
import { createEngines } from './engines/index.js';
import type { IsolatedAnswer, IsolatedJob } from './isolated.js';
import { runJsEngine } from './phases.js';
import { timePrepare } from './prepare-time.js';
import { SCENARIOS } from './scenarios.js';
import type { Context, JsEngine } from './types.js';

async function measure(job: IsolatedJob): Promise<IsolatedAnswer> {
  const engine = createEngines({ create: false }).find((e): e is JsEngine => e.kind === 'js' && e.name === job.engine);
  const scenario = SCENARIOS.find((s) => s.name === job.scenario);
  if (engine === undefined || scenario === undefined)
    return { error: `no engine ${job.engine} or scenario ${job.scenario}` };
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Context;
  const contexts = { a: read(job.files.a), b: read(job.files.b), a1: read(job.files.a1) };
  const prepare =
    job.prepareSamples === null ? null : await timePrepare(engine, scenario, job.size, contexts.a, job.prepareSamples);
  const rows = await runJsEngine(engine, new Map(), scenario, job.size, contexts, job.references, job.budget);
  return { rows, prepare };
}

process.once('message', (job: IsolatedJob) => {
  measure(job)
    .catch((error: unknown): IsolatedAnswer => ({ error: error instanceof Error ? error.message : String(error) }))
    .then((answer) => process.send?.(answer));
});
