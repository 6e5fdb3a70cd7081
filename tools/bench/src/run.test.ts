import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngines } from './engines/index.js';
import { nunjucksEngine } from './engines/nunjucks.js';
import { PAYLOAD_CASES, payloadPhase } from './live-cases.js';
import { checkReportShape, type BenchReport } from './report/schema.js';
import { runBench, selectByFilters } from './run.js';
import type { Context, Engine, JsEngine } from './types.js';

/**
 * A stand-in for a live renderer: Nunjucks' output (byte-equal to Django's on the bench templates) with a
 * whole-page `html` patch as its diff, enough to drive the mount, pipeline and update-one phases. Only for
 * fragments: a full document (the dashboard) has no element whose children are the whole output.
 */
const fakeLive: JsEngine = {
  kind: 'js',
  name: 'fake-live',
  family: 'tessera',
  compare: 'dom',
  available: async () => true,
  prepare: async (scenario) => {
    const inner = await nunjucksEngine.prepare(scenario);
    const mount = (context: Context) => {
      const patch = (next: Context) => [{ op: 'html', path: [], html: inner.render(next) }];
      return {
        html: inner.render(context),
        update: patch,
        set: (changes: Context) => patch({ ...context, ...changes }),
      };
    };
    return scenario.name === 'dashboard' ? { render: inner.render } : { render: inner.render, mount };
  },
};

/**
 * A run of a few iterations into a temporary fixtures folder, removed afterwards. Creates the repository's
 * .venv (pinned Django and Jinja2) when Python 3 is present, as `npm run bench` does, so the outputs can be
 * checked against real Django.
 */
function tinyRun(engines: readonly Engine[], filters: readonly string[], size: number): () => BenchReport {
  let dir = '';
  let report: BenchReport | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
    const budget = { timeMs: 2, warmupMs: 1, minIterations: 3 };
    report = await runBench({ engines, quick: true, filters, sizes: [size], budget, fixturesDir: dir, log: () => {} });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => report!;
}

