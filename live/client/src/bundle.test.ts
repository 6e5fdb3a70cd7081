// The client bundle budget: what every live page downloads must stay under 10 KB gzipped.
import { readFileSync } from 'node:fs';
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
});
