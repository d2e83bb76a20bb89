/**
 * A base cache entry back into a query record, so the previous release's queries go through
 * exactly the describe + inference pipeline `prepare` uses. The entry keeps the SQL as written:
 * read again as a query file, it yields the same parameter marks (`:id!`) and alias overrides
 * (`AS "total!"`) the base was prepared with. When that does not give back the statement the base
 * sent (a pgtyped query with `@param` declarations, say), the statement as sent is described
 * as it is, with the base's own verdicts standing in for the marks.
 */
import type { CacheEntry } from '../cache/cache-entry.js';
import { parseQueryFile } from '../source/parse-query-file.js';
import type { QuerySource } from '../source/query-source.js';
import { LineIndex } from '../source/text-position.js';

export interface BaseQuery {
  source: QuerySource;
  lines: LineIndex;
  /** Positions in `source` are the SQL as written from line 2 on (false: the statement as sent). */
  asWritten: boolean;
}

/** `key` names the record uniquely (problems come back keyed by it). */
export function baseQuerySource(entry: CacheEntry, key: string): BaseQuery {
  const header = `-- name: ${entry.name} :${entry.cardinality}\n`;
  const text = `${header}${entry.sql}\n`;
  const lines = new LineIndex(text);
  const parsed = parseQueryFile(key, text);
  const again = parsed.queries.length === 1 && parsed.problems.length === 0 ? parsed.queries[0]! : undefined;
  if (again && (again.statement === entry.statement || (again.slots?.length ?? 0) > 0)) {
    // `:x?` only widens the TypeScript type: whether the new schema still accepts the NULL the
    // old code may pass is for inference to say.
    return { source: { ...again, params: again.params.map((p) => (p.mark === '?' ? { ...p, mark: null } : p)) }, lines, asWritten: true };
  }

  const statementText = `${header}${entry.statement}\n`;
  const position = { line: 2, column: 1 };
  return {
    asWritten: false,
    lines: new LineIndex(statementText),
    source: {
      file: key,
      name: entry.name,
      cardinality: entry.cardinality,
      position,
      sql: entry.sql,
      statement: entry.statement,
      // A parameter the base typed non-null stays so; one it let be NULL is inferred again.
      params: entry.params.map((p, i) => ({ name: p.name, index: i + 1, mark: p.nullable ? null : '!', position })),
      overrides: entry.columns.filter((c) => c.tsType !== undefined).map((c) => ({ name: c.name, tsType: c.tsType! })),
      offsets: { segments: [{ statementOffset: 0, sourceOffset: header.length }] },
      ...(entry.dynamic ? { dynamic: entry.dynamic } : {}),
    },
  };
}
