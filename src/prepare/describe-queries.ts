/**
 * The online half of `prepare` for the queries that need it: pipelined describe, the batched
 * catalog look-ups, inference, one cache entry per query. Imported only when something must be
 * described, so an unchanged run never loads the SQL parser or the inference engine.
 */
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
    const parsed = parseSql(query.statement);
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
        message: `${query.name}: ${p.message}`,
        ...(p.hint ? { hint: p.hint } : {}),
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
  return {
    file: query.file,
    position: e.position ? locate(codePointToUtf16(query.statement, e.position - 1)) : query.position,
    message: `${query.name}: ${e.message}${e.detail ? ` (${e.detail})` : ''}`,
    code: e.code,
    ...(e.hint ? { hint: e.hint } : {}),
  };
}
