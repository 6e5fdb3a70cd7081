// The import rules of the repository, enforced: scripts/check-imports.mjs over the real tree, and over a
// small made-up repository that breaks each rule once.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const script = join(repo, 'scripts', 'check-imports.mjs');

function check(root: string): { status: number | null; lines: string[] } {
  const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return { status: run.status, lines: run.stdout.trim().split('\n') };
}

function fakeRepo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tessera-imports-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const json = (value: unknown) => JSON.stringify(value);
const build = json({ include: ['src'], exclude: ['src/**/*.test.ts'] });

describe('import rules', () => {
  it('hold in this repository: every package imports only what it declares', () => {
    const { status, lines } = check(repo);
    expect(lines.slice(0, -1)).toEqual([]);
    expect(lines.at(-1)).toMatch(/^imports of \d+ files in \d+ packages checked: 0 problem\(s\)$/);
    expect(status).toBe(0);
  });

  it('name each file and import that breaks one', () => {
    const root = fakeRepo({
      'package.json': json({
        private: true,
        workspaces: ['pkgs/*', 'renderers/*', 'core/*'],
        devDependencies: { vitest: '1' },
      }),
      'pkgs/a/package.json': json({
        name: 'a',
        dependencies: { b: '1' },
        peerDependencies: { p: '1' },
        devDependencies: { d: '1' },
      }),
      'pkgs/a/tsconfig.build.json': build,
      'pkgs/a/src/index.ts': [
        "import { b } from 'b/sub';",
        "import type { P } from 'p';",
        "import { readFileSync } from 'node:fs';",
        "import { c } from 'c';",
        "import { d } from 'd';",
        "export { e } from '../../b/src/index.js';",
        'const name = String(b);',
        'await import(name);',
        '// import-check: p',
        'await import(name);',
        '// import-check: q',
        'await import(name);',
      ].join('\n'),
      'pkgs/a/src/index.test.ts': "import { d } from 'd';\nimport { it } from 'vitest';\nawait import(String(d));",
      'pkgs/b/package.json': json({ name: 'b' }),
      'pkgs/b/src/index.ts': 'export const e = 1;',
      'renderers/x/package.json': json({ name: '@tessera/renderer-x', dependencies: { '@tessera/renderer-y': '1' } }),
      'renderers/x/src/index.ts': "import y from '@tessera/renderer-y';",
      'core/m/package.json': json({ name: '@tessera/m', dependencies: { '@tessera/renderer-x': '1' } }),
      'core/m/src/index.ts': "import x from '@tessera/renderer-x';",
      'test/all.test.ts': "import 'a';\nimport 'left-pad';",
    });
    const { status, lines } = check(root);
    expect(lines).toEqual([
      'core/m/src/index.ts:1: a core package imports a renderer (@tessera/renderer-x)',
      'pkgs/a/src/index.ts:4: imports c, which pkgs/a/package.json does not declare in dependencies, peerDependencies or optionalDependencies',
      'pkgs/a/src/index.ts:5: imports d, which pkgs/a/package.json does not declare in dependencies, peerDependencies or optionalDependencies',
      'pkgs/a/src/index.ts:6: reaches into pkgs/b by path; import b',
      'pkgs/a/src/index.ts:8: import() of a computed specifier needs an "import-check:" comment naming what it loads',
      'pkgs/a/src/index.ts:12: imports q, which pkgs/a/package.json does not declare in dependencies, peerDependencies or optionalDependencies',
      'renderers/x/src/index.ts:1: a renderer imports another renderer (@tessera/renderer-y)',
      'test/all.test.ts:2: imports left-pad, which the root package.json does not declare',
      'imports of 6 files in 4 packages checked: 8 problem(s)',
    ]);
    expect(status).toBe(1);
  });
});
