/** A MigrationConnection over a connected `pg.Client` (type-only import: no driver loaded here). */
import type pg from 'pg';
import type { MigrationConnection } from './migration-connection.js';

export function pgClientConnection(client: pg.Client): MigrationConnection {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      const result = await client.query(sql, params);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      // Without values pg uses the simple query protocol, which accepts any utility statement.
      await client.query(sql);
    },
  };
}
