/**
 * The little the migration runner needs from a database session, so it runs unchanged over a real
 * server (`pg`) and over PGlite. Everything must go through ONE session: the advisory lock,
 * `BEGIN`/`COMMIT` and session settings belong to it.
 */
export interface MigrationConnection {
  /** One statement, extended protocol when there are parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A script, simple query protocol (no parameters; may hold several statements). */
  exec(sql: string): Promise<void>;
}
