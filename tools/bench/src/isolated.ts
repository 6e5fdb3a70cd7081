/**
 * Measurements in a child process of their own, the rows sent back. Engines marked `isolate` run there, one
 * child per scenario and size, with the same phases (`runJsEngine`) and prepare timing as in the bench's
 * process: a library that changes the JavaScript engine's state for everything after it (engines/nunjucks.ts
 * says how) then cannot reach the numbers of the engines measured beside it. The throughput scenario runs
 * there too, one child per engine: its `async` mode shares the machine's two cores between the JavaScript
 * thread and the addon's workers, and in the bench's process the garbage collector's concurrent threads,
 * busy with the heap the scenarios before it left, took a share of them (the full run gave 1.49x where the
 * same scenario run alone gives 1.64x).
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR } from './paths.js';
import type { References } from './phases.js';
import type { PrepareRow, ResultRow, ThroughputRow } from './report/schema.js';
import type { Budget } from './types.js';

/** One engine's phases on one scenario and size. */
export interface PhasesJob {
  readonly kind: 'phases';
  readonly engine: string;
  readonly scenario: string;
  readonly size: number;
  /** Fixture files of contexts a, b and a1. */
  readonly files: { readonly a: string; readonly b: string; readonly a1: string };
  readonly references: References;
  readonly budget: Budget;
  /** Prepare timings to take first (the first size of a scenario), or null. */
  readonly prepareSamples: number | null;
}

/** One engine's throughput scenario. */
export interface ThroughputJob {
  readonly kind: 'throughput';
  readonly engine: string;
  readonly budget: Budget;
}

/** What the child is asked to measure. */
export type IsolatedJob = PhasesJob | ThroughputJob;

/** What the child answers. */
export type IsolatedAnswer =
  | { readonly rows: readonly ResultRow[]; readonly prepare: PrepareRow | null }
  | { readonly throughput: readonly ThroughputRow[] }
  | { readonly error: string };

/** The child's entry: built, since a child runs JavaScript (tests run from src/ after `npm test`'s build). */
const CHILD = join(BENCH_DIR, 'dist', 'isolated-child.js');

/** Runs one engine's phases in a fresh child process. */
export async function runIsolated(
  job: Omit<PhasesJob, 'kind'>,
): Promise<{ rows: readonly ResultRow[]; prepare: PrepareRow | null }> {
  const answer = await inChild({ kind: 'phases', ...job }, `${job.scenario}/${job.size}`);
  if (!('rows' in answer)) throw new Error(`${job.engine} (isolated): no rows in its answer`);
  return answer;
}

/** Runs one engine's throughput scenario in a fresh child process. */
export async function runIsolatedThroughput(engine: string, budget: Budget): Promise<readonly ThroughputRow[]> {
  const answer = await inChild({ kind: 'throughput', engine, budget }, 'throughput');
  if (!('throughput' in answer)) throw new Error(`${engine} (isolated): no throughput in its answer`);
  return answer.throughput;
}

// Runs `job` in a fresh child process; rejects with the child's error, or when it dies without answering.
function inChild(job: IsolatedJob, what: string): Promise<IsolatedAnswer> {
  return new Promise((resolve, reject) => {
    // The bench's heap limit applies to the child too; no other flag of the parent's (a test runner's).
    const execArgv = process.execArgv.filter((a) => a.startsWith('--max-old-space-size'));
    const child = fork(CHILD, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    child.once('message', (answer: IsolatedAnswer) => {
      answered = true;
      child.disconnect();
      if ('error' in answer) reject(new Error(`${job.engine} (isolated): ${answer.error}`));
      else resolve(answer);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (!answered)
        reject(new Error(`${job.engine} (isolated) on ${what} exited (${signal ?? code}) without an answer`));
    });
    child.send(job);
  });
}
