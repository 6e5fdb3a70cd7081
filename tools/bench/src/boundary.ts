import type { BoundaryRow } from './report/schema.js';
import { quantile } from './stats.js';
import type { Budget, BoundaryProbe, BoundarySample, Context, Scenario } from './types.js';

// Medians of each step over the samples, and of what the steps leave of each call (N-API crossings and
// string copies): per sample, then the median, so noise in one step does not make it negative.
function summarize(base: Omit<BoundaryRow, keyof Steps | 'samples'>, samples: readonly BoundarySample[]): BoundaryRow {
  const median = (pick: (s: BoundarySample) => number) =>
    quantile(
      [...samples.map(pick)].sort((x, y) => x - y),
      0.5,
    );
  const first = samples[0];
  const sum = (s: BoundarySample) => s.encode + s.parse + s.render + (s.diff ?? 0) + (s.decode ?? 0);
  return {
    ...base,
    totalMs: median((s) => s.total),
    encodeMs: median((s) => s.encode),
    parseMs: median((s) => s.parse),
    renderMs: median((s) => s.render),
    diffMs: first?.diff === null ? null : median((s) => s.diff ?? 0),
    decodeMs: first?.decode === null ? null : median((s) => s.decode ?? 0),
    restMs: median((s) => s.total - sum(s)),
    samples: samples.length,
  };
}

type Steps = Pick<BoundaryRow, 'totalMs' | 'encodeMs' | 'parseMs' | 'renderMs' | 'diffMs' | 'decodeMs' | 'restMs'>;

// Calls `step` through the warmup, then for the budget's time and at least its iterations.
function sampled(step: () => BoundarySample, budget: Budget): BoundarySample[] {
  const warm = performance.now() + budget.warmupMs;
  while (performance.now() < warm) step();
  const samples: BoundarySample[] = [];
  const end = performance.now() + budget.timeMs;
  while (samples.length < budget.minIterations || performance.now() < end) samples.push(step());
  return samples;
}

/**
 * Where a native engine's render and pipeline calls spend their time, measured in this run: the render of
 * context `a`, and updates alternating between the fully different contexts `b` and `a` (the pipeline).
 */
export function runBoundary(
  probe: BoundaryProbe,
  base: { scenario: Scenario; size: number; engine: string },
  contexts: { a: Context; b: Context },
  budget: Budget,
): BoundaryRow[] {
  const row = {
    scenario: base.scenario.name,
    size: base.size,
    engine: base.engine,
    contextBytes: Buffer.byteLength(JSON.stringify(contexts.a)),
    sentBytes: probe.sentBytes(contexts.a),
  };
  const render = sampled(() => probe.render(contexts.a), budget);
  const live = probe.mount(contexts.a);
  let flip = true;
  const pipeline = sampled(() => {
    const sample = live.update(flip ? contexts.b : contexts.a);
    flip = !flip;
    return sample;
  }, budget);
  return [summarize({ ...row, phase: 'render' }, render), summarize({ ...row, phase: 'pipeline' }, pipeline)];
}
