import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vdom from '@tessera/renderer-vdom';
import { describe, expect, it } from 'vitest';
import { loadRenderer, type RendererName } from './renderer.js';

describe('loadRenderer', () => {
  it('takes a LiveRenderer object as it is', async () => {
    const mine = { ...vdom, name: 'mine' };
    expect(await loadRenderer(mine)).toBe(mine);
  });

  it('loads the vdom renderer by name', async () => {
    expect((await loadRenderer('vdom')).name).toBe('vdom');
  });

  it('loads rust by name when its package is built, and otherwise names the package', async () => {
    const outcome = await loadRenderer('rust').then(
      (renderer) => renderer.name,
      (err: Error) => err.message,
    );
    expect(outcome).toMatch(/^rust$|^renderer "rust": @tessera\/renderer-rust failed to load \(is it built\?\): ./);
  });

  it('names the package to install, or the one that failed to load, under plain Node', () => {
    // The built module in an empty folder: vdom resolves nowhere, rust is installed but throws on import.
    const dir = mkdtempSync(join(tmpdir(), 'tessera-live-renderer-'));
    copyFileSync(fileURLToPath(new URL('../dist/renderer.js', import.meta.url)), join(dir, 'renderer.mjs'));
    const rust = join(dir, 'node_modules', '@tessera', 'renderer-rust');
    mkdirSync(rust, { recursive: true });
    writeFileSync(join(rust, 'package.json'), '{"name":"@tessera/renderer-rust","type":"module","main":"index.js"}');
    writeFileSync(join(rust, 'index.js'), 'throw new Error("no native addon for this platform");');
    const script = `import { loadRenderer } from './renderer.mjs';
      for (const name of ['vdom', 'rust']) await loadRenderer(name).catch((e) => console.log(e.message));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual([
      'renderer "vdom" needs @tessera/renderer-vdom, which is not installed: npm install @tessera/renderer-vdom',
      'renderer "rust": @tessera/renderer-rust failed to load (is it built?): no native addon for this platform',
    ]);
  });

  it('says clearly when a renderer is unknown or not usable', async () => {
    await expect(loadRenderer('nope' as RendererName)).rejects.toThrow(
      'unknown renderer "nope": pass a LiveRenderer object, or codegen, vdom or rust',
    );
    await expect(loadRenderer({ name: 'x' } as never)).rejects.toThrow('renderer must have prepare, render and mount');
  });
});
