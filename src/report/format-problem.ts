import type { Colors } from './color-choice.js';
import { colors } from './color-choice.js';
import type { ReportedProblem } from './reported-problem.js';
import { terminalText } from './terminal-text.js';

/** `queries/users.sql:12:8: error [42703]: column "emial" does not exist` plus an indented hint. */
export function formatProblem(p: ReportedProblem, c: Colors = colors): string {
  const head = `${problemHead(p, c, ': ')}${terminalText(p.message)}`;
  return p.hint ? `${head}\n  ${c.cyan('hint')}: ${terminalText(p.hint)}` : head;
}

/** `file:line:col<sep>error [code]: `, or just `error [code]: ` for a problem without a file. */
export function problemHead(p: ReportedProblem, c: Colors, separator: string): string {
  const code = p.code ? ` [${terminalText(p.code, false)}]` : '';
  const level = p.severity === 'warning' ? c.yellow('warning') : c.red('error');
  if (!p.file) return `${level}${code}: `;
  const position = p.position ?? { line: 1, column: 1 };
  const where = `${terminalText(p.file, false)}:${position.line}:${position.column}`;
  return `${c.bold(where)}${separator}${level}${code}: `;
}
