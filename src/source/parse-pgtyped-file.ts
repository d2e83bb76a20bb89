/**
 * pgtyped-format query files, read with `@pgtyped/parser` so a pgtyped project switches without
 * rewriting its SQL:
 *
 *   /* @name InsertBooks :one
 *      @param books -> ((rank!, name, authorId!)...)
 *   *\/
 *   INSERT INTO books (rank, name, author_id) VALUES :books RETURNING id;
 *
 * The pgtyped parser supplies the blocks, names and `@param` declarations; parameters are then
 * found in the statement by PostgreSQL's own lexer (the pgtyped grammar mistakes `"a:b"` for a
 * parameter), so both formats share one rewriter. `:one` after the name is sqlsure's addition
 * (pgtyped has no cardinalities; without it a query is `:many`, or `:exec` if it returns no rows).
 */
import { cardinalityHint } from './did-you-mean.js';
import type { SQLQueryAST } from '@pgtyped/parser';
import { buildQuerySource, type ReportProblem } from './build-query-source.js';
import type { ParsedQueryFile } from './parse-query-file.js';
import { CARDINALITIES, type Cardinality, type ParamExpansion, type QuerySource, type SourceProblem } from './query-source.js';
import type { SqlToken } from './sql-scanner.js';
import type { LineIndex } from './text-position.js';
import { pgtypedParser } from './pgtyped-parser.js';

const NAME_COMMENT = /^\/\*+\s*@name\s/;
/** `@name X :one`: the cardinality suffix is blanked before pgtyped's grammar sees it. */
const NAME_WITH_CARDINALITY = /(@name\s+([A-Za-z_$][\w$]*))([ \t]+:([A-Za-z]+))?/;
const QUERY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NATIVE_ANNOTATION = /^--\s*name\s*:/i;
const NEXT_QUERY_HINT = 'each query is exactly one statement; start the next one with its own `/* @name X */` comment';

/** A file is pgtyped-format when it has at least one `/* @name X *\/` comment. */
export function isPgtypedFile(tokens: readonly SqlToken[]): boolean {
  return tokens.some((t) => t.kind === 'C_COMMENT' && NAME_COMMENT.test(t.text));
}

