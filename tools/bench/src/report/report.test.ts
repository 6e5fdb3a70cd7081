import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportMarkdown } from './markdown.js';
import { checkReportShape, type BenchReport, type ResultRow } from './schema.js';
import { lineChartSvg } from './svg.js';
import { chartSeries, writeReports } from './write.js';

function resultRow(engine: string, size: number, phase: string, p50Ms: number, verified = true): ResultRow {
  return {
    scenario: 'dashboard',
    size,
    engine,
    phase,
    p50Ms,
    p99Ms: p50Ms * 2,
    meanMs: p50Ms * 1.1,
    rme: 1.5,
    samples: 100,
    outputBytes: 4096,
    patchBytes: phase === 'pipeline' && engine === 'vdom' ? 2048 : null,
    verified,
    note: '',
  };
}

/** A synthetic run: timings are made up, the report writer must not care. */
function syntheticReport(quick: boolean): BenchReport {
  return {
    schemaVersion: 3,
    commit: '0123456789abcdef0123456789abcdef01234567',
    date: '2026-11-25T12:00:00.000Z',
    quick,
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      os: 'Linux 6.1',
      node: 'v20.20.2',
      python: '3.11.7',
      django: '5.2.19',
      jinja2: '3.1.6',
      loadAverage: { start: [1.5, 1.25, 1], end: [2, 1.5, 1.25] },
      versions: { django: '5.2.19', eta: '4.6.0' },
    },
    results: [
      resultRow('django', 100, 'render', 0.3),
      resultRow('django', 10_000, 'render', 25),
      resultRow('django', 10_000, 'bytes', 25.5),
      resultRow('jinja2', 100, 'render', 0.12),
      resultRow('jinja2', 10_000, 'render', 12),
      resultRow('codegen', 10_000, 'render', 1.1),
      resultRow('codegen', 1000, 'pipeline', 0.4),
      resultRow('codegen', 10_000, 'bytes', 1),
      resultRow('eta', 10_000, 'bytes', 1.5),
      resultRow('vdom', 100, 'pipeline', 0.05),
      resultRow('vdom', 10_000, 'mount', 2),
      resultRow('vdom', 10_000, 'pipeline', 0.5),
      resultRow('vdom', 10_000, 'refetch', 0.25),
      { ...resultRow('vdom', 10_000, 'payload-value', 0.01), patchBytes: 62 },
      { ...resultRow('vdom', 10_000, 'payload-reversed', 20), patchBytes: 600_000 },
      resultRow('nunjucks', 10_000, 'render', 6, false),
    ],
    prepare: [
      {
        scenario: 'dashboard',
        size: 10_000,
        engine: 'codegen',
        p50Ms: 3.5,
        p99Ms: 4,
        firstRenderMs: 2.5,
        samples: 10,
      },
    ],
    engines: [
      { name: 'django', family: 'reference', kind: 'process' },
      { name: 'jinja2', family: 'reference', kind: 'process' },
      { name: 'codegen', family: 'tessera', kind: 'js' },
      { name: 'vdom', family: 'tessera', kind: 'js' },
      { name: 'rust', family: 'tessera', kind: 'js' },
      { name: 'eta', family: 'peer', kind: 'js' },
      { name: 'nunjucks', family: 'peer', kind: 'js' },
      { name: 'djust', family: 'peer', kind: 'process' },
    ],
    unavailable: [
      { engine: 'rust', reason: 'addon not built' },
      { engine: 'djust', reason: 'no CPython 3.11' },
    ],
    orm: [
      {
        scenario: 'book-list',
        rows: 10,
        strategy: 'naive',
        db: 'sqlite',
        queries: 41,
        columnsSelected: 27,
        columnsUsed: 4,
        rowsFetched: 100,
        p50Ms: 2,
        verified: true,
      },
      {
        scenario: 'book-list',
        rows: 10,
        strategy: 'joined',
        db: 'sqlite',
        queries: 1,
        columnsSelected: 10,
        columnsUsed: 4,
        rowsFetched: 40,
        p50Ms: 0.5,
        verified: true,
      },
    ],
    boundary: [
      {
        scenario: 'dashboard',
        size: 1000,
        engine: 'rust',
        phase: 'render',
        totalMs: 0.5,
        encodeMs: 0.15,
        parseMs: 0.2,
        renderMs: 0.1,
        diffMs: null,
        decodeMs: null,
        restMs: 0.05,
        contextBytes: 100,
        sentBytes: 80,
        samples: 50,
      },
      {
        scenario: 'dashboard',
        size: 1000,
        engine: 'rust',
        phase: 'pipeline',
        totalMs: 1.5,
        encodeMs: 0.15,
        parseMs: 0.25,
        renderMs: 0.12,
        diffMs: 0.6,
        decodeMs: 0.3,
        restMs: 0.08,
        contextBytes: 100,
        sentBytes: 80,
        samples: 40,
      },
    ],
    throughput: [
      {
        scenario: 'dashboard',
        size: 1000,
        documents: 64,
        engine: 'rust',
        mode: 'sync',
        updatesPerSec: 500,
        rounds: 8,
        verified: true,
      },
      {
        scenario: 'dashboard',
        size: 1000,
        documents: 64,
        engine: 'rust',
        mode: 'async',
        updatesPerSec: 900,
        rounds: 14,
        verified: true,
      },
    ],
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-report-'));
  dirs.push(dir);
  return dir;
};

