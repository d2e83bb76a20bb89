/**
 * The embedded PostgreSQL is started with settings for a short-lived, single-session describer:
 * PGlite's default 128 MB shared buffer pool is zeroed (memset in WebAssembly) at every start,
 * about 0.4 s and 120 MB of resident memory that a prepare never uses.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '../../src/database/embedded-database.js';
import { TEST_USER_CACHE_DIR } from '../support/test-user-cache.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('the embedded database', () => {
  it('starts (here from the machine base snapshot) with a 16 MB shared buffer pool', async () => {
    const snapshotDir = await mkdtemp(path.join(os.tmpdir(), 'sqlsure-settings-'));
    dirs.push(snapshotDir);
    const { db, report } = await startEmbeddedDatabase([], { snapshotDir, userCacheDir: TEST_USER_CACHE_DIR, displayDir: 'migrations' });
    try {
      expect(report.start).toBe('base');
      const { rows } = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(rows[0]?.shared_buffers).toBe('16MB');
    } finally {
      await db.close();
    }
  });
});
