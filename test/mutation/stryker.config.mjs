/**
 * StrykerJS for one scope of scopes.mjs (MUTATE_SCOPE); run it through `npm run mutate`
 * (run-mutate.mjs). Incremental: a re-run only tests mutants whose code or tests changed.
 */
import { currentScope } from './scopes.mjs';

const scope = currentScope();
const reports = `reports/mutation/${scope.name}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: scope.mutate,
  coverageAnalysis: 'perTest',
  // Two cores shared with everything else on this machine; override with --concurrency.
  concurrency: 2,
  incremental: true,
  incrementalFile: `${reports}/incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // dist/ stays: a few tests also run the built CLI (unmutated) for its exit codes.
  // Also another run's sandbox (a second scope started with --tempDirName .stryker-tmp-<scope>).
  ignorePatterns: ['/bench', '/examples', '/generated', '/offline-cache', '/reports', '/scratch', '/.d_tmp', '/.stryker-tmp*'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 30_000,
  thresholds: { high: 90, low: 75, break: null },
};
