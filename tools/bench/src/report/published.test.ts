import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAYLOAD_CASES, payloadPhase } from '../live-cases.js';
import { REPORTS_DIR } from '../paths.js';
import { checkReportShape, SCHEMA_VERSION, type BenchReport } from './schema.js';

/**
 * The published run (reports/latest.json, written by a full `npm run bench`): its shape and what it must
 * show, never its timings.
 */
const file = join(REPORTS_DIR, 'latest.json');
const published = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchReport) : null;
const version = (published as { schemaVersion?: unknown } | null)?.schemaVersion;

describe('reports/latest.json', () => {
  it('exists, in the current schema', (ctx) => {
    expect(published).not.toBeNull();
    if (version !== SCHEMA_VERSION && process.env['CI'] !== 'true') {
      // A report of an older schema was written before this one existed: the next `npm run bench` replaces it.
      console.warn(`skipped: reports/latest.json is schema ${String(version)}; regenerate it with npm run bench`);
      ctx.skip();
    }
    expect(checkReportShape(published)).toEqual([]);
  });

  const current = version === SCHEMA_VERSION && published !== null ? published : null;
  const rows = current?.results ?? [];
  const has = (scenario: string, engine: string, phase: string) =>
    rows.some((r) => r.scenario === scenario && r.engine === engine && r.phase === phase);
  const measuredOrUnavailable = (engine: string) =>
    rows.some((r) => r.engine === engine) || (current?.unavailable ?? []).some((u) => u.engine === engine);

  it.skipIf(current === null)('has every row verified', () => {
    expect(rows.filter((r) => !r.verified).map((r) => `${r.scenario}/${r.size} ${r.engine} ${r.phase}`)).toEqual([]);
  });

  it.skipIf(current === null)('has the bytes phase beside render for every string engine', () => {
    const missing = rows
      .filter((r) => r.phase === 'render' && !has(r.scenario, r.engine, 'bytes'))
      .map((r) => `${r.scenario} ${r.engine}`);
    expect(missing).toEqual([]);
    expect(rows.find((r) => r.engine === 'codegen' && r.phase === 'bytes')?.note).toContain('its own UTF-8 path');
  });

  it.skipIf(current === null)("has the Rust suites' scenarios for every string engine", () => {
    for (const scenario of ['big-table', 'teams']) {
      for (const engine of ['django', 'jinja2', 'string', 'codegen', 'nunjucks', 'liquid', 'handlebars', 'eta']) {
        expect(has(scenario, engine, 'render') || !measuredOrUnavailable(engine), `${scenario} ${engine}`).toBe(true);
      }
    }
  });

  it.skipIf(current === null)('has refetch and the five payload cases for every live engine', () => {
    const live = [...new Set(rows.filter((r) => r.phase === 'mount').map((r) => r.engine))];
    expect(live.length).toBeGreaterThan(0);
    for (const engine of live) {
      expect(has('dashboard', engine, 'refetch'), `${engine} refetch`).toBe(true);
      for (const c of PAYLOAD_CASES) expect(has('dashboard', engine, payloadPhase(c)), `${engine} ${c}`).toBe(true);
    }
  });

  // A quick run (which `npm run bench -- --quick` writes here too) has the smallest sizes only.
  const full = current !== null && !current.quick;

  it.skipIf(!full)('has djust in every phase at every dashboard size, or says why it is missing', () => {
    const missing = current?.unavailable.find((u) => u.engine === 'djust');
    if (missing !== undefined && !rows.some((r) => r.engine === 'djust')) {
      // Only a machine without CPython 3.11 (which djust's wheel needs) may publish a run without djust.
      if (process.env['CI'] === 'true') expect(missing.reason).toMatch(/^no CPython 3\.11/);
      expect(missing.reason).not.toBe('');
      return;
    }
    for (const size of [100, 1000, 10_000]) {
      for (const phase of ['render', 'mount', 'pipeline', 'update-one', 'refetch']) {
        const row = rows.find(
          (r) => r.scenario === 'dashboard' && r.size === size && r.engine === 'djust' && r.phase === phase,
        );
        expect(row?.verified, `djust ${phase} at ${size}`).toBe(true);
      }
    }
  });

  it.skipIf(!full)("has Django's ORM beside ours on SQLite", () => {
    for (const strategy of ['naive', 'django-naive', 'django-tuned']) {
      const sizes = (current?.orm ?? []).filter((r) => r.db === 'sqlite' && r.strategy === strategy).map((r) => r.rows);
      expect(sizes, strategy).toEqual(expect.arrayContaining([10, 100, 1000]));
    }
  });

  it.skipIf(current === null)('states the machine and the load average, and lists why an engine is missing', () => {
    expect(current?.machine.loadAverage.start).toHaveLength(3);
    expect(Object.keys(current?.machine.versions ?? {})).toEqual(expect.arrayContaining(['nunjucks', 'eta']));
    for (const engine of current?.engines ?? []) expect(measuredOrUnavailable(engine.name), engine.name).toBe(true);
  });
});
