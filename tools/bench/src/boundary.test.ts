import { describe, expect, it } from 'vitest';
import { runBoundary } from './boundary.js';
import { SCENARIOS } from './scenarios.js';
import type { BoundaryProbe, BoundarySample, Context } from './types.js';

// A probe whose steps take made-up times: sample k of a phase is `base` scaled by (1 + k / 10), so the
// medians are known without timing anything.
function fakeProbe(): { probe: BoundaryProbe; seen: Context[] } {
  const seen: Context[] = [];
  let renders = 0;
  let updates = 0;
  const scaled = (s: BoundarySample, k: number): BoundarySample => {
    const f = 1 + k / 10;
    return {
      total: s.total * f,
      encode: s.encode * f,
      parse: s.parse * f,
      render: s.render * f,
      diff: s.diff === null ? null : s.diff * f,
      decode: s.decode === null ? null : s.decode * f,
    };
  };
  const probe: BoundaryProbe = {
    sentBytes: (context) => JSON.stringify(context).length - 2,
    render: () => scaled({ total: 1, encode: 0.2, parse: 0.3, render: 0.4, diff: null, decode: null }, renders++ % 5),
    mount: () => ({
      update: (context) => {
        seen.push(context);
        return scaled({ total: 2, encode: 0.2, parse: 0.3, render: 0.4, diff: 0.6, decode: 0.3 }, updates++ % 5);
      },
    }),
  };
  return { probe, seen };
}

describe('runBoundary', () => {
  const scenario = SCENARIOS.find((s) => s.name === 'dashboard')!;
  const a = { which: 'a' };
  const b = { which: 'b' };

  it('gives one row per phase with the median of each step and of what the steps leave', () => {
    const { probe } = fakeProbe();
    const rows = runBoundary(
      probe,
      { scenario, size: 10, engine: 'rust' },
      { a, b },
      { timeMs: 0, warmupMs: 0, minIterations: 5 },
    );
    expect(rows.map((r) => r.phase)).toEqual(['render', 'pipeline']);
    const [render, pipeline] = rows;
    // Median of the factors 1, 1.1, 1.2, 1.3, 1.4 is 1.2.
    expect(render).toMatchObject({
      scenario: 'dashboard',
      size: 10,
      engine: 'rust',
      contextBytes: 13,
      sentBytes: 11,
      diffMs: null,
      decodeMs: null,
      samples: 5,
    });
    expect(render?.totalMs).toBeCloseTo(1.2);
    expect(render?.restMs).toBeCloseTo(0.1 * 1.2);
    expect(pipeline?.diffMs).toBeCloseTo(0.72);
    expect(pipeline?.decodeMs).toBeCloseTo(0.36);
    expect(pipeline?.restMs).toBeCloseTo(0.2 * 1.2);
  });

  it('alternates the pipeline between the fully different contexts b and a', () => {
    const { probe, seen } = fakeProbe();
    runBoundary(probe, { scenario, size: 10, engine: 'rust' }, { a, b }, { timeMs: 0, warmupMs: 0, minIterations: 4 });
    expect(seen).toEqual([b, a, b, a]);
  });
});
