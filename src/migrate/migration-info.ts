/** `migrate info`: the status of every migration, local or recorded. Reads only: no lock, no table created. */
import { DEFAULT_MIGRATIONS_TABLE } from '../config/config.js';
import { compareHistory, type HistoryEntry, type HistoryPolicy } from './migration-history.js';
import type { Migration, MigrationProblem } from './migration.js';
import type { MigrationConnection } from './migration-connection.js';
import { MigrationsTable } from './migrations-table.js';

export interface MigrationInfoOptions extends HistoryPolicy {
  table?: string;
}

export interface MigrationInfo {
  table: string;
  tableExists: boolean;
  entries: HistoryEntry[];
  /** What `migrate run` would refuse over. */
  refusals: MigrationProblem[];
}

export async function migrationInfo(conn: MigrationConnection, migrations: readonly Migration[], options: MigrationInfoOptions = {}): Promise<MigrationInfo> {
  const table = new MigrationsTable(conn, options.table ?? DEFAULT_MIGRATIONS_TABLE);
  const tableExists = await table.exists();
  const history = compareHistory(migrations, tableExists ? await table.rows() : [], options);
  return { table: table.displayName, tableExists, entries: history.entries, refusals: history.refusals };
}
