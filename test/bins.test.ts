// The commands the workspace packages declare (`bin` in package.json), as `npm install` links them into
// node_modules/.bin. npm links a bin only if its file exists at install time, before anything is built,
// so each must be a committed file (not a build output) that runs the built CLI.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN_DIR = join(ROOT, 'node_modules', '.bin');
const scratch = mkdtempSync(join(tmpdir(), 'tessera-bins-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Command {
  readonly name: string;
  readonly file: string;
}

/** Every `bin` of every workspace package, with the file it names. */
function commands(): Command[] {
  const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  const dirs = workspaces.flatMap((w) =>
    w.endsWith('/*')
      ? readdirSync(join(ROOT, w.slice(0, -2))).map((d) => join(ROOT, w.slice(0, -2), d))
      : [join(ROOT, w)],
  );
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .flatMap((dir) => {
      const { bin = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        bin?: Record<string, string>;
      };
      return Object.entries(bin).map(([name, file]) => ({ name, file: join(dir, file) }));
    });
}

describe('installed commands', () => {
  const all = commands();

  it('include tessera-conformance and tessera-codegen', () => {
    expect(all.map((c) => c.name).sort()).toEqual(expect.arrayContaining(['tessera-codegen', 'tessera-conformance']));
  });

  it.each(all)('$name is linked to its source file, not to a build output', ({ name, file }) => {
    expect(file).not.toMatch(/[/\\](dist|build)[/\\]/);
    expect(realpathSync(join(BIN_DIR, name))).toBe(realpathSync(file));
  });

  it.each(all)('$name explains that its package is not built, instead of crashing', ({ name, file }) => {
    // The same file where no dist/ sits beside it, as in a clone where the build has not run yet.
    const copy = join(scratch, name, 'bin', 'cli.js');
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(file, copy);
    const r = spawnSync(process.execPath, [copy, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^${name} is not built: .*\\nRun \`npm run build\` at the repository root\\.\\n$`),
    );
  });

  it('tessera-codegen writes the module of a template, and fails clearly on a bad one', () => {
    const dir = join(scratch, 'templates');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'page.html'), '<h1>{{ title }}</h1>');
    const ok = spawnSync(join(BIN_DIR, 'tessera-codegen'), [dir, 'page.html'], { encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('export default function factory(h, t) {');
    const missing = spawnSync(join(BIN_DIR, 'tessera-codegen'), [dir, 'nope.html'], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^TemplateDoesNotExist: /);
  });

  it('tessera-conformance runs a renderer package by its short name', () => {
    const r = spawnSync(join(BIN_DIR, 'tessera-conformance'), ['--renderer', 'string', '--category', 'tag-now'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^[1-9]\d* passed, 0 failed, 0 skipped$/);
  });
});
