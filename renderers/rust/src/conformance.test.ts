import { loadCases, runSuite } from '@tessera/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import renderer from './index.js';

// Failures that are not a refusal: Django raises TemplateSyntaxError for `{{ block.super }}` in a page
// that extends nothing, and the IR does not say whether the entry template extends anything.
const WRONG_ALLOWED = new Set(['inheritance/super-without-parent']);

type Suite = Awaited<ReturnType<typeof runSuite>>;

describe('the conformance suite (Django 5.2 expectations), rendered and live-patched', () => {
  let suite: Suite;
  beforeAll(async () => {
    suite = await runSuite(renderer, loadCases());
  });

  it('runs as a live renderer and passes the bulk of the suite', () => {
    expect(suite.live).toBe(true);
    expect(suite.totals.passed).toBeGreaterThan(2500);
  });

  it('never renders a case wrongly: every failure is an UnsupportedError refusal', () => {
    const wrong = suite.results
      .filter((r) => r.outcome === 'failed' && r.error?.name !== 'UnsupportedError' && !WRONG_ALLOWED.has(r.id))
      .map((r) => `${r.id}: ${r.failure?.message ?? r.error?.message ?? ''}`);
    expect(wrong).toEqual([]);
  });

  it('passes every live-update case', () => {
    const live = suite.results.filter((r) => r.category === 'live-updates');
    expect(live.length).toBeGreaterThan(0);
    expect(live.filter((r) => r.outcome !== 'passed').map((r) => r.id)).toEqual([]);
  });
});
