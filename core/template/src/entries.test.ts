// The main entry is browser-safe: nothing it reaches imports a Node built-in; only `./node` does.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const SPECIFIER = /\b(?:from|import)\s*\(?\s*'([^']+)'/g;
const builtins = new Set(builtinModules);

/** Every Node built-in imported by `entry` (a file of this package's src) and the local modules it reaches. */
function nodeImports(entry: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(new URL(file, import.meta.url), 'utf8');
    for (const [, spec] of source.matchAll(SPECIFIER)) {
      if (spec!.startsWith('.')) visit(new URL(spec!.replace(/\.js$/, '.ts'), new URL(file, import.meta.url)).href);
      else if (spec!.startsWith('node:') || builtins.has(spec!)) found.push(`${file.split('/').pop()}: ${spec}`);
    }
  };
  visit(new URL(entry, import.meta.url).href);
  expect(seen.size).toBeGreaterThan(1);
  return found;
}

describe('entries', () => {
  it('@tessera/template imports no Node built-in, however deep', () => {
    expect(nodeImports('./index.ts')).toEqual([]);
  });

  it('@tessera/template/node is where the file system comes in', () => {
    expect(nodeImports('./node.ts')).toEqual(['fs-loader.ts: node:fs', 'fs-loader.ts: node:path']);
  });
});
