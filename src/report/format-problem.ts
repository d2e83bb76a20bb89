import pc from 'picocolors';
import type { SourceProblem } from '../source/query-source.js';

/** `queries/users.sql:12:8: error [42703]: column "emial" does not exist` plus an indented hint. */
export function formatProblem(p: SourceProblem): string {
  const where = `${p.file}:${p.position.line}:${p.position.column}`;
  const code = p.code ? ` [${p.code}]` : '';
  const head = `${pc.bold(where)}: ${pc.red('error')}${code}: ${p.message}`;
  return p.hint ? `${head}\n  ${pc.cyan('hint')}: ${p.hint}` : head;
}
