/**
 * The smallest surface generated code needs from a database handle. Declared structurally (no
 * driver import) so that pg `Pool`, `Client`, `PoolClient` and PGlite (`PGlite`,
 * `PGliteInterface`, `Transaction`) all satisfy it; test/runtime/queryable.types.ts proves it.
 */
export interface QueryResultLike {
  rows: unknown[];
  /** pg: rows affected or returned (null for commands without a count); PGlite: per statement. */
  rowCount?: number | null;
  /** PGlite: rows changed by INSERT/UPDATE/DELETE. */
  affectedRows?: number;
  /** Both drivers: each column's name and type OID as the server described it. */
  fields?: ReadonlyArray<{ name: string; dataTypeID: number }>;
}

export interface Queryable {
  // A method (not a function-typed property) on purpose: method parameters are compared
  // bivariantly, which lets the drivers' overloaded and generic `query` signatures match.
  query(text: string, values?: unknown[]): Promise<QueryResultLike>;
}

/**
 * Implemented by sqlsure's own wrappers (transaction handles): the driver handle underneath, so
 * generated code can pass it driver-specific options (driver-query.ts).
 */
// Registered (Symbol.for), so that two copies of the runtime in one process still understand each other.
export const CONNECTION: unique symbol = Symbol.for('sqlsure.connection') as never;
