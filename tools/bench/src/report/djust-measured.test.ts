import { describe, expect, it } from 'vitest';
import { djustMeasuredSection } from './djust-measured.js';
import type { BenchReport, ResultRow } from './schema.js';

const row = (engine: string, size: number, phase: string, p50Ms: number, note = '', verified = true): ResultRow => ({
  scenario: 'dashboard',
  size,
  engine,
  phase,
  p50Ms,
  p99Ms: p50Ms,
  meanMs: p50Ms,
  rme: 1,
  samples: 20,
  outputBytes: 100,
  patchBytes: null,
  verified,
  note,
});

// Only `results` is read; made-up timings.
const report = (results: ResultRow[]) => ({ results }) as unknown as BenchReport;

describe('djustMeasuredSection', () => {
  it("puts each djust phase beside Django's render, says the wrapping and flags an unverified row", () => {
    const lines = djustMeasuredSection(
      report([
        row('django', 100, 'render', 0.25),
        row('djust', 100, 'render', 0.5),
        row('djust', 100, 'mount', 0.5, 'equal to Django; RustLiveView; dj-root around the <body> of base.html'),
        row('djust', 100, 'pipeline', 0.6),
        row('djust', 100, 'update-one', 0.05),
        row('djust', 100, 'refetch', 0.4, '', false),
      ]),
    );
    expect(lines).toContain(
      '| 100 | 0.250 | 0.500 (0.50x) | 0.500 (0.50x) | 0.600 (0.42x) | 0.050 (5.00x) | 0.400 (0.63x) **NOT VERIFIED** |',
    );
    expect(lines.join('\n')).toContain('(here: dj-root around the <body> of base.html)');
  });

  it('says nothing without djust', () => {
    expect(djustMeasuredSection(report([row('django', 100, 'render', 0.25)]))).toEqual([]);
  });
});
