import { Bench } from 'tinybench';
import type { LatencyStats } from './stats.js';
import type { Budget } from './types.js';

/**
 * Times a synchronous function with tinybench (one task per Bench, so nothing else shares its budget).
 * `retainSamples` is on because p99 is reported. `beforeEach` runs before every timed call, untimed (to
 * put a live document back in the state the timed call starts from).
 */
export function measureSync(name: string, fn: () => void, budget: Budget, beforeEach?: () => void): LatencyStats {
  const bench = new Bench({
    time: budget.timeMs,
    warmupTime: budget.warmupMs,
    iterations: budget.minIterations,
    retainSamples: true,
    throws: true,
  });
  bench.add(name, fn, beforeEach ? { beforeEach } : {});
  const [task] = bench.runSync();
  const result = task?.result;
  if (result === undefined || result.state !== 'completed') {
    throw new Error(`tinybench did not complete ${name} (state ${result?.state ?? 'missing'})`);
  }
  const { latency } = result;
  return { p50: latency.p50, p99: latency.p99, mean: latency.mean, rme: latency.rme, samples: latency.samplesCount };
}
