/**
 * Redis for tests: each suite starts its own redis-server (Debian's package) on a free port. Without it
 * the suites are skipped with the reason, except under CI=true, where a missing redis-server fails.
 */
import { describe, expect, it } from 'vitest';
import { redisMissing } from '../scripts/redis-server.mjs';

export { startRedisServer } from '../scripts/redis-server.mjs';

/** Why the Redis suites cannot run here (null: they can); reports it as a skip, or under CI as a failure. */
export function redisUnavailable(): string | null {
  const missing = redisMissing();
  if (missing === null) return null;
  if (process.env['CI'] === 'true') {
    describe('redis-server (CI)', () => {
      it('is installed', () => {
        expect(missing).toBeNull();
      });
    });
  } else {
    console.warn(`redis suites skipped: ${missing}`);
  }
  return missing;
}
