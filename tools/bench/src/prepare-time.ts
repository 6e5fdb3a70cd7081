import type { PrepareRow } from './report/schema.js';
import { latencyStats } from './stats.js';
import type { Context, JsEngine, Scenario } from './types.js';

let sink = 0;

/** Fresh preparations timed per engine and scenario: a full run and `--quick`. */
export const PREPARE_SAMPLES = { full: 10, quick: 3 } as const;

/**
 * Times `samples` fresh preparations of `engine`'s templates for `scenario` and, apart, the first render of
 * `context` after each (Handlebars and Eta compile on first use, so `prepare` alone would miss their
 * compile). Every call builds the engine's environment anew, so nothing is cached between samples.
 */
export async function timePrepare(
  engine: JsEngine,
  scenario: Scenario,
  size: number,
  context: Context,
  samples: number,
): Promise<PrepareRow> {
  const prepares: number[] = [];
  const firsts: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    const prepared = await engine.prepare(scenario);
    const ready = performance.now();
    sink = (sink + prepared.render(context).length) | 0;
    firsts.push(performance.now() - ready);
    prepares.push(ready - start);
  }
  const stats = latencyStats(prepares);
  return {
    scenario: scenario.name,
    size,
    engine: engine.name,
    p50Ms: stats.p50,
    p99Ms: stats.p99,
    firstRenderMs: latencyStats(firsts).p50,
    samples: stats.samples,
  };
}