describe('checkReportShape', () => {
  it('accepts a schema v3 report', () => {
    expect(checkReportShape(syntheticReport(false))).toEqual([]);
  });

  it('names every departure from the schema', () => {
    const bad = JSON.parse(JSON.stringify(syntheticReport(false))) as Record<string, unknown>;
    bad['schemaVersion'] = 2;
    (bad['machine'] as Record<string, unknown>)['cores'] = 'two';
    (bad['machine'] as Record<string, unknown>)['loadAverage'] = { start: [1, 2], end: [1, 2, 3] };
    (bad['machine'] as Record<string, unknown>)['versions'] = { eta: 4 };
    ((bad['prepare'] as Record<string, unknown>[])[0] as Record<string, unknown>)['p50Ms'] = 'fast';
    delete ((bad['engines'] as Record<string, unknown>[])[0] as Record<string, unknown>)['family'];
    ((bad['results'] as Record<string, unknown>[])[0] as Record<string, unknown>)['patchBytes'] = 'none';
    ((bad['results'] as Record<string, unknown>[])[1] as Record<string, unknown>)['extra'] = 1;
    ((bad['orm'] as Record<string, unknown>[])[0] as Record<string, unknown>)['queries'] = null;
    ((bad['boundary'] as Record<string, unknown>[])[1] as Record<string, unknown>)['diffMs'] = 'n/a';
    const problems = checkReportShape(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        'schemaVersion should be 3',
        'machine.cores should be number, got "two"',
        'machine.loadAverage should be { start, end } of three numbers each, got {"start":[1,2],"end":[1,2,3]}',
        'machine.versions should be an object of strings, got {"eta":4}',
        'prepare[0].p50Ms should be number, got "fast"',
        'engines[0].family should be string, got undefined',
        'results[0].patchBytes should be number|null, got "none"',
        'results[1] has unknown key extra',
        'orm[0].queries should be number, got null',
        'boundary[1].diffMs should be number|null, got "n/a"',
      ]),
    );
    expect(checkReportShape([])).toEqual(['report is not an object']);
  });
});

