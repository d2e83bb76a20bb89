import pc from 'picocolors';
import type { SourceProblem } from '../source/query-source.js';
import { terminalText } from './terminal-text.js';

/** `queries/users.sql:12:8: error [42703]: column "emial" does not exist` plus an indented hint. */
export function formatProblem(p: SourceProblem): string {
  const where = `${terminalText(p.file, false)}:${p.position.line}:${p.position.column}`;
  const code = p.code ? ` [${terminalText(p.code, false)}]` : '';
  const head = `${pc.bold(where)}: ${pc.red('error')}${code}: ${terminalText(p.message)}`;
  return p.hint ? `${head}\n  ${pc.cyan('hint')}: ${terminalText(p.hint)}` : head;
}
