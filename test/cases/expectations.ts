/**
 * Hand-written expectations of the golden cases: what PostgreSQL can really return for each result
 * column and parameter, written next to the query in queries.sql (see README.md in this folder):
 *
 *   -- name: PostsWithAuthors :many
 *   -- expect: id non-null, title non-null, email nullable
 *   -- expect: note over-nullable (reason: the seed has no row where … / never NULL: …)
 *   -- expect params: userId non-null, since nullable
 *
 * They are ordinary SQL comments between the `-- name:` line and the statement, so sqlsure drops
 * them from the query's text and hash. This module only parses and compares; it never touches a
 * database, so other harnesses (mutation testing, offline replays) can import it.
 */

/** non-null: no NULL possible · nullable: NULL possible and the seed produces it · over-nullable: verdict nullable, no NULL on the seed (reason required). */
export type ColumnExpectation =
  | { name: string; kind: 'non-null' }
  | { name: string; kind: 'nullable' }
  | { name: string; kind: 'over-nullable'; reason: string };

export interface ParamExpectation {
  name: string;
  kind: 'non-null' | 'nullable';
}

export interface QueryExpectations {
  query: string;
  /** 1-based line of the `-- name:` annotation. */
  line: number;
  columns: ColumnExpectation[];
  params: ParamExpectation[];
  /** Whether an `-- expect params:` line was written (a query without parameters may omit it). */
  paramsWritten: boolean;
}

export class ExpectationSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const NAME_LINE = /^\s*--\s*name\s*:\s*(\S+)/i;
const EXPECT_LINE = /^\s*--\s*expect(\s+params)?\s*:(.*)$/i;
/** Any comment that looks like an expectation, to reject misspellings (`-- expects:`, `-- expect param:`). */
const EXPECT_LIKE = /^\s*--\s*expect/i;

/** Parses every query's expectations from the text of a case's queries.sql, in file order. */
export function parseExpectations(queriesSql: string): QueryExpectations[] {
  const lines = queriesSql.replace(/\r\n?/g, '\n').split('\n');
  const out: QueryExpectations[] = [];
  let current: QueryExpectations | undefined;
  /** Expectations belong right below `-- name:`; the first other line closes that header. */
  let inHeader = false;
  lines.forEach((text, i) => {
    const line = i + 1;
    const name = NAME_LINE.exec(text);
    if (name) {
      current = { query: name[1]!, line, columns: [], params: [], paramsWritten: false };
      out.push(current);
      inHeader = true;
      return;
    }
    const expect = EXPECT_LINE.exec(text);
    if (!expect) {
      if (EXPECT_LIKE.test(text)) throw new ExpectationSyntaxError(line, `not an expectation line: ${text.trim()} (write "-- expect:" or "-- expect params:")`);
      if (text.trim() !== '') inHeader = false;
      return;
    }
    if (!current || !inHeader) throw new ExpectationSyntaxError(line, 'an expectation must follow its `-- name:` line directly (before the statement)');
    for (const item of splitItems(expect[2]!, line)) {
      if (expect[1]) {
        current.paramsWritten = true;
        if (item === 'none') continue;
        const p = parseItem(item, line);
        if (p.kind === 'over-nullable') throw new ExpectationSyntaxError(line, `parameter ${p.name}: use non-null or nullable`);
        pushUnique(current.params, { name: p.name, kind: p.kind }, line);
      } else {
        pushUnique(current.columns, parseItem(item, line), line);
      }
    }
  });
  return out;
}

function pushUnique<T extends { name: string }>(list: T[], item: T, line: number): void {
  if (list.some((x) => x.name === item.name)) throw new ExpectationSyntaxError(line, `${item.name} has two expectations`);
  list.push(item);
}

/** Splits at commas outside parentheses and double quotes. */
function splitItems(text: string, line: number): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      items.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw new ExpectationSyntaxError(line, 'unbalanced ")"');
  }
  if (depth !== 0 || quoted) throw new ExpectationSyntaxError(line, 'unbalanced "(" or quote');
  items.push(text.slice(start));
  const trimmed = items.map((s) => s.trim());
  if (trimmed.some((s) => s === '')) throw new ExpectationSyntaxError(line, 'empty item (a stray comma?)');
  return trimmed;
}

const ITEM = /^("(?:[^"]|"")+"|[^\s"]+)\s+(non-null|nullable|over-nullable\s*\(\s*reason\s*:\s*([\s\S]*)\))$/;

function parseItem(item: string, line: number): ColumnExpectation {
  const m = ITEM.exec(item);
  if (!m) throw new ExpectationSyntaxError(line, `cannot read "${item}": write "<column> non-null", "<column> nullable" or "<column> over-nullable (reason: …)"`);
  const name = m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!;
  if (m[2] === 'non-null' || m[2] === 'nullable') return { name, kind: m[2] };
  const reason = m[3]!.trim();
  if (reason.length < 10) throw new ExpectationSyntaxError(line, `${name}: an over-nullable entry needs a real reason`);
  return { name, kind: 'over-nullable', reason };
}

/** The recorded verdicts of one query, as in expected/verdicts.json. */
export interface RecordedVerdicts {
  columns: Record<string, string>;
  params: Record<string, string>;
}

/** Every way the expectations of one case disagree with its recorded verdicts (empty: they agree). */
export function compareWithVerdicts(expectations: QueryExpectations[], verdicts: Record<string, RecordedVerdicts>): string[] {
  const problems: string[] = [];
  const byName = new Map(expectations.map((e) => [e.query, e]));
  for (const e of expectations) if (!(e.query in verdicts)) problems.push(`${e.query}: has expectations but no recorded verdicts`);
  for (const [query, recorded] of Object.entries(verdicts)) {
    const e = byName.get(query);
    if (!e) {
      problems.push(`${query}: no "-- expect:" lines`);
      continue;
    }
    for (const [column, verdict] of Object.entries(recorded.columns)) {
      const x = e.columns.find((c) => c.name === column);
      if (!x) {
        problems.push(`${query}.${column}: no expectation (recorded: ${verdict})`);
        continue;
      }
      if (x.kind === 'non-null' && verdict.startsWith('nullable (null observed)')) {
        problems.push(`${query}.${column}: expected non-null but a NULL was observed (${verdict})`);
      } else if (!verdictMatches(x.kind, verdict)) {
        problems.push(`${query}.${column}: expected ${x.kind}, recorded ${verdict}`);
      }
    }
    for (const x of e.columns) if (!(x.name in recorded.columns)) problems.push(`${query}.${x.name}: expectation for a column the query does not return`);
    const paramNames = Object.keys(recorded.params);
    if (paramNames.length > 0 && !e.paramsWritten) problems.push(`${query}: no "-- expect params:" line for ${paramNames.join(', ')}`);
    for (const [param, verdict] of Object.entries(recorded.params)) {
      const x = e.params.find((p) => p.name === param);
      if (!x) problems.push(`${query}: parameter ${param} has no expectation (recorded: ${verdict})`);
      else if (x.kind !== verdict) problems.push(`${query}: parameter ${param} expected ${x.kind}, recorded ${verdict}`);
    }
    for (const x of e.params) if (!(x.name in recorded.params)) problems.push(`${query}: expectation for a parameter ${x.name} the query does not have`);
  }
  return problems;
}

function verdictMatches(kind: ColumnExpectation['kind'], verdict: string): boolean {
  switch (kind) {
    case 'non-null':
      return verdict === 'non-null';
    case 'nullable':
      return verdict.startsWith('nullable (null observed): ');
    case 'over-nullable':
      return verdict.startsWith('nullable (never null on seed): ');
  }
}
