/**
 * `migrate run`: applies pending migrations in version order, under the advisory lock, each in
 * one transaction with its bookkeeping row — after refusing histories that cannot be trusted.
 * Works over any MigrationConnection (a pg client, PGlite).
 */
import { ConfigError, DEFAULT_MIGRATIONS_TABLE } from '../config/config.js';
import { loadSqlParser } from '../source/sql-scanner.js';
import { loadMigrations, MigrationFolderError } from './load-migrations.js';
import { acquireMigrationLock } from './migration-lock.js';
import { compareHistory, type HistoryPolicy } from './migration-history.js';
import { migrationLabel, upScript, type ChecksumMode, type Migration, type MigrationProblem } from './migration.js';
import type { MigrationConnection } from './migration-connection.js';
import { applyStep } from './migration-step.js';
import { MigrationsTable } from './migrations-table.js';
import { planScript } from './script-statements.js';
import type { ScriptStatement } from './split-statements.js';

export interface MigrationTableOptions {
  /** Default `_sqlsure_migrations`; may be `schema.name`. */
  table?: string;
  /** Take the per-database advisory lock around the run (default true). */
  lock?: boolean;
  /** Called when another session holds the lock and this run waits for it. */
  onLockWait?: () => void;
}

export interface RunMigrationsOptions extends MigrationTableOptions, Omit<HistoryPolicy, 'displayDir'> {
  /** For `runMigrations`: default `normalized`. */
  checksum?: ChecksumMode;
  /** How file paths appear in messages; default: the folder as given. */
  displayDir?: string;
  /** Report what would run; change nothing (no lock, no table created). */
  dryRun?: boolean;
  /** Apply only migrations up to and including this version (it must exist locally). */
  targetVersion?: bigint | number | string;
  /** Called after each migration is committed. */
  onApplied?: (applied: AppliedStep) => void;
}

export interface AppliedStep {
  version: bigint;
  description: string;
  file: string;
  durationNs: bigint;
}

export interface FailedStep {
  version: bigint;
  description: string;
  dirty: boolean;
  /** Statements that succeeded before the failing one. */
  completed: number;
  total: number;
}

export interface RunMigrationsReport {
  ok: boolean;
  /** Applied in this run, in order. */
  applied: AppliedStep[];
  /** What this run set out to apply (for a dry run: what would run). */
  planned: Migration[];
  problems: MigrationProblem[];
  /** The migration that failed while running; `dirty` when it ran outside a transaction and is recorded with success = false. */
  failed?: FailedStep;
  table: string;
}

export async function runMigrations(conn: MigrationConnection, migrationsDir: string, options: RunMigrationsOptions = {}): Promise<RunMigrationsReport> {
  let migrations: Migration[];
  try {
    migrations = await loadMigrations(migrationsDir, { checksum: options.checksum ?? 'normalized', displayDir: options.displayDir ?? migrationsDir });
  } catch (err) {
    if (err instanceof MigrationFolderError) {
      return { ok: false, applied: [], planned: [], problems: err.problems, table: options.table ?? DEFAULT_MIGRATIONS_TABLE };
    }
    throw err;
  }
  return applyMigrations(conn, migrations, { ...options, displayDir: options.displayDir ?? migrationsDir });
}

/** `runMigrations` for migrations already loaded (checksums computed in the mode the table uses). */
export async function applyMigrations(conn: MigrationConnection, migrations: readonly Migration[], options: RunMigrationsOptions = {}): Promise<RunMigrationsReport> {
  await loadSqlParser();
  const table = new MigrationsTable(conn, options.table ?? DEFAULT_MIGRATIONS_TABLE);
  const report: RunMigrationsReport = { ok: false, applied: [], planned: [], problems: [], table: table.displayName };
  const target = options.targetVersion !== undefined ? parseVersion(options.targetVersion) : undefined;
  if (target !== undefined && !migrations.some((m) => m.version === target)) {
    throw new ConfigError(`--target-version ${target} is not a migration in ${options.displayDir ?? 'the migrations folder'}`);
  }

  const release = !options.dryRun && options.lock !== false ? await acquireMigrationLock(conn, options.onLockWait) : undefined;
  try {
    // Read the history only once the lock is held: a concurrent run may just have applied some.
    let applied: Awaited<ReturnType<MigrationsTable['rows']>> = [];
    if (options.dryRun) {
      if (await table.exists()) applied = await table.rows();
    } else {
      await table.ensure();
      applied = await table.rows();
    }
    const history = compareHistory(migrations, applied, options);
    if (history.refusals.length) {
      report.problems = history.refusals;
      return report;
    }

    report.planned = history.pending.filter((m) => target === undefined || m.version <= target);
    // Parse everything first: a syntax error in the last migration stops the run before the first.
    const planned: Array<{ m: Migration; statements: ScriptStatement[] }> = [];
    for (const m of report.planned) {
      const plan = planScript(upScript(m));
      if (plan.ok) planned.push({ m, statements: plan.statements });
      else report.problems.push(plan.problem);
    }
    if (report.problems.length || options.dryRun) {
      report.ok = report.problems.length === 0;
      return report;
    }

    for (const { m, statements } of planned) {
      const outcome = await applyStep(conn, table, m, upScript(m), statements);
      if (!outcome.ok) {
        report.problems.push(outcome.problem);
        report.failed = { version: m.version, description: m.description, dirty: outcome.dirty, completed: outcome.completed, total: outcome.total };
        return report;
      }
      const step = { version: m.version, description: m.description, file: m.file, durationNs: outcome.durationNs };
      report.applied.push(step);
      options.onApplied?.(step);
    }
    report.ok = true;
    return report;
  } finally {
    await release?.();
  }
}

/** A version given by the user (flag, argument, option); bad input is a usage error. */
export function parseVersion(value: bigint | number | string, what = '--target-version'): bigint {
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new ConfigError(`${what} must be a migration version (digits), not "${text}"`);
  return BigInt(text);
}

/** One line that says what state a failed migration left behind. */
export function describeFailedStep(f: FailedStep, table: string, verb: 'apply' | 'revert' = 'apply'): string {
  const label = migrationLabel(f.version, f.description);
  if (!f.dirty) return `migration ${label} failed to ${verb} and was rolled back: the database and ${table} are as before`;
  const choices = verb === 'apply'
    ? `\`--mark-applied\` if its changes are now complete, or \`--mark-pending\` if they are undone (it then runs again)`
    : `\`--mark-pending\` if the revert is now complete, or \`--mark-applied\` if the migration's changes are back in place`;
  return `migration ${label} failed to ${verb} outside a transaction after ${f.completed} of ${f.total} statements; ` +
    `it is recorded as dirty (success = false) in ${table}, and every run refuses until it is repaired: ` +
    `fix the database by hand, then run \`sqlsure migrate repair ${f.version}\` with ${choices}`;
}
