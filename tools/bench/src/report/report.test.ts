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
    schemaVersion: 2,
    commit: '0123456789abcdef0123456789abcdef01234567',
    date: '2026-11-25T12:00:00.000Z',
    quick,
    machine: { cpu: 'Test CPU', cores: 2, node: 'v20.20.2', python: '3.11.7', django: '5.2.19', jinja2: '3.1.6' },
    results: [
      resultRow('django', 100, 'render', 0.3),
      resultRow('django', 10_000, 'render', 25),
      resultRow('jinja2', 100, 'render', 0.12),
      resultRow('jinja2', 10_000, 'render', 12),
      resultRow('vdom', 100, 'pipeline', 0.05),
      resultRow('vdom', 10_000, 'pipeline', 0.5),
      resultRow('nunjucks', 10_000, 'render', 6, false),
    ],
    unavailable: [{ engine: 'rust', reason: 'addon not built' }],
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
  it('accepts a schema v2 report', () => {
    expect(checkReportShape(syntheticReport(false))).toEqual([]);
  });

  it('names every departure from the schema', () => {
    const bad = JSON.parse(JSON.stringify(syntheticReport(false))) as Record<string, unknown>;
    bad['schemaVersion'] = 1;
    (bad['machine'] as Record<string, unknown>)['cores'] = 'two';
    ((bad['results'] as Record<string, unknown>[])[0] as Record<string, unknown>)['patchBytes'] = 'none';
    ((bad['results'] as Record<string, unknown>[])[1] as Record<string, unknown>)['extra'] = 1;
    ((bad['orm'] as Record<string, unknown>[])[0] as Record<string, unknown>)['queries'] = null;
    ((bad['boundary'] as Record<string, unknown>[])[1] as Record<string, unknown>)['diffMs'] = 'n/a';
    const problems = checkReportShape(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        'schemaVersion should be 2',
        'machine.cores should be number, got "two"',
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
    expect(() => writeReports(broken, tempDir())).toThrow(/schema v2/);
  });
});

describe('reportMarkdown', () => {
  const md = reportMarkdown(syntheticReport(false));

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
      '| dashboard | 1,000 | pipeline | 0.1 / 0.1 | 1.500 | 0.150 | 0.250 | 0.120 | 0.600 | 0.300 | 0.0800 | 0.780 (52%) | 40 |',
    );
    expect(md).toContain(
      '| dashboard | 1,000 | render | 0.1 / 0.1 | 0.500 | 0.150 | 0.200 | 0.100 | - | - | 0.0500 | 0.400 (80%) | 50 |',
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
    expect(series.map((s) => s.label)).toEqual(['django', 'jinja2', 'nunjucks', 'vdom pipeline']);
    const svg = lineChartSvg(series, { title: 'a < b', xLabel: 'x', yLabel: 'y' });
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('a &lt; b');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
});
