/**
 * Sends a script's statements one by one on the migration session. One at a time, rather than the
 * whole file as one simple query, so an error without a position (a constraint violation, an error
 * inside a DO block) still points at the statement that failed.
 */
import type { MigrationConnection } from './migration-connection.js';
import type { MigrationProblem, MigrationStatement, Position } from './migration-record.js';
import { asServerError, type ServerError } from './server-error.js';

/** A script ready to run: its statements already split (by the CLI's parser, or at build time). */
export interface StepScript {
  file: string;
  noTransaction: boolean;
  statements: readonly MigrationStatement[];
}

export type ExecuteOutcome = { ok: true } | { ok: false; problem: MigrationProblem; /** Statements that succeeded first. */ completed: number };

export async function executeStatements(conn: MigrationConnection, script: StepScript): Promise<ExecuteOutcome> {
  const { statements } = script;
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    try {
      await conn.exec(statement.sql);
    } catch (err) {
      const e = asServerError(err);
      if (!e) throw err;
      return { ok: false, problem: locateServerError(script, statement, e), completed: i };
    }
  }
  return { ok: true };
}

/** `file:line:col` of the server's position (code points, 1-based, in the statement as sent). */
export function locateServerError(script: Pick<StepScript, 'file' | 'noTransaction'>, statement: MigrationStatement, e: ServerError): MigrationProblem {
  const offset = e.position ? codePointToUtf16(statement.sql, e.position - 1) : 0;
  const details = [e.detail, !e.position && e.where ? `context: ${e.where.replace(/\n/g, '; ')}` : undefined].filter(Boolean);
  const hint = e.code === '25001' && !script.noTransaction
    ? 'put `-- no-transaction` on the first line of the file to run it outside a transaction'
    : e.hint;
  return {
    file: script.file,
    position: positionInStatement(statement, offset),
    code: e.code,
    message: details.length ? `${e.message} (${details.join('; ')})` : e.message,
    ...(hint ? { hint } : {}),
  };
}

/** The file position of a UTF-16 offset inside a statement whose start position is known. */
export function positionInStatement(statement: MigrationStatement, offset: number): Position {
  const before = statement.sql.slice(0, offset);
  const lastNewline = before.lastIndexOf('\n');
  if (lastNewline < 0) return { line: statement.line, column: statement.column + offset };
  let newlines = 0;
  for (let i = 0; i <= lastNewline; i++) if (before.charCodeAt(i) === 10) newlines++;
  return { line: statement.line + newlines, column: offset - lastNewline };
}

/** PostgreSQL counts positions in code points; JavaScript strings index UTF-16 code units. */
export function codePointToUtf16(text: string, codePoints: number): number {
  let units = 0;
  for (let cp = 0; cp < codePoints && units < text.length; cp++) {
    units += text.codePointAt(units)! >= 0x10000 ? 2 : 1;
  }
  return units;
}
