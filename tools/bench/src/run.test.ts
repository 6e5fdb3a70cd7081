import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngines } from './engines/index.js';
import { nunjucksEngine } from './engines/nunjucks.js';
import { PAYLOAD_CASES, payloadPhase } from './live-cases.js';
import { runOrmBench } from './orm.js';
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
    // A first run creates the venvs: pip installs Django, Jinja2, then djust and its dependencies.
  }, 600_000);
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
      expect(rows[1]?.note).toContain('render, then encodeInto a reused buffer');
    }
  });

  it("encodes codegen's bytes through its own path, of the render's size", () => {
    const rows = report.results.filter((r) => r.engine === 'codegen' && r.scenario === 'dashboard');
    const [render, bytes] = [rows.find((r) => r.phase === 'render'), rows.find((r) => r.phase === 'bytes')];
    expect(bytes?.note).toContain('its own UTF-8 path');
    expect(bytes?.outputBytes).toBe(render?.outputBytes);
  });

  it("times each engine's template preparation once per scenario, apart from render", () => {
    const codegen = report.prepare.filter((r) => r.engine === 'codegen').map((r) => r.scenario);
    expect(codegen.sort()).toEqual(['big-table', 'dashboard', 'filtered', 'simple', 'static', 'teams']);
    expect(report.prepare.some((r) => r.engine === 'handwritten')).toBe(false);
    for (const r of report.prepare) expect(r.samples).toBeGreaterThan(0);
  });

  it('states the machine: OS, load average at both ends, versions of the npm engines', () => {
    expect(report.machine.loadAverage.end).toHaveLength(3);
    expect(report.machine.versions).toMatchObject({ nunjucks: '3.2.4', eta: '4.6.0', handlebars: '4.7.10' });
    expect(report.engines.map((e) => e.name)).toContain('codegen');
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
          ['bytes', true],
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

  it('runs djust in every phase, each verified against Django, or says why it cannot', (ctx) => {
    const missing = report.unavailable.find((u) => u.engine === 'djust')?.reason;
    if (missing) {
      // CI has CPython 3.11 unless the machine has none, which is the one acceptable reason there.
      if (process.env['CI'] === 'true' && !missing.startsWith('no CPython 3.11')) {
        throw new Error(`djust is unavailable under CI: ${missing}`);
      }
      console.warn(`skipped: djust unavailable (${missing})`);
      ctx.skip();
    }
    for (const scenario of ['dashboard', 'simple', 'filtered', 'teams']) {
      const rows = report.results.filter((r) => r.engine === 'djust' && r.scenario === scenario);
      // The dashboard declares the payload table's list; its cases follow the live phases.
      const payloads = scenario === 'dashboard' ? PAYLOAD_CASES.map(payloadPhase) : [];
      expect(rows.map((r) => [r.phase, r.verified])).toEqual(
        ['render', 'bytes', 'mount', 'pipeline', 'update-one', 'refetch', ...payloads].map((p) => [p, true]),
      );
      for (const r of rows.filter((r) => r.phase !== 'render' && r.phase !== 'bytes' && r.phase !== 'mount')) {
        expect(r.patchBytes).toBeGreaterThan(2);
      }
    }
    // Scenarios without a scalar to change have no update-one or refetch; a static page diffs to nothing.
    for (const scenario of ['static', 'big-table']) {
      const rows = report.results.filter((r) => r.engine === 'djust' && r.scenario === scenario);
      expect(rows.map((r) => [r.phase, r.verified])).toEqual(
        ['render', 'bytes', 'mount', 'pipeline'].map((p) => [p, true]),
      );
    }
    const statics = report.results.filter((r) => r.engine === 'djust' && r.scenario === 'static');
    expect(statics.find((r) => r.phase === 'pipeline')?.patchBytes).toBe(2);
  });

  it('has a bytes row for every Python engine, verified byte for byte', () => {
    for (const engine of ['django', 'jinja2']) {
      if (report.unavailable.some((u) => u.engine === engine)) continue;
      const rows = report.results.filter((r) => r.engine === engine && r.phase === 'bytes');
      expect(rows.map((r) => [r.scenario, r.verified])).toEqual(
        ['dashboard', 'static', 'simple', 'filtered', 'big-table', 'teams'].map((s) => [s, true]),
      );
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

// In this file, after the run above: that run creates the venvs, and two test files creating one venv at
// once would race.
describe("Django's ORM beside ours (the orm scenario on SQLite, 10 books)", () => {
  it('loads the page lazily, tuned and through djust, each verified equal to our page', async (ctx) => {
    const engines = createEngines({ create: true });
    const env = (name: string) => {
      const engine = engines.find((e) => e.name === name);
      return engine?.kind === 'process' && engine.env ? engine.env : async () => `no ${name}`;
    };
    const { rows, unavailable } = await runOrmBench({
      quick: true,
      sizes: [10],
      dbs: ['sqlite'],
      python: { django: env('django'), djust: env('djust') },
      log: () => {},
    });
    const missing = unavailable.find((u) => u.engine === 'orm/django')?.reason;
    if (missing) {
      if (process.env['CI'] === 'true') throw new Error(`Django is unavailable under CI: ${missing}`);
      console.warn(`skipped: Django unavailable (${missing})`);
      ctx.skip();
    }
    const django = rows.filter((r) => r.strategy.startsWith('django-'));
    const djust = unavailable.find((u) => u.engine === 'orm/djust');
    const expected = [
      ['django-naive', 41, 27, true],
      ['django-tuned', 3, 13, true],
      ...(djust ? [] : [['django-djust', 3, 28, true]]),
    ];
    expect(django.map((r) => [r.strategy, r.queries, r.columnsSelected, r.verified])).toEqual(expected);
    // The lazy page reads the rows our naive loader reads.
    expect(django[0]?.rowsFetched).toBe(rows.find((r) => r.strategy === 'naive')?.rowsFetched);
    if (djust && process.env['CI'] === 'true' && !djust.reason.startsWith('no CPython 3.11')) {
      throw new Error(`djust is unavailable under CI: ${djust.reason}`);
    }
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
