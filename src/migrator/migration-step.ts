/**
 * One migration applied or reverted together with its bookkeeping row.
 *
 * In a transaction (the default): BEGIN, the statements, the row, COMMIT — an error rolls all of
 * it back, leaving no partial schema and no row.
 *
 * Outside a transaction (`-- no-transaction`): the row is written first with success = false and
 * set to true only when every statement succeeded. A failure, or a crash of this process, leaves
 * the migration dirty, so no later run proceeds over a half-applied migration unnoticed.
 *
 * A breaking migration is also recorded in the compatibility side table, in the same transaction
 * as its row (or when its row turns successful), so the floor never runs ahead of the schema.
 */
import { executeStatements, type StepScript } from './execute-statements.js';
import type { MigrationConnection } from './migration-connection.js';
import type { MigrationDefinition, MigrationProblem } from './migration-record.js';
import type { MigrationsTable } from './migrations-table.js';
import { asServerError } from './server-error.js';

export type StepOutcome =
  | { ok: true; durationNs: bigint }
  | {
      ok: false;
      problem: MigrationProblem;
      /** The row now says success = false. */
      dirty: boolean;
      /** Statements that succeeded before the failure. */
      completed: number;
      total: number;
      durationNs: bigint;
    };

export async function applyStep(conn: MigrationConnection, table: MigrationsTable, m: MigrationDefinition, script: StepScript): Promise<StepOutcome> {
  const row = { version: m.version, description: m.description, checksum: m.checksum };
  const recordBreaking = () => (m.breaking ? table.recordBreaking(m.version, m.description) : Promise.resolve());
  if (!script.noTransaction) {
    return inTransaction(conn, script, async (executionTimeNs) => {
      await table.insert({ ...row, success: true, executionTimeNs });
      await recordBreaking();
    });
  }
  await table.insert({ ...row, success: false, executionTimeNs: 0n });
  const outcome = await outsideTransaction(conn, script);
  if (outcome.ok) {
    await table.update(m.version, { success: true, executionTimeNs: outcome.durationNs });
    await recordBreaking();
  } else {
    await table.update(m.version, { executionTimeNs: outcome.durationNs });
  }
  return outcome;
}

export async function revertStep(conn: MigrationConnection, table: MigrationsTable, m: MigrationDefinition, script: StepScript): Promise<StepOutcome> {
  const forget = async () => {
    await table.forgetBreaking(m.version);
    await table.delete(m.version);
  };
  if (!script.noTransaction) return inTransaction(conn, script, forget);
  const outcome = await outsideTransaction(conn, script);
  if (outcome.ok) await forget();
  else await table.update(m.version, { success: false });
  return outcome;
}

async function inTransaction(conn: MigrationConnection, script: StepScript, bookkeep: (executionTimeNs: bigint) => Promise<void>): Promise<StepOutcome> {
  const total = script.statements.length;
  await conn.exec('BEGIN');
  const started = process.hrtime.bigint();
  let durationNs = 0n;
  try {
    const executed = await executeStatements(conn, script);
    durationNs = process.hrtime.bigint() - started;
    if (!executed.ok) {
      await rollback(conn);
      return { ok: false, problem: executed.problem, dirty: false, completed: executed.completed, total, durationNs };
    }
    await bookkeep(durationNs);
    await conn.exec('COMMIT');
    return { ok: true, durationNs };
  } catch (err) {
    await rollback(conn);
    const e = asServerError(err);
    if (!e) throw err;
    // Only the bookkeeping or COMMIT itself (a deferred constraint, say) get here.
    const problem: MigrationProblem = { file: script.file, position: { line: 1, column: 1 }, code: e.code, message: `${e.message} (while committing)`, ...(e.hint ? { hint: e.hint } : {}) };
    return { ok: false, problem, dirty: false, completed: total, total, durationNs };
  }
}

async function outsideTransaction(conn: MigrationConnection, script: StepScript): Promise<StepOutcome> {
  const started = process.hrtime.bigint();
  const executed = await executeStatements(conn, script);
  const durationNs = process.hrtime.bigint() - started;
  if (executed.ok) return { ok: true, durationNs };
  // The script may have opened a transaction of its own; the bookkeeping must not land in it.
  await rollback(conn);
  return { ok: false, problem: executed.problem, dirty: true, completed: executed.completed, total: script.statements.length, durationNs };
}

/** Outside a transaction this only raises a warning, which is fine. */
async function rollback(conn: MigrationConnection): Promise<void> {
  await conn.exec('ROLLBACK').catch(() => undefined);
}
