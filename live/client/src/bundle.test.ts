// The client bundle budget: what every live page downloads must stay under 10 KB gzipped.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const BUDGET = 10 * 1024;

describe('client bundle', () => {
  it('fits the 10 KB gzipped budget', () => {
    const body = readFileSync(new URL('../dist/bundle/client.js', import.meta.url));
    const gzipped = gzipSync(body, { level: 9 }).length;
    expect(gzipped).toBeGreaterThan(1000);
    expect(gzipped).toBeLessThanOrEqual(BUDGET);
  });

  it('loads the local renderer only as a separate chunk', () => {
    const body = readFileSync(new URL('../dist/bundle/client.js', import.meta.url), 'utf8');
    expect(body).toMatch(/import\("\.\/chunk-[\w-]+\.js"\)/);
    expect(body).not.toContain('TemplateSyntaxError');
  });

  it('imports no Node built-in from any file: the browser entries it bundles need no stubs', () => {
    const dir = new URL('../dist/bundle/', import.meta.url);
    const files = readdirSync(dir).filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const nodeImport = /\b(?:from|import)\s*\(?\s*["'](?:node:|fs["'/]|path["'/])/;
    expect(nodeImport.test('import{readFileSync as r}from"node:fs";')).toBe(true);
    for (const name of files)
      expect([name, nodeImport.test(readFileSync(new URL(name, dir), 'utf8'))]).toEqual([name, false]);
  });
});
