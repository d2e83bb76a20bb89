/**
 * The span a problem covers, for underlines and `endLine`/`endColumn`: PostgreSQL and the parsers
 * give one position, so the span is the token that starts there — an identifier or keyword, a
 * parameter (`:ids`, `$1`), a quoted identifier or string, or else one character.
 */
import type { SourcePosition } from '../source/query-source.js';
import type { ReportedProblem } from './reported-problem.js';
import type { SourceLines } from './source-lines.js';

export interface Extent {
  start: SourcePosition;
  /** Exclusive: the column just after the last character. */
  end: SourcePosition;
}

export function problemExtent(p: ReportedProblem, sources: SourceLines): Extent | undefined {
  if (!p.file || !p.position) return undefined;
  const start = p.position;
  if (p.end) return { start, end: p.end };
  const line = sources.of(p.file)?.[start.line - 1];
  if (line === undefined) return { start, end: { line: start.line, column: start.column + 1 } };
  return { start, end: { line: start.line, column: start.column + tokenLength(line, start.column - 1) } };
}

const WORD = /^(?:[:$@]?[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*(?:\[\])?[!?]?|\$\d+|\d+(?:\.\d+)?)/;

function tokenLength(line: string, index: number): number {
  if (index >= line.length) return 1;
  const rest = line.slice(index);
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const close = rest.indexOf(quote, 1);
    return close > 0 ? close + 1 : rest.length;
  }
  const word = WORD.exec(rest);
  return word ? word[0].length : 1;
}
