/** A migration problem as one plain line, for application logs and thrown errors (no colours). */
import type { MigrationProblem } from './migration-record.js';

export function formatProblemLine(p: MigrationProblem): string {
  const where = p.file ? `${p.file}${p.position ? `:${p.position.line}:${p.position.column}` : ''}: ` : '';
  const code = p.code ? ` [${p.code}]` : '';
  return `${where}${p.message}${code}${p.hint ? ` (hint: ${p.hint})` : ''}`;
}
