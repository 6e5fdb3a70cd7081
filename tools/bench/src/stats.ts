/** Latency statistics computed as tinybench computes them, for samples timed outside tinybench (Python). */
export interface LatencyStats {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  /** Relative margin of error of the mean, in percent (95% confidence). */
  readonly rme: number;
  readonly samples: number;
}

/** Two-sided 95% Student's t critical values for 1..30 degrees of freedom; 1.96 beyond. */
const T_95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Linear interpolation between closest ranks of sorted samples. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const base = Math.floor(pos);
  const low = sorted[base] ?? 0;
  const high = sorted[Math.min(base + 1, sorted.length - 1)] ?? low;
  return low + (pos - base) * (high - low);
}

/** p50, p99, mean and rme of latency samples (ms). */
export function latencyStats(samples: readonly number[]): LatencyStats {
  const n = samples.length;
  if (n === 0) return { p50: 0, p99: 0, mean: 0, rme: 0, samples: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / n;
  const variance = n > 1 ? samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1) : 0;
  const sem = Math.sqrt(variance / n);
  const critical = T_95[Math.max(n - 1, 1) - 1] ?? 1.96;
  const rme = mean === 0 ? 0 : (100 * sem * critical) / mean;
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), mean, rme, samples: n };
}
