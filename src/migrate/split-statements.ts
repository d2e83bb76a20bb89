/**
 * Splits a migration script into statements with PostgreSQL's own parser, so dollar-quoted
 * bodies, `BEGIN ATOMIC … END`, `DO` blocks and comments never split in the wrong place.
 */
import { parseSql } from '../source/sql-scanner.js';

export interface ScriptStatement {
  /** Exactly what is sent to the server (without the terminating `;`). */
  text: string;
  /** UTF-16 offset of `text` in the script, to map server positions back. */
  start: number;
  /** The statement's parse tree node, e.g. `{ CreateExtensionStmt: {…} }`. */
  node: Record<string, unknown>;
}

export type SplitOutcome =
  | { ok: true; statements: ScriptStatement[] }
  | { ok: false; message: string; /** UTF-16 offset, when the parser gave one. */ offset?: number };

/** Needs `loadSqlParser()` to have resolved. */
export function splitStatements(sql: string): SplitOutcome {
  const parsed = parseSql(sql);
  if (!parsed.ok) return { ok: false, message: parsed.error.message, ...(parsed.error.offset !== undefined ? { offset: parsed.error.offset } : {}) };
  const { toChar } = parsed;
  const statements = (parsed.result.stmts ?? []).map((raw): ScriptStatement => {
    // Locations and lengths are UTF-8 bytes; a length of 0 means "to the end of the text".
    const from = raw.stmt_location ?? 0;
    const start = toChar(from);
    const end = raw.stmt_len ? toChar(from + raw.stmt_len) : sql.length;
    return { text: sql.slice(start, end), start, node: (raw.stmt ?? {}) as Record<string, unknown> };
  });
  return { ok: true, statements };
}

/** The node's type name, e.g. `CreateExtensionStmt`. */
export function statementKind(statement: ScriptStatement): string {
  return Object.keys(statement.node)[0] ?? '';
}
