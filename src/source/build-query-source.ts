/**
 * One query block (its tokens, name and cardinality) → a query record: the shared tail of the
 * native and the pgtyped file readers. Rewrites parameters, then checks with PostgreSQL's parser
 * that the result is exactly one statement.
 */
import type { Cardinality, QuerySource, SourceParam } from './query-source.js';
import { rewriteStatement, statementToSourceOffset, type RewriteOptions } from './rewrite-statement.js';
import { quoteParams } from './quote-params.js';
import { parseSql, type SqlToken } from './sql-scanner.js';
import type { LineIndex } from './text-position.js';

export interface QueryBlock {
  name: string;
  cardinality: Cardinality;
  /** Offset of the annotation (or of the file start), for errors about the block as a whole. */
  anchor: number;
  /** The block's tokens (file offsets), comments and a trailing `;` included. */
  tokens: readonly SqlToken[];
  rewrite?: RewriteOptions;
  declarations?: string[];
  cardinalityDefaulted?: boolean;
}

export type ReportProblem = (offset: number, message: string, hint?: string, code?: string, query?: string) => void;

/**
 * The protocol counts parameters in 16 bits (Parse, ParameterDescription, Bind): past this the
 * server's count wraps (70000 parameters are described as 4464).
 */
export const MAX_PARAMETERS = 65535;

/** `text` is the whole (LF-normalised) file. */
export function buildQuerySource(
  file: string,
  text: string,
  lines: LineIndex,
  block: QueryBlock,
  problem: ReportProblem,
  nextQueryHint: string,
): QuerySource | undefined {
  const body = block.tokens.filter((t) => t.kind !== 'SQL_COMMENT' && t.kind !== 'C_COMMENT');
  while (body.length > 0 && body[body.length - 1]!.text === ';') body.pop();
  if (body.length === 0) {
    problem(block.anchor, `query ${block.name} is empty`, 'write a SQL statement after the annotation', undefined, block.name);
    return undefined;
  }
  const start = body[0]!.start;
  const end = body[body.length - 1]!.end;
  const inRange = block.tokens.filter((t) => t.start >= start && t.end <= end);
  const rewritten = rewriteStatement(text, inRange, start, end, lines, block.rewrite);
  for (const p of rewritten.problems) problem(p.offset, `${block.name}: ${p.message}`, p.hint, undefined, block.name);
  if (rewritten.problems.length > 0) return undefined;
  const beyond = rewritten.params.find((p) => lastPlaceholder(p) > MAX_PARAMETERS);
  if (beyond) {
    const count = Math.max(...rewritten.params.map(lastPlaceholder));
    problem(
      lines.offsetOf(beyond.position.line, beyond.position.column),
      `query ${block.name} needs ${count} parameters; PostgreSQL allows at most ${MAX_PARAMETERS} in one statement`,
      'pass many values as one array parameter (`IN :ids[]`, `= ANY(:ids)`) or a rows expansion (`VALUES :rows`), or split the query',
      '54023',
      block.name,
    );
    return undefined;
  }

  const parsed = parseSql(rewritten.statement);
  if (!parsed.ok) {
    const at = statementToSourceOffset(rewritten.offsets, parsed.error.offset ?? 0);
    // The parser names placeholders as sent (`$1`): the message quotes what the user wrote.
    problem(at, `${block.name}: ${quoteParams(parsed.error.message, rewritten.params)}`, syntaxHint(rewritten.statement, parsed.error.offset ?? 0, rewritten.params), '42601', block.name);
    return undefined;
  }
  const stmts = parsed.result.stmts ?? [];
  if (stmts.length > 1) {
    const second = parsed.toChar(stmts[1]!.stmt_location ?? 0);
    const firstNonSpace = second + (rewritten.statement.slice(second).length - rewritten.statement.slice(second).trimStart().length);
    problem(statementToSourceOffset(rewritten.offsets, firstNonSpace), `query ${block.name} contains more than one statement`, nextQueryHint, undefined, block.name);
    return undefined;
  }

  return {
    file,
    name: block.name,
    cardinality: block.cardinality,
    position: lines.position(start),
    sql: text.slice(start, end),
    statement: rewritten.statement,
    params: rewritten.params,
    overrides: rewritten.overrides,
    offsets: rewritten.offsets,
    ...(rewritten.slots.length > 0 ? { slots: rewritten.slots } : {}),
    ...(block.cardinalityDefaulted ? { cardinalityDefaulted: true } : {}),
    ...(block.declarations?.length ? { declarations: block.declarations } : {}),
  };
}

/** The highest `$n` a parameter occupies: tuple and rows expansions take one per field. */
function lastPlaceholder(p: SourceParam): number {
  return p.index + (p.expansion && p.expansion.kind !== 'list' ? p.expansion.fields.length - 1 : 0);
}

/** `IN :ids` is a syntax error at the placeholder: the list form is `IN :ids[]`. */
function syntaxHint(statement: string, offset: number, params: readonly SourceParam[]): string | undefined {
  const placeholder = /^\$(\d+)/.exec(statement.slice(offset));
  if (!placeholder || !/\bin\s*$/i.test(statement.slice(0, offset))) return undefined;
  const p = params.find((q) => q.index === Number(placeholder[1]) && !q.positional && !q.expansion);
  if (!p) return undefined;
  return `did you mean \`IN :${p.name}[]\`? An IN list takes one array parameter, written with \`[]\``;
}
