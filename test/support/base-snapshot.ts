/**
 * The base snapshot (PGlite right after initdb, see src/database/pglite-snapshot.ts) in the test
 * run's machine cache, written once by the global setup through the same code `prepare` uses. So
 * every CLI run under that cache starts from it, none pays initdb by accident (only tests that name
 * an empty cache of their own do, on purpose), and what a run reports does not depend on which
 * test file happened to start first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from '../../src/database/embedded-database.js';
import { readSnapshot } from '../../src/database/pglite-snapshot.js';
import { pgliteVersion } from '../../src/database/pglite-version.js';

export async function ensureBaseSnapshot(userCacheDir: string): Promise<void> {
  // Kept between runs (node_modules/.cache): usually there, and checked without starting PGlite.
  const found = await readSnapshot(userCacheDir, { pglite: pgliteVersion(), extensions: [], migrations: [] }).catch(() => undefined);
  if (found?.status === 'found') return;
  const projectSnapshots = await mkdtemp(path.join(os.tmpdir(), 'sqlsure-base-'));
  try {
    // No migrations: it starts from the base when there is one, else runs initdb and saves it.
    const { db } = await startEmbeddedDatabase([], { snapshotDir: projectSnapshots, userCacheDir, displayDir: 'migrations' });
    await db.close();
  } finally {
    await rm(projectSnapshots, { recursive: true, force: true });
  }
}
