/** The pretty reporter's problem: head line, code frame, hint, and a blank line between problems. */
import type { Colors } from './color-choice.js';
import { codeFrame } from './code-frame.js';
import { problemHead } from './format-problem.js';
import { problemExtent } from './problem-extent.js';
import type { ReportedProblem } from './reported-problem.js';
import type { SourceLines } from './source-lines.js';
import { terminalText } from './terminal-text.js';

export function formatPrettyProblem(p: ReportedProblem, sources: SourceLines, c: Colors): string {
  const parts = [`${problemHead(p, c, ' - ')}${terminalText(p.message)}`];
  const extent = problemExtent(p, sources);
  const lines = p.file ? sources.of(p.file) : undefined;
  const frame = extent && lines ? codeFrame(lines, extent, c) : undefined;
  if (frame) parts.push('', frame);
  if (p.hint) parts.push(`  ${c.cyan('hint')}: ${terminalText(p.hint)}`);
  return `${parts.join('\n')}\n\n`;
}
