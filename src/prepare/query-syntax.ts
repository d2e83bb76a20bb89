/**
 * The queries PostgreSQL's parser rejects, found before any database is started: a typo in a query
 * is reported at file:line:col in the time it takes to parse, and is never sent to be described.
 * The message is the one the server would give (it is the same parser).
 */
import { quoteParams } from '../source/quote-params.js';
import type { QuerySource, SourceProblem } from '../source/query-source.js';
import { statementToSourceOffset } from '../source/rewrite-statement.js';
import { loadSqlParser, parseSql, type ParseOutcome } from '../source/sql-scanner.js';
import type { LineIndex } from '../source/text-position.js';

export interface QuerySyntax {
  problems: Map<QuerySource, SourceProblem>;
  /** The parse of every statement that parsed, by its text: inference uses it instead of parsing again. */
  parses: Map<string, ParseOutcome>;
}

export async function querySyntaxProblems(queries: readonly QuerySource[], lines: ReadonlyMap<string, LineIndex>): Promise<QuerySyntax> {
  const problems = new Map<QuerySource, SourceProblem>();
  const parses = new Map<string, ParseOutcome>();
  // Expansions are compiled only once the server has described the statement: left to describe.
  const plain = queries.filter((q) => !q.slots?.length);
  if (plain.length === 0) return { problems, parses };
  await loadSqlParser();
  for (const q of plain) {
    const parsed = parseSql(q.statement);
    if (parsed.ok) {
      parses.set(q.statement, parsed);
      continue;
    }
    const at = parsed.error.offset;
    const index = lines.get(q.file);
    problems.set(q, {
      file: q.file,
      position: at !== undefined && index ? index.position(statementToSourceOffset(q.offsets, at)) : q.position,
      code: '42601',
      message: `${q.name}: ${quoteParams(parsed.error.message, q.params)}`,
      query: q.name,
    });
  }
  return { problems, parses };
}
