import { describe, expect, it } from 'vitest';
import { loadRenderer, type RendererName } from './renderer.js';

describe('loadRenderer', () => {
  it('loads the vdom renderer by name', async () => {
    expect((await loadRenderer('vdom')).name).toBe('vdom');
  });

  it('loads rust by name when its package is built, and otherwise says to build it', async () => {
    const outcome = await loadRenderer('rust').then(
      (renderer) => renderer.name,
      (err: Error) => err.message,
    );
    expect(['rust', 'renderer "rust" is not available: build @tessera/renderer-rust first']).toContain(outcome);
  });

  it('says clearly when a renderer is unknown or not usable', async () => {
    await expect(loadRenderer('nope' as RendererName)).rejects.toThrow('unknown renderer "nope" (vdom or rust)');
    await expect(loadRenderer({ name: 'x' } as never)).rejects.toThrow('renderer must have prepare, render and mount');
  });
});
