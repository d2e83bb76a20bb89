/**
 * Runs once before any test file (vitest globalSetup), so that no test can pass by testing the
 * wrong thing or by not running:
 *
 * - dist/ is rebuilt when any of it is older than src/ (the CLI tests run dist/);
 * - an unreachable PostgreSQL stops the run with a message saying how to start one or point
 *   TEST_DATABASE_URL at one; SQLSURE_TEST_SKIP_PG=1 is the explicit, loud opt-out;
 * - the shared PGlite initdb dump (fresh-pglite.ts) and the CLI's base snapshot in the run's
 *   machine cache (base-snapshot.ts) exist before the workers start.
 */
import { ensureBaseSnapshot } from './base-snapshot.js';
import { ensureFreshBuild } from './fresh-build.js';
import { ensurePGliteDump } from './fresh-pglite.js';
import { probeServer, skipPgRequested, TEST_DATABASE_URL, unreachableServerMessage } from './pg-test-database.js';
import { REPO_ROOT } from './project-dir.js';
import { TEST_USER_CACHE_DIR } from './test-user-cache.js';

const BANNER = '!'.repeat(100);

export default async function setup(): Promise<() => void> {
  ensureFreshBuild(REPO_ROOT);
  const [failure] = await Promise.all([probeServer(), ensurePGliteDump(), ensureBaseSnapshot(TEST_USER_CACHE_DIR)]);
  let skipped = false;
  if (failure !== undefined) {
    if (!skipPgRequested()) throw new Error(unreachableServerMessage(failure));
    skipped = true;
    console.warn(skipNotice(failure));
  }
  // Repeated at the end, where it is seen: a green run without PostgreSQL proves less.
  return () => {
    if (skipped) console.warn(skipNotice(failure!));
  };
}

function skipNotice(failure: string): string {
  return [
    BANNER,
    `SQLSURE_TEST_SKIP_PG=1: PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${failure}).`,
    'Every suite that needs a real server was SKIPPED; this run does not count as passing in CI.',
    BANNER,
  ].join('\n');
}
