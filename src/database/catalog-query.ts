/**
 * sqlsure's own catalog look-ups run with JIT off. PostgreSQL JIT-compiles any plan whose
 * estimated cost passes `jit_above_cost`, and the planner's guess for a recursive CTE over
 * pg_type (thousands of rows, for the dozen types a project uses) passes it: on a PostgreSQL 15
 * built with LLVM that was 40 ms of code generation for a query that runs in 2 ms, on every
 * prepare that describes anything. The setting lasts for the one statement (see WireSession.query).
 */
import type { WireSession } from './wire-session.js';

export const CATALOG_SETTINGS: Readonly<Record<string, string>> = { jit: 'off' };

export function catalogQuery(session: WireSession, text: string, values: ReadonlyArray<string | null> = []): Promise<Array<Array<string | null>>> {
  return session.query(text, values, CATALOG_SETTINGS);
}
