/**
 * Describe for queries with expansions, in two pipelined rounds: the probe statements first (the
 * server types `= ANY($1)` as the array of the compared column, `VALUES ($2, $3)` as the target
 * columns' types), then — only for queries with expansions — the statements compiled with those
 * types (compile-expansions.ts), whose description is the one cached. Element types therefore
 * always come from the database, never from a guess.
 */
import type { DescribeResult, WireSession } from '../database/wire-session.js';
import { compileExpansions, type PlaceholderType } from '../source/compile-expansions.js';
import type { QuerySource } from '../source/query-source.js';

export interface DescribedExpansions {
  /** The queries as finally described: compiled where they had expansions. */
  queries: QuerySource[];
  described: DescribeResult[];
}

/** A type as SQL for a cast: bare in pg_catalog/public (quoted if a keyword), else qualified. */
const TYPE_NAME = (t: string, n: string) =>
  `CASE WHEN ${n}.nspname IN ('pg_catalog', 'public') THEN '' ELSE quote_ident(${n}.nspname) || '.' END || quote_ident(${t}.typname)`;

const PLACEHOLDER_TYPES_SQL = `
SELECT t.oid::text, ${TYPE_NAME('t', 'n')}, ${TYPE_NAME('e', 'en')}, t.typcategory = 'A', t.typarray <> 0
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_namespace en ON en.oid = e.typnamespace
WHERE t.oid = ANY($1::oid[])`;

export async function describeWithExpansions(session: WireSession, queries: readonly QuerySource[]): Promise<DescribedExpansions> {
  const described = await session.describeAll(queries.map((q) => q.statement));
  const result = { queries: [...queries], described };
  const pending = queries.flatMap((q, i) => (q.slots?.length && described[i]!.ok ? [i] : []));
  if (pending.length === 0) return result;

  const oids = new Set<number>();
  for (const i of pending) (described[i] as Extract<DescribeResult, { ok: true }>).paramTypeIds.forEach((oid) => oids.add(oid));
  const rows = await session.query(PLACEHOLDER_TYPES_SQL, [`{${[...oids].join(',')}}`]);
  const types = new Map<number, PlaceholderType>(
    rows.map(([oid, name, element, isArray, hasArray]) => [
      Number(oid),
      { name: name!, ...(element ? { element } : {}), isArray: isArray === 't', hasArray: hasArray === 't' },
    ]),
  );

  const compiled: number[] = [];
  for (const i of pending) {
    const query = queries[i]!;
    const probe = described[i] as Extract<DescribeResult, { ok: true }>;
    const outcome = compileExpansions(query, (index) => types.get(probe.paramTypeIds[index - 1] ?? -1));
    if (outcome.ok) {
      result.queries[i] = outcome.query;
      compiled.push(i);
    } else {
      const p = outcome.problems[0]!;
      result.described[i] = {
        ok: false,
        error: { message: p.message, code: '42804', position: [...query.statement.slice(0, p.statementOffset)].length + 1, ...(p.hint ? { hint: p.hint } : {}) },
      };
    }
  }
  const finals = await session.describeAll(compiled.map((i) => result.queries[i]!.statement));
  compiled.forEach((i, k) => {
    result.described[i] = finals[k]!;
  });
  return result;
}
