import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RENDERERS } from './renderers.js';

const renderersDir = new URL('../../../renderers/', import.meta.url);
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('RENDERERS', () => {
  it('names every renderer package of the repository, in name order', () => {
    const inRepo = readdirSync(renderersDir)
      .filter((dir) => existsSync(new URL(`${dir}/package.json`, renderersDir)))
      .map(
        (dir) =>
          (JSON.parse(readFileSync(new URL(`${dir}/package.json`, renderersDir), 'utf8')) as { name: string }).name,
      )
      .sort();
    expect(inRepo.length).toBeGreaterThanOrEqual(4);
    expect(RENDERERS.map((r) => r.name)).toEqual(inRepo);
  });

  it('imports only renderers this workspace declares', () => {
    for (const { name } of RENDERERS) expect([name, packageJson.dependencies[name]]).toEqual([name, '0.1.0']);
  });
});
