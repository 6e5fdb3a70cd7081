import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A clone must explain itself: no tracked source or document may send a reader to a file, an issue or a
 * machine path that a clone does not have. The three kinds of reference that crept in before.
 */
const FORBIDDEN: readonly (readonly [string, RegExp])[] = [
  ['a design document outside the repository', /DESIGN\.md/],
  ['an issue number of a tracker a clone cannot see', /\b[Ii]ssues? #?\d+\b/],
  ['an absolute path of the machine it was written on', /(?:^|[^\w.~-])\/(?:work|home|root|tmp|Users|mnt)\//],
];

const root = fileURLToPath(new URL('..', import.meta.url));
const self = 'test/self-contained.test.ts';

function trackedFiles(): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', '-z', '--', '*.md', '*.ts', '*.rs', '*.mjs', '*.js', '*.py', '*.sh', '*.toml', '*.yml'],
    { cwd: root, encoding: 'utf8' },
  );
  return out.split('\0').filter((path) => path !== '' && path !== self);
}

function findReferences(path: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const [what, pattern] of FORBIDDEN) {
      if (pattern.test(line)) found.push(`${path}:${index + 1}: ${what}: ${line.trim().slice(0, 120)}`);
    }
  });
  return found;
}

describe('the repository is self-contained', () => {
  it('the patterns catch each kind of reference', () => {
    expect(findReferences('a.md', 'see DESIGN.md 3.2')).toHaveLength(1);
    expect(findReferences('a.ts', '// the goal of issue 5')).toHaveLength(1);
    expect(findReferences('a.md', 'cd /work/main && npm test')).toHaveLength(1);
    expect(findReferences('a.md', 'the docs/deploy.md page, ~/tmp/x and an issue of Django')).toHaveLength(0);
  });

  it('no tracked file cites a document, an issue or a machine path a clone cannot follow', () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((path) => findReferences(path, readFileSync(`${root}/${path}`, 'utf8')));
    expect(found).toEqual([]);
  });
});
