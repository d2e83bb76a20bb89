/**
 * `-- sqlsure-lint-ignore <rule>[, <rule>…]: <reason>` in the comment lines directly above a
 * statement silences those rules for that statement. The reason is required: the next reader must
 * learn why the lock is acceptable (e.g. "table is tiny").
 */
import type { SourcePosition } from '../source/query-source.js';
import { LineIndex } from '../source/text-position.js';

export interface IgnoreComment {
  rules: string[];
  reason: string;
  position: SourcePosition;
}

const IGNORE = /^--\s*sqlsure-lint-ignore\b(.*)$/i;

/**
 * The ignore comments in the lines between the previous statement's end and this statement's
 * first token (`gapStart`, `statementStart`: offsets in `sql`), stopping at the first line that is
 * not a comment: a blank line or code separates a comment from the statement.
 */
export function ignoreCommentsAbove(sql: string, lines: LineIndex, gapStart: number, statementStart: number): IgnoreComment[] {
  const found: IgnoreComment[] = [];
  const { line } = lines.position(statementStart);
  for (let l = line - 1; l >= 1; l--) {
    const start = lines.offsetOf(l, 1);
    if (start < gapStart) break;
    const end = sql.indexOf('\n', start);
    const text = sql.slice(start, end < 0 ? sql.length : end);
    const trimmed = text.trim();
    if (!trimmed.startsWith('--')) break;
    const m = IGNORE.exec(trimmed);
    if (!m) continue;
    const rest = m[1]!;
    const colon = rest.indexOf(':');
    const names = (colon < 0 ? rest : rest.slice(0, colon)).split(/[\s,]+/).filter(Boolean);
    const reason = colon < 0 ? '' : rest.slice(colon + 1).trim();
    found.push({ rules: names, reason, position: { line: l, column: text.indexOf('--') + 1 } });
  }
  return found.reverse();
}
