/** Which extensions a set of migrations creates — the embedded database must load them first. */
import { loadSqlParser } from '../source/sql-scanner.js';
import type { Migration } from './migration.js';
import { splitStatements } from './split-statements.js';

/**
 * Names from every `CREATE EXTENSION [IF NOT EXISTS] name` of the up scripts, in order of first
 * appearance. A script that does not parse is skipped: running it reports the syntax error.
 */
export async function findExtensions(migrations: readonly Pick<Migration, 'upSql'>[]): Promise<string[]> {
  await loadSqlParser();
  const names = new Set<string>();
  for (const m of migrations) {
    const split = splitStatements(m.upSql);
    if (!split.ok) continue;
    for (const s of split.statements) {
      const stmt = s.node.CreateExtensionStmt as { extname?: string } | undefined;
      if (stmt?.extname) names.add(stmt.extname);
    }
  }
  return [...names];
}
