/**
 * The tests Stryker runs for one scope (MUTATE_SCOPE, see scopes.mjs; unset: every scope's). No global setup: these
 * tests need neither a database nor dist/, and a build of Stryker's instrumented sources is
 * neither wanted nor possible.
 */
import { defineConfig } from 'vitest/config';
// @ts-expect-error -- plain ESM module shared with the Stryker config, no type declarations
import { scopeTests } from './scopes.mjs';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: scopeTests() as string[],
    testTimeout: 60_000,
    // Some check tests prepare a project in beforeAll: vitest's 10 s default fails the dry run under load.
    hookTimeout: 120_000,
  },
});
