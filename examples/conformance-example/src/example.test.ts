import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asRenderer } from '@tessera/conformance';
import { renderer } from './index.js';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('@tessera/example-conformance', () => {
  it('is a renderer the suite accepts', () => {
    expect(asRenderer(renderer, 'example').name).toBe('example');
  });

  it('passes the whole conformance suite through the installed command, as an author would run it', () => {
    const bin = resolve(here, '..', '..', 'node_modules', '.bin', 'tessera-conformance');
    const r = spawnSync(bin, ['--renderer', './dist/index.js', '--show', '5'], {
      cwd: here,
      encoding: 'utf8',
    });
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    expect(last, r.stdout.slice(0, 4000)).toMatch(/^\d+ passed, 0 failed, 0 skipped$/);
    expect(r.status).toBe(0);
  });
});
