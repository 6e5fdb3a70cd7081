import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixture } from '@tessera/datasets';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngines } from './engines/index.js';
import { runIsolated, runIsolatedThroughput } from './isolated.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-isolated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = {
  a: writeFixture('filtered', 3, 'a', dir),
  b: writeFixture('filtered', 3, 'b', dir),
  a1: writeFixture('filtered', 3, 'a1', dir),
};
const job = {
  scenario: 'filtered',
  size: 3,
  files,
  references: { a: null, b: null, a1: null },
  budget: { timeMs: 2, warmupMs: 1, minIterations: 3 },
  prepareSamples: 2,
};

describe('an engine marked isolate', () => {
  it('is nunjucks, whose import slows every engine measured after it in the same process', () => {
    expect(
      createEngines({ create: false })
        .filter((e) => e.kind === 'js' && e.isolate === true)
        .map((e) => e.name),
    ).toEqual(['nunjucks']);
  });

  it('is measured in a child process: its rows and prepare timing come back, its library never loaded here', async () => {
    const { rows, prepare } = await runIsolated({ ...job, engine: 'nunjucks' });
    expect(rows.map((r) => r.phase)).toEqual(['render', 'bytes', 'pipeline']);
    expect(rows.every((r) => r.engine === 'nunjucks' && r.size === 3 && r.samples >= 3 && r.outputBytes > 0)).toBe(
      true,
    );
    expect(prepare).toMatchObject({ engine: 'nunjucks', scenario: 'filtered', size: 3, samples: 2 });
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.some((path) => path.includes(`${join('node_modules', 'nunjucks')}`))).toBe(false);
  });

  it("rejects with the child's error instead of hanging or answering nothing", async () => {
    await expect(runIsolated({ ...job, engine: 'no-such-engine', prepareSamples: null })).rejects.toThrow(
      /no engine no-such-engine/,
    );
  });
});

describe('the throughput scenario', () => {
  it("runs in a child process per engine and answers that engine's verified rows", async () => {
    const rows = await runIsolatedThroughput('codegen', { timeMs: 2, warmupMs: 1, minIterations: 3 });
    expect(rows.map((r) => [r.engine, r.mode, r.verified])).toEqual([['codegen', 'sync', true]]);
    expect(rows[0]?.updatesPerSec).toBeGreaterThan(0);
  });
});
