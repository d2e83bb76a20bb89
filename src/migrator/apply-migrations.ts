/**
 * The one migration runner, shared by `sqlsure migrate run`, the embedded database of `prepare`
 * and `sqlsure/migrator`: applies pending migrations in version order, under the advisory lock,
 * each in one transaction with its bookkeeping row — after refusing histories that cannot be
 * trusted. Where the statements come from (the CLI's parser, or the build) is the caller's business.
 */
import { compareHistory, type HistoryPolicy } from './migration-history.js';
import type { MigrationConnection } from './migration-connection.js';
import { acquireMigrationLock } from './migration-lock.js';
import {
  DEFAULT_MIGRATIONS_TABLE,
  MigrationOptionError,
  migrationLabel,
  type AppliedMigration,
  type MigrationDefinition,
  type MigrationProblem,
  type MigrationStatement,
} from './migration-record.js';
import { applyStep } from './migration-step.js';
import { MigrationsTable } from './migrations-table.js';

export interface MigrationTableOptions {
  /** Default `_sqlsure_migrations`; may be `schema.name`. `_sqlx_migrations` adopts a sqlx database. */
  table?: string;
  /** Take the per-database advisory lock around the run (default true). */
  lock?: boolean;
  /** Called when another session holds the lock and this run waits for it. */
  onLockWait?: () => void;
}