describe('runBench (a tiny run: every scenario at size 3)', () => {
  const run = tinyRun(
    [...createEngines({ create: true }), fakeLive],
    ['dashboard', 'static', 'simple', 'filtered', 'big-table', 'teams'],
    3,
  );
  let report: BenchReport;
  beforeAll(() => {
    report = run();
  });

  it('produces a report of schema v1', () => {
    expect(checkReportShape(report)).toEqual([]);
    expect(report.quick).toBe(true);
    const runs = new Set(report.results.map((r) => `${r.scenario}/${r.size}`));
    expect(runs).toEqual(new Set(['dashboard/3', 'static/3', 'simple/3', 'filtered/3', 'big-table/3', 'teams/3']));
  });

  it('verifies every row it measured (every engine matches Django on every template)', (ctx) => {
    const missing = report.unavailable.find((u) => u.engine === 'django')?.reason;
    if (missing) {
      // Without Python nothing can be checked against Django; CI has Python, so there it is a failure.
      if (process.env['CI'] === 'true') throw new Error(`Django is unavailable under CI: ${missing}`);
      console.warn(`skipped: Django unavailable (${missing})`);
      ctx.skip();
    }
    expect(report.results.filter((r) => !r.verified)).toEqual([]);
  });

  it("renders the Rust suites' scenarios with every string engine", () => {
    for (const scenario of ['big-table', 'teams']) {
      const engines = report.results
        .filter((r) => r.scenario === scenario && r.phase === 'render')
        .map((r) => r.engine);
      for (const engine of ['string', 'codegen', 'nunjucks', 'liquid', 'handlebars', 'eta'])
        expect(engines).toContain(engine);
    }
  });

  it('has every npm peer in render, bytes and pipeline', () => {
    for (const engine of ['nunjucks', 'liquid', 'handlebars', 'eta']) {
      const rows = report.results.filter((r) => r.engine === engine && r.scenario === 'filtered');
      expect(rows.map((r) => r.phase)).toEqual(['render', 'bytes', 'pipeline']);
      expect(rows[1]?.note).toContain('render, then Buffer.from');
    }
  });

  it("encodes codegen's bytes through its own path, of the render's size", () => {
    const rows = report.results.filter((r) => r.engine === 'codegen' && r.scenario === 'dashboard');
    const [render, bytes] = [rows.find((r) => r.phase === 'render'), rows.find((r) => r.phase === 'bytes')];
    expect(bytes?.note).toContain('its own UTF-8 path');
    expect(bytes?.outputBytes).toBe(render?.outputBytes);
  });

  it('has the hand-written floor on every scenario', () => {
    const rows = report.results.filter((r) => r.engine === 'handwritten' && r.phase === 'render');
    expect(rows.map((r) => r.scenario).sort()).toEqual([
      'big-table',
      'dashboard',
      'filtered',
      'simple',
      'static',
      'teams',
    ]);
  });

  it('reports Django and Jinja2 as present and verified, or unavailable with a reason', () => {
    for (const engine of ['django', 'jinja2']) {
      const rows = report.results.filter((r) => r.engine === engine && r.scenario === 'dashboard');
      const missing = report.unavailable.filter((u) => u.engine === engine);
      if (missing.length > 0) expect(missing[0]?.reason).not.toBe('');
      else
        expect(rows.map((r) => [r.phase, r.verified])).toEqual([
          ['render', true],
          ['pipeline', true],
        ]);
    }
    expect(report.machine.django === '5.2.19' || report.unavailable.some((u) => u.engine === 'django')).toBe(true);
  });

  it('reports each of our renderers as measured or unavailable with a reason', () => {
    for (const engine of ['string', 'codegen', 'vdom', 'rust']) {
      const measured = report.results.some((r) => r.engine === engine);
      const reason = report.unavailable.find((u) => u.engine === engine)?.reason ?? '';
      expect(measured || reason.length > 0).toBe(true);
    }
  });

  it('runs the live phases of an engine that diffs, with patch sizes', () => {
    const rows = report.results.filter((r) => r.engine === 'fake-live' && r.scenario === 'simple');
    expect(rows.map((r) => r.phase)).toEqual(['render', 'bytes', 'mount', 'pipeline', 'update-one', 'refetch']);
    expect(rows.find((r) => r.phase === 'refetch')?.note).toContain('every object new, title changed');
    const pipeline = rows.find((r) => r.phase === 'pipeline');
    expect(pipeline?.patchBytes).toBeGreaterThan(pipeline?.outputBytes ?? Infinity);
    expect(rows.find((r) => r.phase === 'update-one')?.note).toContain('set({ title })');
  });
});

describe('runBench: the live cases of a real live renderer (vdom, dashboard at 5 items)', () => {
  const run = tinyRun(createEngines({ create: true }), ['dashboard', 'django', 'vdom'], 5);

  it('measures refetch and the five payload cases, with patch sizes, verified when Django ran', () => {
    const report = run();
    const rows = report.results.filter((r) => r.engine === 'vdom');
    const phases = ['refetch', ...PAYLOAD_CASES.map(payloadPhase)];
    expect(rows.filter((r) => phases.includes(r.phase)).map((r) => r.phase)).toEqual(phases);
    for (const r of rows.filter((x) => phases.includes(x.phase))) expect(r.patchBytes).toBeGreaterThan(2);
    if (report.unavailable.every((u) => u.engine !== 'django')) expect(rows.every((r) => r.verified)).toBe(true);
  });
});

describe('selectByFilters', () => {
  const engines = createEngines({ create: false });

  it('splits names into scenarios and engines', () => {
    const picked = selectByFilters(['dashboard', 'eta'], engines);
    expect(picked.scenarios.map((s) => s.name)).toEqual(['dashboard']);
    expect(picked.engines.map((e) => e.name)).toEqual(['eta']);
  });

  it('runs the orm scenario without filters or when named, and alone when it is the only name', () => {
    expect(selectByFilters([], engines).orm).toBe(true);
    expect(selectByFilters(['dashboard'], engines).orm).toBe(false);
    expect(selectByFilters(['vdom'], engines).orm).toBe(false);
    const onlyOrm = selectByFilters(['orm'], engines);
    expect([onlyOrm.orm, onlyOrm.scenarios]).toEqual([true, []]);
  });

  it('keeps everything without filters and rejects unknown names', () => {
    expect(selectByFilters([], engines).engines).toHaveLength(engines.length);
    expect(() => selectByFilters(['dashbord'], engines)).toThrow(/unknown --filter dashbord; scenarios: dashboard/);
  });
});
