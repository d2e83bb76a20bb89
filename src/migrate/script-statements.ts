/** Turns a migration script into the statements to send, refusing what cannot run safely. */
import type { StatementPlan } from '../migrator/apply-migrations.js';
import type { MigrationStatement } from '../migrator/migration-record.js';
import { LineIndex } from '../source/text-position.js';
import type { MigrationProblem, MigrationScript } from './migration.js';
import { splitStatements, statementKind, type ScriptStatement } from './split-statements.js';

export type ScriptPlan = { ok: true; statements: ScriptStatement[] } | { ok: false; problem: MigrationProblem };

/** Would end (or nest) the transaction sqlsure wraps around the migration and its bookkeeping row. */
const TRANSACTION_CONTROL = new Map([
  ['TRANS_STMT_BEGIN', 'BEGIN'],
  ['TRANS_STMT_START', 'START TRANSACTION'],
  ['TRANS_STMT_COMMIT', 'COMMIT'],
  ['TRANS_STMT_ROLLBACK', 'ROLLBACK'],
  ['TRANS_STMT_PREPARE', 'PREPARE TRANSACTION'],
  ['TRANS_STMT_COMMIT_PREPARED', 'COMMIT PREPARED'],
  ['TRANS_STMT_ROLLBACK_PREPARED', 'ROLLBACK PREPARED'],
]);

/** Needs `loadSqlParser()` to have resolved. */
export function planScript(script: MigrationScript): ScriptPlan {
  const split = splitStatements(script.sql);
  const at = (offset: number) => new LineIndex(script.sql).position(offset);
  if (!split.ok) {
    return { ok: false, problem: { file: script.file, position: at(split.offset ?? 0), code: '42601', message: split.message } };
  }
  if (!script.noTransaction) {
    for (const s of split.statements) {
      const kind = (s.node.TransactionStmt as { kind?: string } | undefined)?.kind;
      const control = statementKind(s) === 'TransactionStmt' && kind ? TRANSACTION_CONTROL.get(kind) : undefined;
      if (!control) continue;
      return {
        ok: false,
        problem: {
          file: script.file,
          position: at(s.start),
          message: `${control} in a migration that runs inside a transaction`,
          hint: 'sqlsure commits each migration together with its bookkeeping row; remove it, or put `-- no-transaction` on the first line to manage transactions yourself',
        },
      };
    }
  }
  return { ok: true, statements: split.statements };
}

/** `planScript`, with each statement placed in its file: what the shared runner executes. Needs `loadSqlParser()`. */
export function planStatements(script: MigrationScript): StatementPlan {
  const plan = planScript(script);
  return plan.ok ? { ok: true, statements: placeStatements(script.sql, plan.statements) } : plan;
}

export function placeStatements(sql: string, statements: readonly ScriptStatement[]): MigrationStatement[] {
  const lines = new LineIndex(sql);
  return statements.map((s) => ({ sql: s.text, ...lines.position(s.start) }));
}
