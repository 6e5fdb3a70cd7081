import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenarios.js';
import { importRust, tesseraEngine } from './tessera.js';

describe('tesseraEngine', () => {
  it('reports a renderer that does not load as unavailable, with the reason', async () => {
    const engine = tesseraEngine('rust', 'dom', () => Promise.reject(new Error('no native binding\nstack')));
    expect(await engine.available()).toBe('@tessera/renderer-rust cannot be loaded (not built?): no native binding');
  });

  it('renders through the package it imports by name', async () => {
    const engine = tesseraEngine('string', 'exact', () => import('@tessera/renderer-string'));
    expect(await engine.available()).toBe(true);
    const simple = SCENARIOS.find((s) => s.name === 'simple')!;
    const prepared = await engine.prepare(simple);
    expect(typeof prepared.render).toBe('function');
  });

  it('imports @tessera/renderer-rust by name: the renderer when built, otherwise an error saying why', async () => {
    const loaded = await importRust().then(
      (module) => ({ module: module as { default?: { name?: unknown } } }),
      (error: Error) => ({ error }),
    );
    if ('module' in loaded) expect(loaded.module.default?.name).toBe('rust');
    else expect(loaded.error.message).toMatch(/\S/);
  });
});
