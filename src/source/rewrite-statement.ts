/**
 * Rewrites a query as written into the statement sent to the server:
 * - `:name`, `:name!`, `:name?` become `$n` (positional `$n` are kept);
 * - column alias overrides `AS "total!"`, `AS "note?"`, `AS "meta: Meta"` become plain aliases
 *   (`AS "total"`), and the override is recorded, so the suffix never reaches the row key.
 * Working on PostgreSQL's own tokens means text inside strings, comments, dollar quotes, quoted
 * identifiers and `::casts` can never be mistaken for either.
 */
import type { ColumnOverride, NullabilityMark, OffsetMap, SourceParam } from './query-source.js';
import type { SqlToken } from './sql-scanner.js';
import type { LineIndex } from './text-position.js';

export interface RewrittenStatement {
  statement: string;
  params: SourceParam[];
  overrides: ColumnOverride[];
  offsets: OffsetMap;
  problems: Array<{ offset: number; message: string; hint?: string }>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `"name!"`, `"name?"`, `"name: Type"`, `"name!: Type"` (the quotes included). */
const OVERRIDE_ALIAS = /^"([^"!?:]+?)\s*([!?])?\s*(?::\s*(.+?)\s*)?"$/;

/**
 * `text` is the whole file; `tokens` are the query's tokens (file offsets) and `[start, end)` the
 * query's extent in the file.
 */
export function rewriteStatement(
  text: string,
  tokens: readonly SqlToken[],
  start: number,
  end: number,
  lines: LineIndex,
): RewrittenStatement {
  const problems: RewrittenStatement['problems'] = [];
  const named = new Map<string, SourceParam>();
  const positional = new Map<number, SourceParam>();
  let firstPositionalOffset = -1;
  const segments: OffsetMap['segments'] = [{ statementOffset: 0, sourceOffset: start }];
  let statement = '';
  let copiedUpTo = start;
  let bracketDepth = 0;
  const overrides: ColumnOverride[] = [];

  const replace = (from: number, to: number, placeholder: string): void => {
    statement += text.slice(copiedUpTo, from);
    segments.push({ statementOffset: statement.length, sourceOffset: from });
    statement += placeholder;
    segments.push({ statementOffset: statement.length, sourceOffset: to });
    copiedUpTo = to;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.text === '[') bracketDepth++;
    else if (token.text === ']') bracketDepth = Math.max(0, bracketDepth - 1);
    if (token.kind === 'PARAM') {
      const index = Number(token.text.slice(1));
      if (firstPositionalOffset < 0) firstPositionalOffset = token.start;
      if (!positional.has(index)) {
        positional.set(index, { name: `p${index}`, index, mark: null, positional: true, position: lines.position(token.start) });
      }
      continue;
    }
    if (token.kind === 'IDENT' && token.text.startsWith('"') && tokens[i - 1]?.text.toUpperCase() === 'AS') {
      const m = OVERRIDE_ALIAS.exec(token.text);
      if (m && (m[2] || m[3])) {
        const name = m[1]!;
        overrides.push({ name, ...(m[2] ? { nullable: m[2] === '?' } : {}), ...(m[3] ? { tsType: m[3] } : {}) });
        replace(token.start, token.end, `"${name}"`);
      }
      continue;
    }
    // Inside `[...]` a colon is an array slice (`arr[lo:hi]`), never a parameter.
    if (token.text !== ':' || bracketDepth > 0) continue;
    const nameToken = tokens[i + 1];
    if (!nameToken || nameToken.start !== token.end || !IDENTIFIER.test(nameToken.text)) continue;
    const markToken = tokens[i + 2];
    const mark: NullabilityMark =
      markToken && markToken.start === nameToken.end && (markToken.text === '!' || markToken.text === '?')
        ? markToken.text
        : null;
    const to = mark ? markToken!.end : nameToken.end;
    const name = nameToken.text;
    let param = named.get(name);
    if (!param) {
      param = { name, index: named.size + 1, mark, position: lines.position(token.start) };
      named.set(name, param);
    } else if (mark && param.mark && mark !== param.mark) {
      problems.push({
        offset: token.start,
        message: `parameter :${name} is marked both "${param.mark}" and "${mark}"`,
        hint: 'mark a parameter in one place, or with the same mark everywhere',
      });
    } else if (mark) {
      param.mark = mark;
    }
    replace(token.start, to, `$${param.index}`);
    i += mark ? 2 : 1;
  }
  statement += text.slice(copiedUpTo, end);

  if (named.size > 0 && positional.size > 0) {
    problems.push({
      offset: firstPositionalOffset,
      message: 'a query cannot mix named (:name) and positional ($n) parameters',
      hint: 'use named parameters throughout',
    });
  }
  const params =
    named.size > 0
      ? [...named.values()]
      : [...positional.values()].sort((a, b) => a.index - b.index);
  return { statement, params, overrides, offsets: { segments }, problems };
}

/** Maps an offset in the rewritten statement back to an offset in the source file. */
export function statementToSourceOffset(offsets: OffsetMap, statementOffset: number): number {
  let best = offsets.segments[0]!;
  for (const segment of offsets.segments) {
    if (segment.statementOffset <= statementOffset) best = segment;
    else break;
  }
  return best.sourceOffset + (statementOffset - best.statementOffset);
}
