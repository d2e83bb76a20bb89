/**
 * `migrate run`: the migrations folder, split by PostgreSQL's parser, applied by the shared runner
 * (src/migrator/apply-migrations.ts). Works over any MigrationConnection (a pg client, PGlite).
 */
import { loadSqlParser } from '../source/sql-scanner.js';
import {
  applyMigrationPlan,
  type AppliedStep,
  type ApplyMigrationsOptions,
  type ApplyMigrationsReport,
  type FailedStep,
  type MigrationTableOptions,
} from '../migrator/apply-migrations.js';
import { DEFAULT_MIGRATIONS_TABLE } from '../migrator/migration-record.js';
import type { MigrationConnection } from '../migrator/migration-connection.js';
import { loadMigrations, MigrationFolderError } from './load-migrations.js';
import { upScript, type ChecksumMode, type Migration } from './migration.js';
import { planStatements } from './script-statements.js';

export { describeFailedStep, parseVersion } from '../migrator/apply-migrations.js';
export type { AppliedStep, FailedStep, MigrationTableOptions };

export interface RunMigrationsOptions extends ApplyMigrationsOptions {
  /** For `runMigrations`: default `normalized`. */
  checksum?: ChecksumMode;
}

export type RunMigrationsReport = ApplyMigrationsReport<Migration>;

export async function runMigrations(conn: MigrationConnection, migrationsDir: string, options: RunMigrationsOptions = {}): Promise<RunMigrationsReport> {
  let migrations: Migration[];
  try {
    migrations = await loadMigrations(migrationsDir, { checksum: options.checksum ?? 'normalized', displayDir: options.displayDir ?? migrationsDir });
  } catch (err) {
    if (err instanceof MigrationFolderError) {
      return { ok: false, applied: [], planned: [], problems: err.problems, notices: [], table: options.table ?? DEFAULT_MIGRATIONS_TABLE };
    }
    throw err;
  }
  return applyMigrations(conn, migrations, { ...options, displayDir: options.displayDir ?? migrationsDir });
}

/** `runMigrations` for migrations already loaded (checksums computed in the mode the table uses). */
export async function applyMigrations(conn: MigrationConnection, migrations: readonly Migration[], options: RunMigrationsOptions = {}): Promise<RunMigrationsReport> {
  await loadSqlParser();
  return applyMigrationPlan(conn, migrations, (m) => planStatements(upScript(m)), options);
}
