/**
 * Sends a script's statements one by one on the migration session. One at a time, rather than the
 * whole file as one simple query, so an error without a position (a constraint violation, an error
 * inside a DO block) still points at the statement that failed.
 */
import { codePointToUtf16 } from '../source/sql-scanner.js';
import { LineIndex } from '../source/text-position.js';
import type { MigrationProblem, MigrationScript } from './migration.js';
import type { MigrationConnection } from './migration-connection.js';
import { asServerError, type ServerError } from './server-error.js';
import type { ScriptStatement } from './split-statements.js';

export type ExecuteOutcome = { ok: true } | { ok: false; problem: MigrationProblem; /** Statements that succeeded first. */ completed: number };

export async function executeStatements(conn: MigrationConnection, script: MigrationScript, statements: readonly ScriptStatement[]): Promise<ExecuteOutcome> {
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    try {
      await conn.exec(statement.text);
    } catch (err) {
      const e = asServerError(err);
      if (!e) throw err;
      return { ok: false, problem: locateServerError(script, statement, e), completed: i };
    }
  }
  return { ok: true };
}

/** `file:line:col` of the server's position (code points, 1-based, in the statement as sent). */
export function locateServerError(script: MigrationScript, statement: ScriptStatement, e: ServerError): MigrationProblem {
  const offset = statement.start + (e.position ? codePointToUtf16(statement.text, e.position - 1) : 0);
  const details = [e.detail, !e.position && e.where ? `context: ${e.where.replace(/\n/g, '; ')}` : undefined].filter(Boolean);
  const hint = e.code === '25001' && !script.noTransaction
    ? 'put `-- no-transaction` on the first line of the file to run it outside a transaction'
    : e.hint;
  return {
    file: script.file,
    position: new LineIndex(script.sql).position(offset),
    code: e.code,
    message: details.length ? `${e.message} (${details.join('; ')})` : e.message,
    ...(hint ? { hint } : {}),
  };
}
