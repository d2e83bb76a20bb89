/**
 * A server that has not been migrated answers every query with "relation does not exist". When
 * queries fail that way, prepare looks at the migrations table once: if it is missing, or records
 * fewer of the folder's migrations than there are, one problem says so — "N of M migrations
 * applied; run `sqlsure migrate run`" — instead of one 42P01 per query. Without a migrations table
 * that is said only when no query found what it uses: a schema made by other means is not unmigrated.
 */
import path from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import type { WireSession } from '../database/wire-session.js';
import { loadMigrations } from '../migrate/load-migrations.js';
import { parseTableName, quoteIdent } from '../migrator/migrations-table.js';
import type { SourceProblem } from '../source/query-source.js';
import { ofTotal } from '../report/count-noun.js';

/** undefined table, column, object, function; invalid schema name: what a missing migration causes. */
const MISSING_OBJECT = new Set(['42P01', '42703', '42704', '42883', '3F000']);

/**
 * The problems with those caused by missing migrations replaced by one that names the cause, or
 * the problems as they are when the database is up to date (or nothing can be told).
 */
export async function diagnoseUnmigrated(session: WireSession, config: ResolvedConfig, problems: SourceProblem[], described: number): Promise<SourceProblem[]> {
  const missing = problems.filter((p) => p.code !== undefined && MISSING_OBJECT.has(p.code));
  if (missing.length === 0) return problems;
  let local: bigint[];
  try {
    local = (await loadMigrations(path.join(config.root, config.migrations), { checksum: config.migrationsChecksum, displayDir: config.migrations })).map((m) => m.version);
  } catch {
    return problems; // a broken folder: `migrate run` will say what is wrong with it
  }
  if (local.length === 0) return problems;
  const applied = await appliedVersions(session, config.migrationsTable);
  if (applied === undefined) return problems;
  // No table, yet some queries found what they use: the schema was made another way (a script, another
  // tool); those failures are the queries' own.
  if (applied.size === 0 && missing.length < described) return problems;
  const count = local.filter((v) => applied.has(v)).length;
  if (count >= local.length) return problems;
  const diagnosis: SourceProblem = {
    file: config.migrations,
    position: { line: 1, column: 1 },
    message: `${ofTotal(count, local.length, 'migration')} applied to this database; run \`sqlsure migrate run\``,
    hint: `${missing.length} ${missing.length === 1 ? 'query fails' : 'queries fail'} on a missing table, column or type; prepare again once the database is migrated`,
  };
  return [diagnosis, ...problems.filter((p) => !missing.includes(p))];
}

/** Versions recorded as applied; empty when there is no table; undefined when it cannot be read. */
async function appliedVersions(session: WireSession, table: string): Promise<Set<bigint> | undefined> {
  let name;
  try {
    name = parseTableName(table);
  } catch {
    return undefined;
  }
  const qualified = name.schema ? `${quoteIdent(name.schema)}.${quoteIdent(name.table)}` : quoteIdent(name.table);
  try {
    const [exists] = await session.query('SELECT to_regclass($1) IS NOT NULL', [qualified]);
    if (exists?.[0] !== 't') return new Set();
    const rows = await session.query(`SELECT version::text FROM ${qualified} WHERE success`);
    return new Set(rows.map(([v]) => BigInt(v!)));
  } catch {
    return undefined;
  }
}
