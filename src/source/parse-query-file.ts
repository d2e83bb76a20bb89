/**
 * Turns one native-syntax query file into query records:
 *
 *   -- name: GetUserById :one
 *   SELECT ... WHERE id = :id!;
 *
 * A file without `-- name:` annotations is a single query named after the file. A file with
 * pgtyped `/* @name X *\/` blocks is read as pgtyped (parse-pgtyped-file.ts).
 */
import path from 'node:path';
import { buildQuerySource, type QueryBlock, type ReportProblem } from './build-query-source.js';
import { cardinalityHint } from './did-you-mean.js';
import { isPgtypedFile, parsePgtypedFile } from './parse-pgtyped-file.js';
import { mayBePgtypedFile } from './pgtyped-parser.js';
import { CARDINALITIES, type Cardinality, type QuerySource, type SourceProblem } from './query-source.js';
import { scanQueryFile } from './scan-query-file.js';
import { normaliseSourceText } from './source-text.js';
import type { SqlToken } from './sql-scanner.js';
import { LineIndex } from './text-position.js';

export interface ParsedQueryFile {
  /** Query blocks found, including the ones that failed (so summaries can say "3 of 4"). */
  blockCount: number;
  queries: QuerySource[];
  problems: SourceProblem[];
}

const ANNOTATION_START = /^--\s*name\s*:/i;
const ANNOTATION = /^--\s*name\s*:\s*(\S+)(?:\s+:(\S+))?\s*$/i;
const QUERY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `-- name GetUser :one`: an annotation but for the colon after `name`. */
const MISSING_COLON = /^--\s*name\s+([A-Za-z_][A-Za-z0-9_]*)\s+:([A-Za-z]+)\s*$/i;


/**
 * Never throws: whatever the text, the outcome is queries and located problems. A query that
 * cannot be lexed is lost alone (see scan-query-file.ts).
 * @param file path relative to the project root, `/`-separated. `text` may use CRLF and a BOM.
 */
export function parseQueryFile(file: string, rawText: string): ParsedQueryFile {
  const written = normaliseSourceText(rawText);
  const lines = new LineIndex(written);
  const problems: SourceProblem[] = [];
  const problem = (offset: number, message: string, hint?: string, code?: string, query?: string): void => {
    problems.push({ file, position: lines.position(offset), message, ...(code ? { code } : {}), ...(hint ? { hint } : {}), ...(query ? { query } : {}) });
  };

  const scanned = scanQueryFile(written, mayBePgtypedFile(written) ? 'pgtyped' : 'native');
  for (const p of scanned.problems) problem(p.offset, p.message, p.hint, '42601');
  // From here on, broken queries are blanks (same offsets): nothing reads them again.
  const { tokens, text } = scanned;
  // A query holding a lexical problem was reported above; it is not read any further.
  const broken = (from: number, to: number) => scanned.problems.some((p) => p.offset >= from && p.offset < to);

  if (isPgtypedFile(tokens)) {
    const parsed = parsePgtypedFile(file, text, tokens, lines, problem, problems, broken);
    return { ...parsed, blockCount: parsed.blockCount + scanned.blankedBlocks };
  }
  // Nothing but blanks and comments (a file just created, say): no queries, nothing wrong.
  const isComment = (t: SqlToken) => t.kind === 'SQL_COMMENT' || t.kind === 'C_COMMENT';
  if (scanned.problems.length === 0 && tokens.every((t) => isComment(t) && !ANNOTATION_START.test(t.text))) {
    return { blockCount: 0, queries: [], problems };
  }

  const { blocks, count: blockCount } = splitIntoBlocks(file, tokens, problem, text.length);
  const queries: QuerySource[] = [];
  const seen = new Map<string, number>();
  for (const block of blocks) {
    if (broken(block.anchor, block.end)) continue;
    const key = block.name.toLowerCase();
    if (seen.has(key)) {
      problem(
        block.anchor,
        `duplicate query name ${block.name} (first defined on line ${lines.position(seen.get(key)!).line})`,
        'query names must be unique within a file (case-insensitively)',
      );
      continue;
    }
    seen.set(key, block.anchor);
    const query = buildQuerySource(file, text, lines, block, problem, NEXT_QUERY_HINT);
    if (query) queries.push(query);
  }
  return { blockCount, queries, problems };
}

const NEXT_QUERY_HINT = 'each query is exactly one statement; start the next one with its own `-- name:` annotation';

function splitIntoBlocks(
  file: string,
  tokens: SqlToken[],
  problem: ReportProblem,
  textLength: number,
): { blocks: Array<QueryBlock & { end: number }>; count: number } {
  const annotations = tokens
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.kind === 'SQL_COMMENT' && (ANNOTATION_START.test(t.text) || MISSING_COLON.test(t.text)));

  if (annotations.length === 0) {
    return { blocks: [{ name: nameFromFile(file), cardinality: 'many', anchor: 0, end: textLength, tokens }], count: 1 };
  }

  const beforeFirst = tokens.slice(0, annotations[0]!.i).find((t) => t.kind !== 'SQL_COMMENT' && t.kind !== 'C_COMMENT');
  if (beforeFirst) {
    problem(beforeFirst.start, 'SQL before the first `-- name:` annotation', 'every query in an annotated file needs its own `-- name: Name :cardinality` line');
  }

  const blocks: Array<QueryBlock & { end: number }> = [];
  annotations.forEach(({ t, i }, k) => {
    const nextIndex = annotations[k + 1]?.i ?? tokens.length;
    const end = annotations[k + 1]?.t.start ?? textLength;
    const colonless = MISSING_COLON.exec(t.text);
    if (colonless) {
      const [, name, cardinality] = colonless;
      problem(t.start, `annotation "${t.text}" has no colon after "name"`, `did you mean \`-- name: ${name} :${cardinality}\`?`, undefined, name);
      return;
    }
    const match = ANNOTATION.exec(t.text);
    if (!match) {
      problem(t.start, `malformed annotation "${t.text}"`, 'write it as `-- name: GetUserById :one`');
      return;
    }
    const name = match[1]!;
    const cardinalityText = (match[2] ?? 'many').toLowerCase();
    if (!QUERY_NAME.test(name)) {
      problem(t.start, `query name "${name}" is not an identifier`, 'use letters, digits and underscores, e.g. GetUserById');
      return;
    }
    if (!(CARDINALITIES as readonly string[]).includes(cardinalityText)) {
      problem(t.start, `unknown cardinality ":${match[2]}" for query ${name}`, cardinalityHint(match[2]!), undefined, name);
      return;
    }
    blocks.push({ name, cardinality: cardinalityText as Cardinality, anchor: t.start, end, tokens: tokens.slice(i + 1, nextIndex) });
  });
  return { blocks, count: annotations.length };
}

/** `get-user_by-id.sql` → `GetUserById`. */
function nameFromFile(file: string): string {
  const base = path.posix.basename(file).replace(/\.sql$/i, '');
  const name = base
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return /^[0-9]/.test(name) ? `Query${name}` : name || 'Query';
}
