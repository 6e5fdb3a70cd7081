/**
 * Engines marked `isolate` are measured in a child process of their own, one per scenario and size: the
 * same phases (`runJsEngine`) and prepare timing as in the bench's process, the rows sent back. A library
 * that changes the JavaScript engine's state for everything after it (engines/nunjucks.ts says how) then
 * cannot reach the numbers of the engines measured beside it.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR } from './paths.js';
import type { References } from './phases.js';
import type { PrepareRow, ResultRow } from './report/schema.js';
import type { Budget, Scenario } from './types.js';

/** What the child is asked to measure. */
export interface IsolatedJob {
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

/** What the child answers. */
export type IsolatedAnswer =
  | { readonly rows: readonly ResultRow[]; readonly prepare: PrepareRow | null }
  | { readonly error: string };

/** The child's entry: built, since a child runs JavaScript (tests run from src/ after `npm test`'s build). */
const CHILD = join(BENCH_DIR, 'dist', 'isolated-child.js');

/** Runs `job` in a fresh child process; rejects with the child's error, or when it dies without answering. */
export function runIsolated(
  scenario: Scenario,
  job: IsolatedJob,
): Promise<{ rows: readonly ResultRow[]; prepare: PrepareRow | null }> {
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
        reject(
          new Error(
            `${job.engine} (isolated) on ${scenario.name}/${job.size} exited (${signal ?? code}) without an answer`,
          ),
        );
    });
    child.send(job);
  });
}
