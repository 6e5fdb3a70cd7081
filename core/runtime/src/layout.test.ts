// The folders of src/ are layers (README.md, Layout): a module imports from its own folder, from the
// folders listed for it here, and from `options.ts`, which imports nothing. Tests may import anything.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Folder -> the other folders its modules may import; `.` is src/ itself (index.ts, render.ts). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  values: [],
  python: ['values'],
  text: ['values'],
  html: ['values', 'text'],
  time: ['values'],
  filters: ['values', 'python', 'text', 'html', 'time'],
  '.': ['values', 'python', 'text', 'html', 'time', 'filters'],
};

const folderOf = (file: string): string => relative(SRC, dirname(file)).split(sep)[0] || '.';

function* modules(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* modules(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

describe('src layout', () => {
  it('has a layer for every folder', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.map((e) => e.name).sort()).toEqual(
      Object.keys(MAY_IMPORT)
        .filter((f) => f !== '.')
        .sort(),
    );
  });

  it('imports only from lower layers', () => {
    const wrong: string[] = [];
    for (const file of modules(SRC)) {
      const from = folderOf(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const target = join(dirname(file), spec!);
        const to = folderOf(target);
        const allowed = to === from || MAY_IMPORT[from]!.includes(to) || target === join(SRC, 'options.js');
        if (!allowed) wrong.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
