/**
 * `migrate repair <version>`: tells the bookkeeping table what the user knows and sqlsure cannot.
 *
 * - An applied migration whose file was edited on purpose: record the file's new checksum.
 * - A dirty migration (failed part-way outside a transaction): sqlsure cannot tell whether its
 *   changes were finished or undone by hand, so the user must say which — `mark-applied` (record
 *   it as applied with the current checksum) or `mark-pending` (delete the row; the next run
 *   applies it again). A bare repair of a dirty migration is refused.
 */
import { parseVersion, type MigrationTableOptions } from '../migrator/apply-migrations.js';
import type { MigrationConnection } from '../migrator/migration-connection.js';
import { acquireMigrationLock } from '../migrator/migration-lock.js';
import { DEFAULT_MIGRATIONS_TABLE } from '../migrator/migration-record.js';
import { MigrationsTable } from '../migrator/migrations-table.js';
import { migrationLabel, type Migration, type MigrationProblem } from './migration.js';

export type RepairMode = 'checksum' | 'mark-applied' | 'mark-pending';

export interface RepairMigrationOptions extends MigrationTableOptions {
  /** Default `checksum`. */
  mode?: RepairMode;
}

export interface RepairMigrationReport {
  ok: boolean;
  problems: MigrationProblem[];
  /** What changed; `unchanged` when the recorded checksum already matched. */
  action?: 'checksum-updated' | 'marked-applied' | 'marked-pending' | 'unchanged';
  version: bigint;
  description?: string;
  oldChecksum?: Buffer;
  newChecksum?: Buffer;
  table: string;
}

export async function repairMigration(
  conn: MigrationConnection,
  migrations: readonly Migration[],
  version: bigint | number | string,
  options: RepairMigrationOptions = {},
): Promise<RepairMigrationReport> {
  const v = parseVersion(version, 'the version to repair');
  const mode = options.mode ?? 'checksum';
  const table = new MigrationsTable(conn, options.table ?? DEFAULT_MIGRATIONS_TABLE);
  const report: RepairMigrationReport = { ok: false, problems: [], version: v, table: table.displayName };
  const local = migrations.find((m) => m.version === v);
  const refuse = (message: string, hint?: string) => {
    report.problems.push({ ...(local ? { file: local.file, position: { line: 1, column: 1 } } : {}), message, ...(hint ? { hint } : {}) });
    return report;
  };

  const release = options.lock !== false ? await acquireMigrationLock(conn, options.onLockWait) : undefined;
  try {
    const row = (await table.exists()) ? (await table.rows()).find((r) => r.version === v) : undefined;
    const label = migrationLabel(v, local?.description ?? row?.description);
    if (!row) return refuse(`migration ${label} is not recorded in ${table.displayName}; there is nothing to repair`);
    report.description = row.description;
    report.oldChecksum = row.checksum;

    if (!row.success && mode === 'checksum') {
      return refuse(
        `migration ${label} is dirty: it failed part-way outside a transaction, and only you know what state the database is in now`,
        `fix the database by hand, then run \`sqlsure migrate repair ${v} --mark-applied\` if its changes are complete, or \`--mark-pending\` if they are undone (it then runs again)`,
      );
    }
    if (row.success && mode === 'mark-pending') {
      return refuse(`migration ${label} was applied successfully; --mark-pending only clears a dirty migration`, 'to undo an applied migration, use `sqlsure migrate revert`');
    }
    if (mode === 'mark-pending') {
      await table.forgetBreaking(v);
      await table.delete(v);
      report.action = 'marked-pending';
      report.ok = true;
      return report;
    }
    if (!local) return refuse(`migration ${label} has no file in the migrations folder, so there is no checksum to record`, 'restore the file first');
    report.newChecksum = local.checksum;
    if (row.success && row.checksum.equals(local.checksum)) {
      report.action = 'unchanged';
    } else {
      await table.update(v, { success: true, checksum: local.checksum });
      report.action = row.success ? 'checksum-updated' : 'marked-applied';
    }
    if (local.breaking) {
      await table.ensure(); // the compatibility side table, when a sqlx database has none yet
      await table.recordBreaking(v, local.description);
    }
    report.ok = true;
    return report;
  } finally {
    await release?.();
  }
}
