// The documented multi-process load test must run: a few clients over three processes for a moment, with
// broadcasts, every check of the script passing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { redisUnavailable } from '../test/redis.js';

const missing = redisUnavailable();
const script = fileURLToPath(new URL('../scripts/load-cluster.mjs', import.meta.url));

describe.skipIf(missing !== null)('scripts/load-cluster.mjs', () => {
  it('runs a short load over three processes and passes its own checks', { timeout: 180_000 }, async () => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, CLIENTS: '12', DURATION_MS: '1500', INTERVAL_MS: '100', BROADCAST_MS: '300' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    const status = await new Promise((resolve) => child.once('exit', resolve));
    expect(stdout).toContain('load:cluster: all checks passed');
    expect(status).toBe(0);
    const figures = JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1));
    expect(figures).toMatchObject({ processes: 3, clients: 12, lost: 0, outOfOrder: 0, viewsPerProcess: [4, 4, 4] });
    expect(figures.fanoutDeliveries).toBeGreaterThan(0);
    expect(figures.redis.roundTripsPerChange).toBeGreaterThan(0);
  });
});
