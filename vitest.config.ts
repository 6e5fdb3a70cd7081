import { defineConfig } from 'vitest/config';

// One run over every package: `npm test` (scripts/test.mjs) builds first, because packages import
// each other through their built `dist/` exports, exactly as outside users do.
export default defineConfig({
  test: {
    include: [
      'core/*/src/**/*.test.ts',
      'live/*/src/**/*.test.ts',
      'orm/src/**/*.test.ts',
      'tools/*/src/**/*.test.ts',
      'renderers/*/src/**/*.test.ts',
      'renderers/rust/js/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // One fast-check seed for every property (deterministic runs).
    setupFiles: ['test/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
