/** Prints a migration problem like every other sqlsure problem: `file:line:col: error [SQLSTATE]: …`. */
import { formatProblem } from '../report/format-problem.js';
import type { MigrationProblem } from './migration.js';

export function formatMigrationProblem(p: MigrationProblem): string {
  return formatProblem(p.file ? { ...p, position: p.position ?? { line: 1, column: 1 } } : p);
}
