/** Prints a migration problem like every other sqlsure problem: `file:line:col: error [SQLSTATE]: …`. */
import pc from 'picocolors';
import { formatProblem } from '../report/format-problem.js';
import type { MigrationProblem } from './migration.js';

export function formatMigrationProblem(p: MigrationProblem): string {
  if (p.file) return formatProblem({ ...p, file: p.file, position: p.position ?? { line: 1, column: 1 } });
  const head = `${pc.red('error')}${p.code ? ` [${p.code}]` : ''}: ${p.message}`;
  return p.hint ? `${head}\n  ${pc.cyan('hint')}: ${p.hint}` : head;
}
