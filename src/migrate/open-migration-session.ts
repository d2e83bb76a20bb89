/** One `pg` session for a migrate command: the lock, the transactions and the bookkeeping share it. */
import pg from 'pg';
import { DatabaseUnreachableError, describeConnectError } from '../database/pg-server-channel.js';
import { connectionUrlFor } from '../database/redact-url.js';
import type { MigrationConnection } from '../migrator/migration-connection.js';
import { pgClientConnection } from '../migrator/pg-client-connection.js';

export interface MigrationSession {
  connection: MigrationConnection;
  close(): Promise<void>;
}

export async function openMigrationSession(databaseUrl: string, connectTimeoutMs = 10_000): Promise<MigrationSession> {
  const connectionString = connectionUrlFor(databaseUrl);
  const client = new pg.Client({ connectionString, application_name: 'sqlsure migrate', connectionTimeoutMillis: connectTimeoutMs });
  // Without a listener a dropped connection would crash the process; the pending query rejects anyway.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw new DatabaseUnreachableError(describeConnectError(err, databaseUrl));
  }
  return {
    connection: pgClientConnection(client),
    close: () => client.end().catch(() => undefined),
  };
}
