/** `migrate info`: the status of every migration, local or recorded. Reads only: no lock, no table created. */
import type { MigrationConnection } from '../migrator/migration-connection.js';
import { compareHistory, type HistoryEntry, type HistoryPolicy } from '../migrator/migration-history.js';
import { DEFAULT_MIGRATIONS_TABLE, type CompatibilityFloor } from '../migrator/migration-record.js';
import { MigrationsTable } from '../migrator/migrations-table.js';
import type { Migration, MigrationProblem } from './migration.js';

export interface MigrationInfoOptions extends HistoryPolicy {
  table?: string;
}

export interface MigrationInfo {
  table: string;
  tableExists: boolean;
  entries: HistoryEntry<Migration>[];
  /** The newest applied breaking migration: releases whose newest migration is older refuse to start. */
  compatibilityFloor?: CompatibilityFloor;
  /** What `migrate run` would refuse over. */
  refusals: MigrationProblem[];
}

export async function migrationInfo(conn: MigrationConnection, migrations: readonly Migration[], options: MigrationInfoOptions = {}): Promise<MigrationInfo> {
  const table = new MigrationsTable(conn, options.table ?? DEFAULT_MIGRATIONS_TABLE);
  const tableExists = await table.exists();
  const history = compareHistory(migrations, tableExists ? await table.rows() : [], options);
  const floor = tableExists ? await table.compatibilityFloor() : undefined;
  return { table: table.displayName, tableExists, entries: history.entries, refusals: history.refusals, ...(floor ? { compatibilityFloor: floor } : {}) };
}
