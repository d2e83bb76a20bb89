/**
 * The scopes of `npm run mutate`: where a surviving mutant is a wrong nullability verdict, a stale
 * cache passing `check`, or a migration history accepted when it must be refused. Each lists the
 * files Stryker mutates and the fast, database-free tests that must kill the mutants.
 */
export const SCOPES = {
  engine: {
    what: 'nullability and parameter inference (src/infer/)',
    mutate: ['src/infer/**/*.ts'],
    tests: [
      'test/cases/replay.test.ts', 'test/infer/narrowing.test.ts', 'test/infer/function-verdicts.test.ts', 'test/infer/ts-type-map.test.ts',
      'test/infer/engine-survivors.test.ts', 'test/infer/allow-list-coverage.test.ts', 'test/infer/column-names.test.ts', 'test/infer/param-targets.test.ts',
      'test/infer/param-nullability.test.ts', 'test/infer/from-clause.test.ts', 'test/infer/analyze-query.test.ts',
    ],
  },
  check: {
    what: 'the offline check (src/check/)',
    mutate: ['src/check/**/*.ts'],
    tests: ['test/check/offline-check.test.ts', 'test/check/verified-cache.test.ts', 'test/check/check-mutants.test.ts', 'test/check/verify-entry.test.ts'],
  },
  history: {
    what: 'migration history and checksum policy (allowMissing, alternateChecksums, out of order)',
    mutate: ['src/migrator/migration-history.ts', 'src/migrate/migration-checksum.ts'],
    tests: ['test/migrate/history-policy.test.ts'],
  },
};

/** The scope named by MUTATE_SCOPE (set by run-mutate.mjs). */
export function currentScope() {
  const name = process.env.MUTATE_SCOPE;
  const scope = name ? SCOPES[name] : undefined;
  if (!scope) throw new Error(`MUTATE_SCOPE must be one of ${Object.keys(SCOPES).join(', ')}; run it as: npm run mutate -- --scope <name>`);
  return { name, ...scope };
}

/** The tests of the scope named by MUTATE_SCOPE, or of every scope when it is unset; MUTATE_TESTS (comma-separated) overrides. */
export function scopeTests() {
  if (process.env.MUTATE_TESTS) return process.env.MUTATE_TESTS.split(',');
  return process.env.MUTATE_SCOPE ? currentScope().tests : [...new Set(Object.values(SCOPES).flatMap((s) => s.tests))];
}
