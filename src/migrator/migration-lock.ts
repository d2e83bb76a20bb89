/**
 * A session-level advisory lock per database, held by the session that applies the migrations,
 * so concurrent runs (two deploys, several app instances) apply each migration exactly once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { MigrationConnection } from './migration-connection.js';

// Derived from the database name: runs against different databases of one server never wait.
const KEY = `pg_catalog.hashtextextended('sqlsure migrate ' || pg_catalog.current_database(), 0)`;
const MAX_POLL_MS = 500;

/**
 * Resolves once the lock is held; `onWait` is called once if another session holds it.
 *
 * Polls with pg_try_advisory_lock instead of blocking in pg_advisory_lock: a blocked statement is
 * an open transaction, and the lock holder's `CREATE INDEX CONCURRENTLY` waits for every open
 * transaction to end — a deadlock the server would resolve by failing one of the two runs.
 */
export async function acquireMigrationLock(conn: MigrationConnection, onWait?: () => void): Promise<() => Promise<void>> {
  for (let attempt = 0, delay = 25; ; attempt++, delay = Math.min(delay * 2, MAX_POLL_MS)) {
    const [tried] = await conn.query<{ locked: boolean }>(`SELECT pg_catalog.pg_try_advisory_lock(${KEY}) AS locked`);
    if (tried?.locked) break;
    if (attempt === 0) onWait?.();
    await sleep(delay);
  }
  return async () => {
    await conn.query(`SELECT pg_catalog.pg_advisory_unlock(${KEY})`);
  };
}
