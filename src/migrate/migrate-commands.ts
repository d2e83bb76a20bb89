/**
 * The `sqlsure migrate …` commands as library calls: resolve the config, load the folder, open one
 * session, run. They return reports instead of printing; a broken folder throws MigrationFolderError.
 */
import path from 'node:path';
import { ConfigError, resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import { requireFolder } from '../config/project-paths.js';
import { addMigration, type AddedMigration, type AddMigrationOptions } from './add-migration.js';
import { loadMigrations } from './load-migrations.js';
import type { Migration } from './migration.js';
import type { MigrationConnection } from './migration-connection.js';
import { migrationInfo, type MigrationInfo } from './migration-info.js';
import { openMigrationSession } from './open-migration-session.js';
import { repairMigration, type RepairMigrationReport, type RepairMode } from './repair-migration.js';
import { revertMigrations, type RevertMigrationsOptions, type RevertMigrationsReport } from './revert-migrations.js';
import { applyMigrations, type RunMigrationsOptions, type RunMigrationsReport } from './run-migrations.js';

export interface MigrateOptions extends ConfigOverrides {
  /** An open session to use instead of connecting to the configured database. */
  connection?: MigrationConnection;
}

export type MigrateRunOptions = MigrateOptions & Pick<RunMigrationsOptions, 'dryRun' | 'targetVersion' | 'allowOutOfOrder' | 'onApplied' | 'onLockWait'>;
export type MigrateRevertOptions = MigrateOptions & Pick<RevertMigrationsOptions, 'targetVersion' | 'onReverted' | 'onLockWait'>;

export async function migrateRun(options: MigrateRunOptions = {}): Promise<RunMigrationsReport> {
  return withMigrations(options, (conn, migrations, config) =>
    applyMigrations(conn, migrations, { ...policy(config), ...pickDefined(options, ['dryRun', 'targetVersion', 'allowOutOfOrder', 'onApplied', 'onLockWait']) }),
  );
}

export async function migrateInfo(options: MigrateOptions = {}): Promise<MigrationInfo> {
  return withMigrations(options, (conn, migrations, config) => migrationInfo(conn, migrations, policy(config)));
}

export async function migrateRevert(options: MigrateRevertOptions = {}): Promise<RevertMigrationsReport> {
  return withMigrations(options, (conn, migrations, config) =>
    revertMigrations(conn, migrations, { ...policy(config), ...pickDefined(options, ['targetVersion', 'onReverted', 'onLockWait']) }),
  );
}

export async function migrateRepair(options: MigrateOptions & { version: bigint | number | string; mode?: RepairMode }): Promise<RepairMigrationReport> {
  return withMigrations(options, (conn, migrations, config) =>
    repairMigration(conn, migrations, options.version, { table: config.migrationsTable, ...(options.mode ? { mode: options.mode } : {}) }),
  );
}

/** Needs no database. */
export async function migrateAdd(options: ConfigOverrides & AddMigrationOptions & { description: string }): Promise<AddedMigration> {
  const config = await resolveConfig(options);
  return addMigration(path.join(config.root, config.migrations), options.description, options);
}

async function withMigrations<T>(options: MigrateOptions, run: (conn: MigrationConnection, migrations: Migration[], config: ResolvedConfig) => Promise<T>): Promise<T> {
  const config = await resolveConfig(options);
  requireFolder(config.root, 'migrations', config.migrations);
  const migrations = await loadMigrations(path.join(config.root, config.migrations), { checksum: config.migrationsChecksum, displayDir: config.migrations });
  if (options.connection) return run(options.connection, migrations, config);
  if (!config.databaseUrl) {
    throw new ConfigError('no database: set DATABASE_URL, pass --database-url, or set "databaseUrl" in sqlsure.config.json');
  }
  const session = await openMigrationSession(config.databaseUrl);
  try {
    return await run(session.connection, migrations, config);
  } finally {
    await session.close();
  }
}

function policy(config: ResolvedConfig) {
  return { table: config.migrationsTable, allowMissing: config.allowMissing, alternateChecksums: config.alternateChecksums, displayDir: config.migrations };
}

function pickDefined<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}
