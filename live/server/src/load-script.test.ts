// The documented load test must run: a few clients for a moment, every check of the script passing.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/load.mjs', import.meta.url));

describe('scripts/load.mjs', () => {
  it('runs a short load with its malformed phase and passes its own checks', () => {
    const run = spawnSync(process.execPath, [script], {
      env: { ...process.env, CLIENTS: '8', DURATION_MS: '400', INTERVAL_MS: '100' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stdout).toContain('load: all checks passed');
    expect(run.status).toBe(0);
    const figures = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'), run.stdout.lastIndexOf('}') + 1));
    expect(figures).toMatchObject({ clients: 8, withoutAttackers: { lost: 0, outOfOrder: 0 } });
  });
});
