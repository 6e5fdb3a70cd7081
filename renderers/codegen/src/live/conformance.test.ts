import { loadCases, runSuite } from '@tessera/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import renderer from '../index.js';

type Suite = Awaited<ReturnType<typeof runSuite>>;

describe('the conformance suite (Django 5.2 expectations), rendered and live-patched by the compiled engine', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await runSuite(renderer, loadCases());
  }, 600_000);

  it('runs as a live renderer and fails no case', () => {
    expect(suite.live).toBe(true);
    const wrong = suite.results
      .filter((r) => r.outcome === 'failed')
      .map((r) => `${r.id}: ${r.failure?.message ?? r.error?.message ?? ''}`);
    expect(wrong).toEqual([]);
  });

  it('passes every live-update case', () => {
    const live = suite.results.filter((r) => r.category === 'live-updates');
    expect(live.length).toBeGreaterThan(0);
    expect(live.filter((r) => r.outcome !== 'passed').map((r) => r.id)).toEqual([]);
  });
});
