import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-codegen-cli-'));
writeFileSync(join(dir, 'page.html'), '<h1>{{ title }}</h1>');
writeFileSync(join(dir, 'broken.html'), '{% if %}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = main(
    args,
    (t) => (out += t),
    (t) => (err += t),
  );
  return { code, out, err };
}

describe('tessera-codegen', () => {
  it('prints the module to stdout', () => {
    const r = cli(dir, 'page.html');
    expect(r.code).toBe(0);
    expect(r.out).toContain('export default function factory(h, t) {');
    expect(r.out).toContain('"<h1>"');
  });

  it('writes the module with -o', () => {
    const out = join(dir, 'page.js');
    expect(cli(dir, 'page.html', '-o', out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('escapeHtml(');
  });

  it('generates raw output with --autoescape off', () => {
    expect(cli(dir, 'page.html', '--autoescape', 'off').out).toContain('raw(root(');
  });

  it('reports template errors with their class name and exit code 1', () => {
    expect(cli(dir, 'missing.html')).toMatchObject({ code: 1, err: expect.stringContaining('TemplateDoesNotExist') });
    expect(cli(dir, 'broken.html')).toMatchObject({ code: 1, err: expect.stringContaining('TemplateSyntaxError') });
  });

  it('prints usage and exit code 2 on bad arguments', () => {
    expect(cli().code).toBe(2);
    expect(cli(dir).err).toContain('usage:');
    expect(cli(dir, 'page.html', '--bogus').code).toBe(2);
    expect(cli(dir, 'page.html', '--autoescape', 'maybe').code).toBe(2);
  });
});
