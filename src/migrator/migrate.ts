/**
 * `migrate(db, migrations, options)`: what `sqlsure migrate run` does, for an application that ships
 * its migrations inside (generated/_migrations.ts) — the same runner, lock, bookkeeping table,
 * checksums, refusals and escape hatches, with statements split at build time.
 */
import { applyMigrationPlan, describeFailedStep, type ApplyMigrationsOptions, type ApplyMigrationsReport } from './apply-migrations.js';
import { openSession, type MigratorDatabase } from './database-handle.js';
import { toRunnable, type EmbeddedMigration, type MigrationPolicy } from './embedded-migration.js';
import { formatProblemLine } from './format-problem-line.js';
import { migrationLabel, type MigrationDefinition } from './migration-record.js';

export interface MigrateOptions extends MigrationPolicy, Omit<ApplyMigrationsOptions, 'table' | 'allowMissing' | 'alternateChecksums' | 'displayDir'> {
  /** Throw a MigrateError when the run refuses or a migration fails, instead of only reporting it. */
  throwOnFailure?: boolean;
}

export interface MigrateReport extends ApplyMigrationsReport<MigrationDefinition> {
  /** One line for the application's log. */
  summary: string;
}

export class MigrateError extends Error {
  constructor(readonly report: MigrateReport) {
    super([report.summary, ...report.problems.map(formatProblemLine)].join('\n'));
    this.name = 'MigrateError';
  }
}

export async function migrate(db: MigratorDatabase, migrations: readonly EmbeddedMigration[], options: MigrateOptions = {}): Promise<MigrateReport> {
  const runnable = toRunnable(migrations);
  const { throwOnFailure, ...runOptions } = options;
  const session = await openSession(db);
  let report: ApplyMigrationsReport<MigrationDefinition>;
  try {
    report = await applyMigrationPlan(session.connection, runnable, (m) => ({ ok: true, statements: m.statements }), { ...runOptions, displayDir: 'this build' });
  } finally {
    session.release();
  }
  const result: MigrateReport = { ...report, summary: summarise(report, options.dryRun === true) };
  if (!result.ok && throwOnFailure) throw new MigrateError(result);
  return result;
}

function summarise(r: ApplyMigrationsReport<MigrationDefinition>, dryRun: boolean): string {
  if (r.failed) return describeFailedStep(r.failed, r.table);
  if (!r.ok) return `migrations refused (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}): nothing was applied — ${formatProblemLine(r.problems[0]!)}`;
  const notes = r.notices.length ? `; ${r.notices.join('; ')}` : '';
  if (dryRun) return `dry run: ${r.planned.length ? `would apply ${r.planned.map((m) => migrationLabel(m.version, m.description)).join(', ')}` : 'nothing to apply'}${notes}`;
  if (!r.applied.length) return `migrations: the database is up to date${notes}`;
  return `migrations: applied ${r.applied.map((s) => migrationLabel(s.version, s.description)).join(', ')}${notes}`;
}