export function parsePgtypedFile(
  file: string,
  text: string,
  tokens: readonly SqlToken[],
  lines: LineIndex,
  problem: ReportProblem,
  problems: SourceProblem[],
  /** Whether `[from, to)` holds a problem already reported (the query is then skipped). */
  broken: (from: number, to: number) => boolean = () => false,
): ParsedQueryFile {
  const nameComments = tokens.filter((t) => t.kind === 'C_COMMENT' && NAME_COMMENT.test(t.text));
  const blockCount = nameComments.length;
  const native = tokens.find((t) => t.kind === 'SQL_COMMENT' && NATIVE_ANNOTATION.test(t.text));
  if (native) {
    problem(native.start, 'a file mixes `-- name:` annotations with pgtyped `/* @name */` comments', 'use one format per file');
    return { blockCount, queries: [], problems };
  }

  // What pgtyped's grammar reads: every other comment blanked (it rejects `--` lines between
  // queries), `:cardinality` suffixes blanked. Same length, so offsets stay valid.
  const cardinalities = new Map<string, { cardinality: Cardinality; offset: number }>();
  const defaulted = new Set<string>();
  let input = '';
  let copied = 0;
  for (const t of tokens) {
    if (t.kind !== 'C_COMMENT' && t.kind !== 'SQL_COMMENT') continue;
    let replacement = blank(t.text);
    if (t.kind === 'C_COMMENT' && NAME_COMMENT.test(t.text)) {
      const m = NAME_WITH_CARDINALITY.exec(t.text);
      replacement = t.text;
      if (m) {
        const name = m[2]!;
        const written = m[4]?.toLowerCase() ?? 'many';
        if (!m[4]) defaulted.add(name);
        if (!(CARDINALITIES as readonly string[]).includes(written)) {
          problem(t.start + m.index + m[1]!.length, `unknown cardinality ":${m[4]}" for query ${name}`, cardinalityHint(m[4]!), undefined, name);
          return { blockCount, queries: [], problems };
        }
        if (!cardinalities.has(name)) cardinalities.set(name, { cardinality: written as Cardinality, offset: t.start });
        if (m[3]) replacement = t.text.slice(0, m.index + m[1]!.length) + blank(m[3]) + t.text.slice(m.index + m[0].length);
      }
    }
    input += text.slice(copied, t.start) + replacement;
    copied = t.end;
  }
  input += text.slice(copied);

  const parsed = pgtypedParser().parseSQLFile(input);
  // Warnings (a declared parameter never used) are pgtyped's business; errors stop the file.
  const errors = parsed.events.filter((e) => 'critical' in e && e.critical);
  if (errors.length > 0) {
    for (const e of errors) {
      const at = e.location ? lines.offsetOf(e.location.line, e.location.col + 1) : 0;
      problem(Math.min(at, text.length), `pgtyped syntax: ${e.message.text.replace(/^Parse error: /, '')}`, 'see https://pgtyped.dev/docs/sql-file for the comment syntax');
    }
    return { blockCount, queries: [], problems };
  }

  const queries: QuerySource[] = [];
  const seen = new Map<string, number>();
  for (const q of parsed.queries) {
    const anchor = cardinalities.get(q.name)?.offset ?? q.statement.loc.a;
    if (broken(Math.min(anchor, q.statement.loc.a), q.statement.loc.b + 1)) continue;
    if (!QUERY_NAME.test(q.name)) {
      problem(anchor, `query name "${q.name}" is not an identifier`, 'use letters, digits and underscores, e.g. GetUserById');
      continue;
    }
    const key = q.name.toLowerCase();
    if (seen.has(key)) {
      problem(anchor, `duplicate query name ${q.name} (first defined on line ${lines.position(seen.get(key)!).line})`, 'query names must be unique within a file (case-insensitively)');
      continue;
    }
    seen.set(key, anchor);
    const { declared, declarations } = declaredExpansions(q);
    const from = q.statement.loc.a;
    const to = q.statement.loc.b + 1;
    const query = buildQuerySource(
      file,
      text,
      lines,
      {
        name: q.name,
        cardinality: cardinalities.get(q.name)?.cardinality ?? 'many',
        anchor,
        tokens: tokens.filter((t) => t.start >= from && t.end <= to),
        rewrite: { declared, dialect: 'pgtyped' },
        cardinalityDefaulted: !cardinalities.has(q.name) || defaulted.has(q.name),
        declarations,
      },
      problem,
      NEXT_QUERY_HINT,
    );
    if (query) queries.push(query);
  }
  return { blockCount, queries, problems };
}

/** `@param` transforms as expansions, and their normalised text (part of the query's identity). */
function declaredExpansions(q: SQLQueryAST): { declared: Map<string, ParamExpansion>; declarations: string[] } {
  const declared = new Map<string, ParamExpansion>();
  const declarations: string[] = [];
  for (const p of q.params) {
    const t = p.transform;
    if (t.type === 'scalar') continue;
    if (t.type === 'array_spread') {
      declared.set(p.name, { kind: 'list' });
      declarations.push(`${p.name} -> (...)`);
      continue;
    }
    const fields = t.keys.map((k) => ({ name: k.name, mark: k.required ? ('!' as const) : null }));
    const list = fields.map((f) => f.name + (f.mark ?? '')).join(', ');
    if (t.type === 'pick_tuple') {
      declared.set(p.name, { kind: 'tuple', fields });
      declarations.push(`${p.name} -> (${list})`);
    } else {
      declared.set(p.name, { kind: 'rows', fields });
      declarations.push(`${p.name} -> ((${list})...)`);
    }
  }
  return { declared, declarations: declarations.sort() };
}

/** Spaces for every character but line breaks, so offsets and lines are unchanged. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}
