import { defineConfig } from 'vitest/config';

/** End-to-end tests that drive real programs (kubectl) against real servers; browser tests run under Playwright. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