export interface ApplyMigrationsOptions extends MigrationTableOptions, Omit<HistoryPolicy, 'displayDir'> {
  /** How the migrations folder appears in messages. */
  displayDir?: string;
  /** Report what would run; change nothing (no lock, no table created). */
  dryRun?: boolean;
  /** Apply only migrations up to and including this version (it must be one of the migrations). */
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

export interface ApplyMigrationsReport<M extends MigrationDefinition = MigrationDefinition> {
  ok: boolean;
  /** Applied in this run, in order. */
  applied: AppliedStep[];
  /** What this run set out to apply (for a dry run: what would run). */
  planned: M[];
  problems: MigrationProblem[];
  /** What is worth knowing but changes nothing: migrations newer than these, tolerated because none is breaking. */
  notices: string[];
  /** The migration that failed while running; `dirty` when it ran outside a transaction and is recorded with success = false. */
  failed?: FailedStep;
  table: string;
}

/** The statements of a migration, or why it cannot run. */
export type StatementPlan = { ok: true; statements: readonly MigrationStatement[] } | { ok: false; problem: MigrationProblem };

export async function applyMigrationPlan<M extends MigrationDefinition>(
  conn: MigrationConnection,
  migrations: readonly M[],
  planFor: (m: M) => StatementPlan,
  options: ApplyMigrationsOptions = {},
): Promise<ApplyMigrationsReport<M>> {
  const table = new MigrationsTable(conn, options.table ?? DEFAULT_MIGRATIONS_TABLE);
  const report: ApplyMigrationsReport<M> = { ok: false, applied: [], planned: [], problems: [], notices: [], table: table.displayName };
  const target = options.targetVersion !== undefined ? parseVersion(options.targetVersion) : undefined;
  if (target !== undefined && !migrations.some((m) => m.version === target)) {
    throw new MigrationOptionError(`--target-version ${target} is not a migration in ${options.displayDir ?? 'the migrations folder'}`);
  }

  const release = !options.dryRun && options.lock !== false ? await acquireMigrationLock(conn, options.onLockWait) : undefined;
  try {
    // Read the history only once the lock is held: a concurrent run may just have applied some.
    let applied: AppliedMigration[] = [];
    if (options.dryRun) {
      if (await table.exists()) applied = await table.rows();
    } else {
      await table.ensure();
      applied = await table.rows();
    }

    const window = await compatibilityWindow(table, migrations, applied);
    if (window.refusal) {
      report.problems = [window.refusal];
      return report;
    }
    report.notices.push(...window.notices);
    const history = compareHistory(migrations, applied, { ...options, allowMissing: [...(options.allowMissing ?? []), ...window.tolerated] });
    if (history.refusals.length) {
      report.problems = history.refusals;
      return report;
    }
    if (!options.dryRun) await recordKnownBreaking(table, migrations, applied);

    report.planned = history.pending.filter((m) => target === undefined || m.version <= target);
    // Plan everything first: a syntax error in the last migration stops the run before the first.
    const planned: Array<{ m: M; statements: readonly MigrationStatement[] }> = [];
    for (const m of report.planned) {
      const plan = planFor(m);
      if (plan.ok) planned.push({ m, statements: plan.statements });
      else report.problems.push(plan.problem);
    }
    if (report.problems.length || options.dryRun) {
      report.ok = report.problems.length === 0;
      return report;
    }

    for (const { m, statements } of planned) {
      const outcome = await applyStep(conn, table, m, { file: m.file, noTransaction: m.noTransaction, statements });
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

interface CompatibilityWindow {
  /** Applied versions newer than every migration known here, tolerated because the floor allows it. */
  tolerated: bigint[];
  notices: string[];
  refusal?: MigrationProblem;
}

/**
 * A database migrated by a newer release (a rollback): its migrations newer than every one known
 * here are not "missing files" but the future. Tolerated while none of them is breaking; refused,
 * naming the breaking one, once the compatibility floor is above this release.
 */
async function compatibilityWindow(table: MigrationsTable, migrations: readonly MigrationDefinition[], applied: readonly AppliedMigration[]): Promise<CompatibilityWindow> {
  const newestKnown = migrations.reduce<bigint>((max, m) => (m.version > max ? m.version : max), -1n);
  const ahead = applied.filter((a) => a.version > newestKnown);
  if (ahead.length === 0) return { tolerated: [], notices: [] };
  const floor = await table.compatibilityFloor();
  if (floor && floor.version > newestKnown) {
    return { tolerated: [], notices: [], refusal: { message: incompatibleMessage(floor, newestKnown), hint: INCOMPATIBLE_HINT } };
  }
  return { tolerated: ahead.map((a) => a.version), notices: [newerNotice(ahead, newestKnown)] };
}

export const INCOMPATIBLE_HINT = 'deploy a release that includes this migration (or a newer one); rolling back across a breaking migration needs a database restore or a revert of that migration';

export function incompatibleMessage(floor: { version: bigint; description: string }, newestKnown: bigint): string {
  const known = newestKnown < 0n ? 'this release knows no migrations' : `the newest migration this release knows is ${newestKnown}`;
  return `this database was migrated by a newer release that is not backwards compatible with this one: migration ${migrationLabel(floor.version, floor.description)} is breaking, and ${known}`;
}

export function newerNotice(ahead: readonly { version: bigint; description: string }[], newestKnown: bigint): string {
  const names = ahead.map((a) => migrationLabel(a.version, a.description)).join(', ');
  const known = newestKnown < 0n ? 'this release knows none' : `newer than ${newestKnown}, the newest this release knows`;
  return `the database has ${ahead.length} migration${ahead.length === 1 ? '' : 's'} applied by a newer release (${names}; ${known}); none is breaking, so this release can run on it`;
}

/**
 * Applied migrations that this release knows to be breaking but the database does not record as
 * such (applied by sqlx, or by a sqlsure without compatibility floors) are recorded now.
 */
async function recordKnownBreaking(table: MigrationsTable, migrations: readonly MigrationDefinition[], applied: readonly AppliedMigration[]): Promise<void> {
  const breaking = migrations.filter((m) => m.breaking);
  if (breaking.length === 0) return;
  const recorded = new Set((await table.breakingVersions()).map(String));
  const done = new Map(applied.filter((a) => a.success).map((a) => [a.version, a]));
  for (const m of breaking) {
    const row = done.get(m.version);
    if (row && row.checksum.equals(m.checksum) && !recorded.has(String(m.version))) await table.recordBreaking(m.version, m.description);
  }
}

/** A version given by the user (flag, argument, option); bad input is a usage error. */
export function parseVersion(value: bigint | number | string, what = '--target-version'): bigint {
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new MigrationOptionError(`${what} must be a migration version (digits), not "${text}"`);
  return BigInt(text);
}

/** One line that says what state a failed migration left behind. */
export function describeFailedStep(f: FailedStep, table: string, verb: 'apply' | 'revert' = 'apply'): string {
  const label = migrationLabel(f.version, f.description);
  if (!f.dirty) return `migration ${label} failed to ${verb} and was rolled back: the database and ${table} are as before`;
  const choices = verb === 'apply'
    ? `\`--mark-applied\` if its changes are now complete, or \`--mark-pending\` if they are undone (it then runs again)`
    : `\`--mark-pending\` if the revert is now complete, or \`--mark-applied\` if the migration's changes are back in place`;
  return `migration ${label} failed to ${verb} outside a transaction after ${f.completed} of ${f.total} statement${f.total === 1 ? '' : 's'}; ` +
    `it is recorded as dirty (success = false) in ${table}, and every run refuses until it is repaired: ` +
    `fix the database by hand, then run \`sqlsure migrate repair ${f.version}\` with ${choices}`;
}
