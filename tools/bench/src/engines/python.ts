import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { templateDir } from '../paths.js';
import type { PythonEnv } from '../python-env.js';
import { RUN_PY } from '../python-env.js';
import type { Budget, ProcessEngine } from '../types.js';

const run = promisify(execFile);

interface RunPyOutput {
  readonly output: string;
  readonly others: string[];
  readonly samples?: number[];
  readonly bytes: { readonly sha256: string; readonly samples?: number[] };
}

/** What every engine running in a venv shares: availability, versions, the venv, and the venv or an error. */
export function venvEngine(env: () => Promise<PythonEnv | string>) {
  return {
    available: async (): Promise<true | string> => {
      const found = await env();
      return typeof found === 'string' ? found : true;
    },
    versions: async (): Promise<Record<string, string>> => ({ ...(await venvOf(env)).versions }),
    env,
    ready: () => venvOf(env),
  };
}

async function venvOf(env: () => Promise<PythonEnv | string>): Promise<PythonEnv> {
  const found = await env();
  if (typeof found === 'string') throw new Error(found);
  return found;
}

/** A job's budget as the Python scripts' arguments (`--verify-only` without one). */
export function budgetArgs(budget: Budget | null): string[] {
  if (budget === null) return ['--verify-only'];
  const { timeMs, warmupMs, minIterations } = budget;
  return ['--time-ms', String(timeMs), '--warmup-ms', String(warmupMs), '--min-iterations', String(minIterations)];
}

/**
 * Real Django or Jinja2, rendering in a Python process (tools/bench/python/run.py) that times itself with
 * `time.perf_counter_ns`; only its latencies cross the process boundary, so they are in-process figures.
 */
export function pythonEngine(name: 'django' | 'jinja2', env: () => Promise<PythonEnv | string>): ProcessEngine {
  const { ready, ...venv } = venvEngine(env);
  return {
    kind: 'process',
    name,
    family: 'reference',
    compare: 'exact',
    ...venv,
    measure: async ({ scenario, fixtures, budget }) => {
      const { python } = await ready();
      const args = [RUN_PY, 'render', '--engine', name, '--templates', templateDir(scenario.name, name)];
      args.push('--entry', `${scenario.entry}.html`);
      for (const fixture of fixtures) args.push('--fixture', fixture);
      args.push(...budgetArgs(budget));
      const { stdout } = await run(python, args, { maxBuffer: 1 << 28, timeout: 600_000 });
      const parsed = JSON.parse(stdout) as RunPyOutput;
      const outputs = [parsed.output, ...parsed.others];
      const measured = {
        outputs,
        samples: parsed.samples ?? [],
        bytes: { sha256: parsed.bytes.sha256, samples: parsed.bytes.samples ?? [] },
      };
      if (name === 'jinja2' && scenario.name === 'filtered') {
        return { ...measured, note: 'truncatechars, floatformat as custom filters' };
      }
      return measured;
    },
  };
}
