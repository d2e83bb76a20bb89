/**
 * A MigrationConnection over PGlite. Typed structurally so neither this file nor the published
 * declarations depend on @electric-sql/pglite.
 */
import type { MigrationConnection } from './migration-connection.js';

/** The part of `PGliteInterface` (and its transactions) the runner uses. */
export interface PGliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

export function pgliteConnection(db: PGliteLike): MigrationConnection {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
  };
}
