/**
 * What changed between a query's entry in the previous release and the same query described
 * against the new schema, limited to what breaks the old code while the new schema is live:
 * a parameter or result type that changed, result columns added, removed or renamed, a result
 * column that may now be NULL where the old code was told it never is, a parameter that no longer
 * accepts the NULL the old code may pass. Becoming stricter for results or looser for parameters
 * is safe and not reported.
 */
import type { CacheEntry } from '../cache/cache-entry.js';

export interface EntryChange {
  message: string;
  /** The table column the change is about, when the base entry knows it. */
  column?: { table: string; column: string };
  /** The pg types involved (old and new), for finding a migration that altered a type. */
  types: string[];
}

export function compareEntries(base: CacheEntry, now: CacheEntry): EntryChange[] {
  const changes: EntryChange[] = [];
  if (base.params.length !== now.params.length) {
    changes.push({ message: `takes ${count(now.params.length, 'parameter')} now, ${base.params.length} before`, types: [] });
  } else {
    base.params.forEach((b, i) => {
      const n = now.params[i]!;
      const target = b.target ?? n.target;
      const at = { ...(target ? { column: target } : {}) };
      const label = `parameter :${b.name}`;
      if (b.pgType !== n.pgType) changes.push({ message: `${label} is ${n.pgType} now, was ${b.pgType}`, types: [b.pgType, n.pgType], ...at });
      // Only a column a parameter is stored into can refuse NULL (NOT NULL); elsewhere a NULL
      // parameter is merely matched by nothing, which worked the same before.
      else if (b.nullable && !n.nullable && target) changes.push({ message: `${label} no longer accepts NULL, which the previous release may pass`, types: [], ...at });
    });
  }
  const names = (e: CacheEntry) => e.columns.map((c) => c.name).join(', ');
  if (names(base) !== names(now)) {
    changes.push({ message: `returns (${names(now)}) now, (${names(base)}) before`, types: [] });
    return changes;
  }
  base.columns.forEach((b, i) => {
    const n = now.columns[i]!;
    const origin = b.origin ?? n.origin;
    const at = { ...(origin ? { column: origin } : {}) };
    if (b.pgType !== n.pgType) changes.push({ message: `column ${b.name} is ${n.pgType} now, was ${b.pgType}`, types: [b.pgType, n.pgType], ...at });
    else if (!b.nullable && n.nullable) {
      const why = n.nullableBecause ? ` (${n.nullableBecause})` : '';
      changes.push({ message: `column ${b.name} may be NULL now${why}, but the previous release reads it as never NULL`, types: [], ...at });
    }
  });
  return changes;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