describe('writeReports', () => {
  it('writes latest.json, README.md, a chart per scenario and a dated copy of a full run', () => {
    const dir = tempDir();
    const report = syntheticReport(false);
    const { files } = writeReports(report, dir);
    expect(files).toEqual([
      'latest.json',
      'README.md',
      join('charts', 'dashboard.svg'),
      join('runs', '2026-11-25-0123456.json'),
    ]);
    const written = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as unknown;
    expect(checkReportShape(written)).toEqual([]);
    expect(written).toEqual(report);
    expect(readFileSync(join(dir, 'runs', '2026-11-25-0123456.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'latest.json'), 'utf8'),
    );
  });

  it('keeps no dated copy of a quick run', () => {
    const dir = tempDir();
    writeReports(syntheticReport(true), dir);
    expect(existsSync(join(dir, 'runs'))).toBe(false);
  });

  it('refuses a report that breaks the schema', () => {
    const broken = { ...syntheticReport(false), results: [{ scenario: 'x' }] } as unknown as BenchReport;
    expect(() => writeReports(broken, tempDir())).toThrow(/schema v3/);
  });
});

describe('reportMarkdown', () => {
  const md = reportMarkdown(syntheticReport(false));

  it('leads with the headline: djust claimed and measured, Django, Jinja2, ours and the npm engines per phase', () => {
    const headline = md.slice(md.indexOf('## Headline'));
    expect(md.indexOf('## Headline')).toBeLessThan(md.indexOf('## Results by scenario'));
    expect(headline).toContain(
      '| | render | bytes | mount | pipeline | update-one | refetch | Django bytes / this bytes |',
    );
    expect(headline).toContain(
      `| djust's published claim ("100 items") | Django 25.0, Jinja2 12.0 | | | 0.8 | | | (31x Django's render) |`,
    );
    expect(headline).toContain('| djust, measured | unavailable: no CPython 3.11 | | | | | | |');
    expect(headline).toContain('Not measured (see "Unavailable engines"): **rust**, **djust**.');
    expect(headline).toContain('| Django | 25.0 | 25.5 |  |  |  |  | 1.00x |');
    expect(headline).toContain(
      '| ours, fastest string render | 1.100 (codegen) | 1.000 (codegen) |  |  |  |  | 25.5x |',
    );
    expect(headline).toContain(
      '| ours, fastest live engine |  |  | 2.000 (vdom) | 0.500 (vdom) |  | 0.250 (vdom) |  |',
    );
    expect(headline).toContain('| fastest npm engine |  | 1.500 (eta) |  |  |  |  | 17.0x |');
    expect(headline).toContain(
      "Django's bytes / codegen's: **25.5x**; the fastest npm engine's (eta) / codegen's: **1.50x**",
    );
  });

  it("has the Rust template benchmarks' scenarios in the headline, render and bytes per engine", () => {
    const report = syntheticReport(false);
    const suite = (scenario: string, size: number, engine: string, phase: string, p50Ms: number) => ({
      ...resultRow(engine, size, phase, p50Ms),
      scenario,
    });
    const md = reportMarkdown({
      ...report,
      results: [
        ...report.results,
        suite('big-table', 100, 'django', 'render', 30),
        suite('big-table', 100, 'codegen', 'bytes', 0.9),
        suite('teams', 4, 'codegen', 'render', 0.0007),
      ],
    });
    expect(md).toContain('| engine | big-table render | big-table bytes | teams render | teams bytes |');
    expect(md).toContain('| django | 30.0 |  |  |  |');
    expect(md).toContain('| codegen |  | 0.900 | 0.0007 |  |');
  });

  it('shows djust measured beside the others when the run has it', () => {
    const report = syntheticReport(false);
    const withDjust: BenchReport = {
      ...report,
      unavailable: [],
      results: [...report.results, resultRow('djust', 10_000, 'render', 60), resultRow('djust', 10_000, 'refetch', 4)],
    };
    expect(reportMarkdown(withDjust)).toContain('| djust, measured | 60.0 |  |  |  |  | 4.000 |  |');
  });

  it('states the machine, the load average at both ends of the run and every version', () => {
    expect(md).toContain('Test CPU, 2 cores, Linux 6.1; Node v20.20.2');
    expect(md).toContain(
      'Load average (1 / 5 / 15 min) 1.50 / 1.25 / 1.00 at the start of the run, 2.00 / 1.50 / 1.25 at the end.',
    );
    expect(md).toContain('Versions: django 5.2.19, eta 4.6.0.');
  });

  it('reports template preparation apart from render', () => {
    expect(md).toContain('## Prepare');
    expect(md).toContain('| codegen | 3.500 / 2.500 / 1.100 |');
  });

  it('has the LiveView payload table, and keeps the payload rows out of the scenario tables', () => {
    expect(md).toContain('| 10,000 | vdom | 62 B, 0.0100 ms | n/a | 600,000 B, 20.0 ms | n/a | n/a |');
    expect(md).not.toMatch(/\| vdom \| payload-/);
  });

  it("puts Django's and Jinja2's ratios to our best live pipeline next to djust's claims", () => {
    expect(md).toContain('| 100 | 0.300 | 0.120 | 0.0500 (vdom) | 6.00x | 2.40x |');
    expect(md).toContain('| 10,000 | 25.0 | 12.0 | 0.500 (vdom) | 50.0x | 24.0x |');
    expect(md).toMatch(/31x \| 15x/);
  });

  it("says which size djust's figures correspond to", () => {
    expect(md).toMatch(/correspond to our \*\*10,000-item\*\* size/);
  });

  it('has an ORM table per database', () => {
    expect(md).toContain('### sqlite');
    expect(md).toContain('| 10 | joined | 1 | 10 | 4 | 40 | 0.500 | yes |');
  });

  it("splits the native engine's calls into their steps", () => {
    expect(md).toContain('## Rust: where the time goes');
    expect(md).toContain(
      '| dashboard | 1,000 | pipeline | 0.1 / 0.1 | 1.500 | 0.150 | 0.250 | 0.120 | 0.600 | 0.300 | 0.0800 | 0.780 (52%) | 1.95x | 40 |',
    );
    // No codegen render row at that size: nothing to compare with.
    expect(md).toContain(
      '| dashboard | 1,000 | render | 0.1 / 0.1 | 0.500 | 0.150 | 0.200 | 0.100 | - | - | 0.0500 | 0.400 (80%) | - | 50 |',
    );
  });

  it('shows the throughput of many live pages against the native engine on one thread', () => {
    expect(md).toContain('## Throughput: many live pages at once');
    expect(md).toContain('| rust | async | 900 | 1.80x | 14 | yes |');
  });

  it('flags unverified rows and lists unavailable engines with the reason', () => {
    expect(md).toMatch(/\| nunjucks \| render \|.*\| \*\*NO\*\* \|/);
    expect(md).toContain('- **rust**: addon not built');
  });
});

describe('charts', () => {
  it('draws one line per engine, with the live pipeline dashed', () => {
    const series = chartSeries(syntheticReport(false), 'dashboard');
    expect(series.map((s) => s.label)).toEqual(['django', 'jinja2', 'codegen', 'nunjucks', 'vdom pipeline']);
    const svg = lineChartSvg(series, { title: 'a < b', xLabel: 'x', yLabel: 'y' });
    expect(svg.match(/<polyline /g)).toHaveLength(5);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('a &lt; b');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
});
