import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tinyCases } from '../test/renderers.js';

// The command as npm installed it (a link to bin/tessera-conformance.js), run as a user runs it.
const bin = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'node_modules',
  '.bin',
  'tessera-conformance',
);

// A renderer written outside the repository, with no imports: text and `{{ name }}` only.
const OUTSIDE_RENDERER = `
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
const show = (v) => v === undefined ? '' : v && typeof v === 'object' && 'value' in v ? v.value : esc(v);
export const renderer = {
  name: 'outside',
  prepare: (t) => t.ir.body,
  render: (body, ctx) => body.map((n) => n.kind === 'text' ? n.value : show(ctx[n.expr.base.path[0]])).join('')/*BREAK*/,
};
export default renderer;
`;

function run(dir: string, args: string[]) {
  return spawnSync(bin, args, { cwd: dir, encoding: 'utf8' });
}

describe('tessera-conformance CLI', () => {
  let dir = '';
  beforeAll(() => {
    expect(existsSync(bin), 'run npm install at the repository root (it links and builds the command)').toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'outside-renderer-'));
    const cases = tinyCases.filter((c) => c.category === 'tiny' || c.category === 'errors');
    writeFileSync(join(dir, 'cases.json'), JSON.stringify({ cases }));
    writeFileSync(join(dir, 'good.mjs'), OUTSIDE_RENDERER.replace('/*BREAK*/', ''));
    writeFileSync(join(dir, 'bad.mjs'), OUTSIDE_RENDERER.replace('/*BREAK*/', ".replace('Ann', 'Anne')"));
  });

  it('runs a renderer module outside the repo by relative path and exits 0', () => {
    const r = run(dir, [
      '--renderer',
      './good.mjs',
      '--cases',
      'cases.json',
      '--json',
      'out.json',
      '--junit',
      'out.xml',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('4 passed, 0 failed, 0 skipped');
    expect(r.stdout).toMatch(/^tiny\s+3\s+0\s+0\s+0$/m);
    expect(r.stdout).toMatch(/^errors\s+1\s+0\s+0\s+0$/m);
  });

  it('writes the JSON report: per case id, passed, actual output or error', () => {
    run(dir, ['--renderer', './good.mjs', '--cases', 'cases.json', '--json', 'out.json']);
    const report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(report.renderer).toBe('outside');
    expect(report.totals).toEqual({ passed: 4, failed: 0, skipped: 0, domEqualOnly: 0 });
    expect(report.cases[1]).toEqual({
      id: 'tiny/var',
      category: 'tiny',
      passed: true,
      status: 'passed',
      actual: 'Hi Ann!',
    });
    expect(report.cases[3]).toMatchObject({
      id: 'errors/unknown-tag',
      passed: true,
      error: { name: 'TemplateSyntaxError' },
    });
  });

  it('writes JUnit XML with one testsuite per category', () => {
    run(dir, ['--renderer', './bad.mjs', '--cases', 'cases.json', '--junit', 'bad.xml']);
    const xml = readFileSync(join(dir, 'bad.xml'), 'utf8');
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="tessera-conformance outside" tests="4" failures="1" skipped="0">/,
    );
    expect(xml).toContain('<testsuite name="tiny" tests="3" failures="1" skipped="0">');
    expect(xml).toContain('<testcase classname="outside.tiny" name="tiny/text"/>');
    expect(xml).toMatch(
      /<testcase classname="outside.tiny" name="tiny\/var">\n\s+<failure message="output differs" type="output">FAIL tiny\/var/,
    );
    expect(xml).toContain('expected: &quot;Hi Ann!&quot;');
  });

  it('exits 1 on a failure and prints the diff with the first differing position', () => {
    const r = run(dir, ['--renderer', './bad.mjs', '--cases', 'cases.json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAIL tiny/var: output differs');
    expect(r.stdout).toContain('first difference at index 6 (line 1, column 7): expected "!", got "e"');
    expect(r.stdout).toContain('template main.html (entry):\n    Hi {{ name }}!');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('3 passed, 1 failed, 0 skipped');
  });

  it('filters by --category and rejects bad usage', () => {
    const r = run(dir, ['--renderer', './good.mjs', '--cases', 'cases.json', '--category', 'err*']);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 passed, 0 failed, 0 skipped');
    expect(run(dir, ['--cases', 'cases.json']).status).toBe(2);
    const missing = run(dir, ['--renderer', './nope.mjs', '--cases', 'cases.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/RendererLoadError: cannot import renderer file:/);
  });
});
