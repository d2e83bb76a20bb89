/**
 * The online half of `prepare` for the queries that need it: pipelined describe, the batched
 * catalog look-ups, inference, one cache entry per query. Imported only when something must be
 * described, so an unchanged run never loads the SQL parser or the inference engine.
 */
import { quoteParams } from '../source/quote-params.js';
import type { CacheEntry, SchemaTypes } from '../cache/cache-entry.js';
import { queryHash } from '../cache/query-hash.js';
import { loadCatalog } from '../database/catalog.js';
import { collectNeedsFromTree, emptyNeeds, loadRelationCatalog } from '../database/relation-catalog.js';
import type { DescribeResult, WireSession } from '../database/wire-session.js';
import type { AstNode } from '../infer/ast.js';
import { buildCacheEntry } from '../infer/build-cache-entry.js';
import { collectSchemaTypes } from '../infer/schema-types.js';
import { describeWithExpansions } from './describe-expansions.js';
import type { QuerySource, SourceProblem } from '../source/query-source.js';
import { statementToSourceOffset } from '../source/rewrite-statement.js';
import { codePointToUtf16, loadSqlParser, parseSql, type ParseOutcome } from '../source/sql-scanner.js';
import type { LineIndex } from '../source/text-position.js';

export interface DescribedQueries {
  /** Entries of the queries that described and inferred cleanly, in the order given. */
  entries: CacheEntry[];
  /** The user types those entries use. */
  schema: SchemaTypes;
  problems: SourceProblem[];
}

export async function describeQueries(
  session: WireSession,
  sources: readonly QuerySource[],
  lines: ReadonlyMap<string, LineIndex>,
  /** Statements already parsed (prepare's syntax check), by their text: not parsed again. */
  parses?: ReadonlyMap<string, ParseOutcome>,
): Promise<DescribedQueries> {
  const problems: SourceProblem[] = [];
  // Remembered parses skip loading the parser; inference needs it. Queries with expansions come
  // back compiled (describe-expansions.ts).
  const [{ queries, described }] = await Promise.all([describeWithExpansions(session, sources), loadSqlParser()]);

  const typeOids = new Set<number>();
  const origins: Array<{ tableOid: number; attnum: number }> = [];
  const needs = emptyNeeds();
  // Each statement is parsed once, for the catalog needs and for inference.
  const trees: Array<ParseOutcome | undefined> = queries.map((query, i) => {
    const d = described[i]!;
    if (!d.ok) return undefined;
    d.paramTypeIds.forEach((t) => typeOids.add(t));
    for (const f of d.fields ?? []) {
      typeOids.add(f.typeId);
      origins.push({ tableOid: f.tableId, attnum: f.columnId });
    }
    const parsed = parses?.get(query.statement) ?? parseSql(query.statement);
    if (parsed.ok) collectNeedsFromTree(parsed.result, needs);
    return parsed;
  });
  const [catalog, relations] = await Promise.all([loadCatalog(session, typeOids, origins), loadRelationCatalog(session, needs)]);

  const entries: CacheEntry[] = [];
  const usedTypes = new Set<number>();
  queries.forEach((query, i) => {
    const d = described[i]!;
    const locate = (statementOffset: number): SourceProblem['position'] =>
      lines.get(query.file)!.position(statementToSourceOffset(query.offsets, statementOffset));
    if (!d.ok) {
      problems.push(serverProblem(query, d, locate));
      return;
    }
    const parsed = trees[i];
    if (!parsed?.ok) throw new Error(`internal: ${query.name} parsed before but not now`);
    const ast = parsed.result.stmts![0]!.stmt as AstNode;
    // The hash of the query as written (a query with expansions is described compiled).
    const built = buildCacheEntry(query, queryHash(sources[i]!), { ...d, ast }, catalog, relations);
    if (built.ok) {
      entries.push(built.entry);
      d.paramTypeIds.forEach((t) => usedTypes.add(t));
      for (const f of d.fields ?? []) usedTypes.add(f.typeId);
      return;
    }
    for (const p of built.problems) {
      problems.push({
        file: query.file,
        position: p.statementOffset !== undefined ? locate(parsed.toChar(p.statementOffset)) : query.position,
        message: `${query.name}: ${quoteParams(p.message, query.params)}`,
        ...(p.hint ? { hint: p.hint } : {}),
        query: query.name,
      });
    }
  });
  return { entries, schema: collectSchemaTypes(catalog, usedTypes), problems };
}

function serverProblem(
  query: QuerySource,
  d: Extract<DescribeResult, { ok: false }>,
  locate: (statementOffset: number) => SourceProblem['position'],
): SourceProblem {
  const e = d.error;
  const at = e.position ? codePointToUtf16(query.statement, e.position - 1) : undefined;
  const hint = [conflictingTypesHint(query, e.code, at, locate), e.hint && quoteParams(e.hint, query.params)].filter(Boolean).join('\n');
  return {
    file: query.file,
    position: at !== undefined ? locate(at) : query.position,
    message: `${query.name}: ${quoteParams(e.message, query.params)}${e.detail ? ` (${quoteParams(e.detail, query.params)})` : ''}`,
    code: e.code,
    ...(hint ? { hint } : {}),
    query: query.name,
  };
}

/** A type error next to a parameter used more than once: PostgreSQL gave it the type of one use. */
function conflictingTypesHint(
  query: QuerySource,
  code: string | undefined,
  at: number | undefined,
  locate: (statementOffset: number) => SourceProblem['position'],
): string | undefined {
  if (at === undefined || !code || !['42883', '42804', '42P08', '42P18'].includes(code)) return undefined;
  let best: { name: string; uses: number[]; distance: number } | undefined;
  for (const p of query.params) {
    if (p.positional || p.expansion) continue;
    const uses = [...query.statement.matchAll(new RegExp(`\\$${p.index}(?!\\d)`, 'g'))].map((m) => m.index);
    if (uses.length < 2) continue;
    const distance = Math.min(...uses.map((u) => Math.abs(u - at)));
    if (distance <= 40 && (!best || distance < best.distance)) best = { name: p.name, uses, distance };
  }
  if (!best) return undefined;
  const where = best.uses.map((u) => { const l = locate(u); return `${l.line}:${l.column}`; });
  return `parameter :${best.name} is used ${best.uses.length} times (at ${where.join(' and ')}) where different types are expected, but a parameter has one type: use a separate parameter for each, or cast one use (\`:${best.name}::text\`)`;
}
