/**
 * Which new migration most likely broke a query of the previous release: the newest one whose
 * statements touch what the query depends on, preferring the most specific evidence — a column
 * the query reads or writes, then a type it uses, then a relation it reads altered, dropped or
 * renamed, then a mere mention of that relation, then a `DROP … CASCADE`.
 */
import type { Migration } from '../migrate/migration.js';
import type { StatementTouch } from './migration-touches.js';

export interface Involved {
  /** Unqualified relation names the query reads or writes. */
  relations: Set<string>;
  /** `table.column` (unqualified table) the breaking change is about, or that the query uses. */
  columns: Set<string>;
  /** Type names involved (as in the cache: `typname`, maybe schema-qualified). */
  types: Set<string>;
}

export interface Suspect {
  migration: Migration;
  touch: StatementTouch;
}

export function responsibleMigration(candidates: ReadonlyArray<{ migration: Migration; touches: StatementTouch[] }>, involved: Involved): Suspect | undefined {
  const unqualified = (name: string) => name.slice(name.lastIndexOf('.') + 1);
  const types = new Set([...involved.types].map(unqualified));
  const tests: Array<(t: StatementTouch) => boolean> = [
    (t) => [...t.columns].some((c) => involved.columns.has(c)),
    (t) => [...t.types].some((x) => types.has(x)),
    (t) => [...t.targets].some((r) => involved.relations.has(r)),
    (t) => [...t.relations].some((r) => involved.relations.has(r)),
    // Last resort: a CASCADE drops dependants it does not name (a view over a dropped column).
    (t) => t.cascades,
  ];
  const newestFirst = [...candidates].reverse();
  for (const test of tests) {
    for (const c of newestFirst) {
      const touch = c.touches.find(test);
      if (touch) return { migration: c.migration, touch };
    }
  }
  return undefined;
}

/** `users.email` from an origin or target `{ table: 'auth.users', column: 'email' }`. */
export function columnKey(at: { table: string; column: string }): string {
  return `${at.table.slice(at.table.lastIndexOf('.') + 1)}.${at.column}`;
}
