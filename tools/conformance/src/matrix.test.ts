import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverRenderers, matrixMarkdown, matrixTotals, runMatrix } from './matrix.js';
import { runSuite } from './runner.js';
import { textRenderer, tinyCases } from '../test/renderers.js';

function fakeRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'matrix-'));
  const add = (name: string, files: Record<string, string>) => {
    mkdirSync(join(root, 'renderers', name, 'dist'), { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, 'renderers', name, file), text);
  };
  const pkg = (name: string) =>
    JSON.stringify({ name, type: 'module', exports: { '.': { import: './dist/index.js' } } });
  add('built', {
    'package.json': pkg('@x/renderer-built'),
    'dist/index.js': 'export default { name: "built", prepare: (t) => t, render: () => "hello" };',
  });
  add('unbuilt', { 'package.json': pkg('@x/renderer-unbuilt') });
  add('broken', { 'package.json': pkg('@x/renderer-broken'), 'dist/index.js': 'export default { name: "broken" };' });
  return root;
}

describe('matrix', () => {
  it('discovers renderers, runs the built ones and reports the rest loudly', async () => {
    const root = fakeRepo();
    expect(discoverRenderers(root).map((r) => [r.name, r.entry !== null])).toEqual([
      ['@x/renderer-broken', true],
      ['@x/renderer-built', true],
      ['@x/renderer-unbuilt', false],
    ]);
    const cases = tinyCases.slice(0, 2);
    const entries = await runMatrix(root, cases);
    expect(entries.map((e) => e.status)).toEqual(['load-error', 'ran', 'not-built']);
    // `built` passes tiny/text and fails tiny/var; the broken module counts as one failure.
    expect(matrixTotals(entries)).toEqual({ passed: 1, failed: 2, skipped: 0, domEqualOnly: 0 });
    const md = matrixMarkdown(entries, cases, 'DATE');
    expect(md).toContain('| @x/renderer-built | exact | no | 1 | 1 | 0 | 0 | 50.0% |');
    expect(md).toContain('| @x/renderer-unbuilt | – | – | – | – | – | – | **not-built**');
    expect(md).toContain('| tiny | 2 | 1✓ **1✗** |');
    expect(md).toContain('- tiny (1): tiny/var');
  });

  it('lists skip reasons in their own loud section', async () => {
    const skipper = { ...textRenderer, conformance: { unsupported: [{ feature: 'live', reason: 'no mount' }] } };
    const result = await runSuite(skipper, tinyCases);
    const md = matrixMarkdown([{ package: 'skipper', status: 'ran', result }], tinyCases, 'DATE');
    expect(md).toContain('## ⚠ SKIPPED by skipper (1 cases, not counted as passed)');
    expect(md).toContain('- **1 cases: unsupported live: no mount**\n  live/counter');
    expect(md).toContain('| live | 1 | 0✓ 1 skip |');
  });
});
