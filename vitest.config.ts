import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { TEST_USER_CACHE_DIR } from './test/support/test-user-cache.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds a stale dist/, refuses to pass without PostgreSQL, prepares the shared PGlite dump.
    globalSetup: ['test/support/global-setup.ts'],
    // Most files spend their time waiting on PostgreSQL, PGlite or a spawned CLI, not on their own
    // CPU: vitest's default (cores - 1, a single worker on a 2-core machine) ran them one by one.
    maxWorkers: Math.max(3, availableParallelism() + 1),
    // The PGlite base snapshot (post-initdb, shared by every project) goes to a test folder, never
    // to the user's ~/.cache; suites that need "no base anywhere" set their own.
    env: { SQLSURE_USER_CACHE_DIR: TEST_USER_CACHE_DIR },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
