/**
 * Directives in the leading comment lines of a migration file:
 *
 * - `-- no-transaction` (sqlx's marker, first line only): run the statements outside a transaction.
 * - `-- sqlsure: breaking`: code older than this migration cannot run on the schema it leaves (it
 *   drops or renames what older code uses). Applying it raises the database's compatibility floor.
 *
 * Any other `-- sqlsure:` line there is a mistake (a typo would silently lose the directive).
 */
import type { MigrationProblem } from './migration.js';

export interface MigrationDirectives {
  noTransaction: boolean;
  breaking: boolean;
}

const SQLSURE_DIRECTIVE = /^--\s*sqlsure\s*:\s*(.*?)\s*$/i;

/** `sql` is the normalised text (LF line endings, no BOM). */
export function readDirectives(sql: string, file: string): { directives: MigrationDirectives; problems: MigrationProblem[] } {
  const lines = sql.split('\n');
  const directives: MigrationDirectives = { noTransaction: lines[0]!.trim() === '-- no-transaction', breaking: false };
  const problems: MigrationProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (!line.startsWith('--')) break; // directives live in the leading comment lines only
    const m = SQLSURE_DIRECTIVE.exec(line);
    if (!m) continue;
    if (m[1] === 'breaking') directives.breaking = true;
    else {
      problems.push({
        file,
        position: { line: i + 1, column: lines[i]!.indexOf('--') + 1 },
        message: `unknown sqlsure directive "${m[1]}"`,
        hint: 'the only directive is `-- sqlsure: breaking` (and sqlx\'s `-- no-transaction` on the first line)',
      });
    }
  }
  return { directives, problems };
}
