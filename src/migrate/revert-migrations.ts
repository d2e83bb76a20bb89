/**
 * `migrate revert`: runs the `.down.sql` of the newest applied migration (or of every applied
 * migration newer than a target), newest first, each in one transaction with deleting its row.
 */
import { parseVersion, type AppliedStep, type FailedStep, type MigrationTableOptions } from '../migrator/apply-migrations.js';
import type { StepScript } from '../migrator/execute-statements.js';
import type { MigrationConnection } from '../migrator/migration-connection.js';
import { compareHistory, type HistoryPolicy } from '../migrator/migration-history.js';
import { acquireMigrationLock } from '../migrator/migration-lock.js';
import { DEFAULT_MIGRATIONS_TABLE } from '../migrator/migration-record.js';
import { revertStep } from '../migrator/migration-step.js';
import { MigrationsTable } from '../migrator/migrations-table.js';
import { loadSqlParser } from '../source/sql-scanner.js';
import { downScript, migrationLabel, type Migration, type MigrationProblem } from './migration.js';
import { planStatements } from './script-statements.js';

export interface RevertMigrationsOptions extends MigrationTableOptions, Omit<HistoryPolicy, 'allowOutOfOrder'> {
  /** Revert every applied migration newer than this version; without it, only the newest one. */
  targetVersion?: bigint | number | string;
  onReverted?: (reverted: AppliedStep) => void;
}

export interface RevertMigrationsReport {
  ok: boolean;
  reverted: AppliedStep[];
  problems: MigrationProblem[];
  failed?: FailedStep;
  table: string;
}

export async function revertMigrations(conn: MigrationConnection, migrations: readonly Migration[], options: RevertMigrationsOptions = {}): Promise<RevertMigrationsReport> {
  await loadSqlParser();
  const table = new MigrationsTable(conn, options.table ?? DEFAULT_MIGRATIONS_TABLE);
  const report: RevertMigrationsReport = { ok: false, reverted: [], problems: [], table: table.displayName };
  const target = options.targetVersion !== undefined ? parseVersion(options.targetVersion) : undefined;

  const release = options.lock !== false ? await acquireMigrationLock(conn, options.onLockWait) : undefined;
  try {
    const applied = (await table.exists()) ? await table.rows() : [];
    // Pending migrations do not matter to a revert, so their order does not either.
    const history = compareHistory(migrations, applied, { ...options, allowOutOfOrder: true });
    if (history.refusals.length) {
      report.problems = history.refusals;
      return report;
    }
    const newestFirst = history.entries.filter((e) => e.applied).reverse();
    const chosen = target === undefined ? newestFirst.slice(0, 1) : newestFirst.filter((e) => e.version > target);

    const steps: Array<{ m: Migration; script: StepScript }> = [];
    for (const entry of chosen) {
      const m = entry.local;
      const label = migrationLabel(entry.version, entry.description);
      if (!m) {
        report.problems.push({ message: `migration ${label} cannot be reverted: its file is missing`, hint: 'restore its .up.sql and .down.sql files' });
        continue;
      }
      const script = downScript(m);
      if (!script) {
        report.problems.push({
          file: m.file,
          position: { line: 1, column: 1 },
          message: `migration ${label} is a simple migration and cannot be reverted`,
          hint: 'only reversible migrations (.up.sql with a .down.sql) can be reverted; write a new migration that undoes it',
        });
        continue;
      }
      const plan = planStatements(script);
      if (plan.ok) steps.push({ m, script: { file: script.file, noTransaction: script.noTransaction, statements: plan.statements } });
      else report.problems.push(plan.problem);
    }
    if (report.problems.length) return report;

    for (const { m, script } of steps) {
      const outcome = await revertStep(conn, table, m, script);
      if (!outcome.ok) {
        report.problems.push(outcome.problem);
        report.failed = { version: m.version, description: m.description, dirty: outcome.dirty, completed: outcome.completed, total: outcome.total };
        return report;
      }
      const step = { version: m.version, description: m.description, file: script.file, durationNs: outcome.durationNs };
      report.reverted.push(step);
      options.onReverted?.(step);
    }
    report.ok = true;
    return report;
  } finally {
    await release?.();
  }
}
