/** One `pg` session for a migrate command: the lock, the transactions and the bookkeeping share it. */
import pg from 'pg';
import { DatabaseUnreachableError, redact } from '../database/pg-server-channel.js';
import type { MigrationConnection } from '../migrator/migration-connection.js';
import { pgClientConnection } from '../migrator/pg-client-connection.js';

export interface MigrationSession {
  connection: MigrationConnection;
  close(): Promise<void>;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);

export async function openMigrationSession(databaseUrl: string, connectTimeoutMs = 10_000): Promise<MigrationSession> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'sqlsure migrate', connectionTimeoutMillis: connectTimeoutMs });
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

function describeConnectError(err: unknown, databaseUrl: string): string {
  const e = err as { code?: string; message?: string };
  const where = redact(databaseUrl);
  if (e.code && UNREACHABLE_CODES.has(e.code)) return `cannot reach the database at ${where} (${e.code})`;
  if (e.code === '3D000') return `${e.message} (at ${where})`;
  if (e.code === '28P01' || e.code === '28000') return `authentication failed for ${where}: ${e.message}`;
  return `cannot connect to the database at ${where}: ${e.message ?? String(err)}`;
}
