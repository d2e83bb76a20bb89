/**
 * The source line a problem points at, with its line number and a caret under the offending
 * token, as tsc's pretty output shows it:
 *
 *   17 | SELECT emial FROM users
 *      |        ^^^^^
 */
import type { Colors } from './color-choice.js';
import type { Extent } from './problem-extent.js';
import { terminalText } from './terminal-text.js';

export function codeFrame(lines: readonly string[], extent: Extent, c: Colors): string | undefined {
  const text = lines[extent.start.line - 1];
  if (text === undefined) return undefined;
  const startIndex = Math.min(extent.start.column - 1, text.length);
  const endIndex = extent.end.line > extent.start.line ? text.length : Math.min(Math.max(extent.end.column - 1, startIndex + 1), text.length + 1);
  // Shown width of each character: a tab as two spaces, a control character as its escape.
  let shown = '';
  let caretFrom = -1;
  let caretTo = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i === startIndex) caretFrom = shown.length;
    if (i === endIndex) caretTo = shown.length;
    if (i === text.length) break;
    const ch = text[i]!;
    shown += ch === '\t' ? '  ' : terminalText(ch, false);
  }
  if (caretTo < 0) caretTo = shown.length + 1;
  const number = String(extent.start.line);
  const gutter = ' '.repeat(number.length);
  const carets = '^'.repeat(Math.max(1, caretTo - caretFrom));
  return `  ${c.dim(`${number} |`)} ${shown.trimEnd()}\n  ${c.dim(`${gutter} |`)} ${' '.repeat(caretFrom)}${c.red(carets)}`;
}
