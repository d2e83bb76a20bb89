/**
 * Which relations and columns each cached query uses, from the offline cache alone: the entry's
 * `columns[].origin` and `params[].target`, and the relations and column references found by
 * parsing its `statement` with PostgreSQL's parser. Errs towards "used": a false alarm costs an
 * ignore comment, a missed one costs an outage.
 */
import type { CacheEntry } from '../cache/cache-entry.js';
import { parseSql } from '../source/sql-scanner.js';
import { qualifiedNameKey, rangeVarKey, type RangeVarNode } from './relation-name.js';

/** A query as it is named in findings. */
export interface QueryRef {
  name: string;
  /** `file:line` of the query. */
  source: string;
}

interface QueryUse {
  query: QueryRef;
  /** Relation keys the statement reads or writes. */
  relations: Set<string>;
  /** Alias or relation name → relation key. */
  aliases: Map<string, string>;
  /** Column references: `qualifier` when written `t.col`; `*` for a star. */
  refs: Array<{ qualifier?: string; column: string }>;
  /** `relationKey\0column` known for sure (origins, targets, INSERT/UPDATE column lists). */
  exact: Set<string>;
  /** The statement could not be parsed: only its origins are known. */
  unparsed: boolean;
}

export class QueryUsage {
  readonly #uses: QueryUse[];

  constructor(entries: readonly CacheEntry[]) {
    const seen = new Set<string>();
    this.#uses = [];
    for (const e of entries) {
      const id = `${e.name}\0${e.source}\0${e.statement}`;
      if (seen.has(id)) continue;
      seen.add(id);
      this.#uses.push(useOf(e));
    }
    // Findings name queries in file order, line numbers compared as numbers.
    this.#uses.sort((a, b) => a.query.source.localeCompare(b.query.source, 'en', { numeric: true }) || (a.query.name < b.query.name ? -1 : 1));
  }

  get size(): number {
    return this.#uses.length;
  }

  /** Queries that name the relation. */
  usingRelation(key: string): QueryRef[] {
    return this.#uses.filter((u) => u.relations.has(key) || [...u.exact].some((x) => x.startsWith(`${key}\0`))).map((u) => u.query);
  }

  /**
   * Queries that use the column. `columnsOf` gives the columns a relation has (when known), so an
   * unqualified reference is attributed to the relation that has it.
   */
  usingColumn(key: string, column: string, columnsOf: (key: string) => ReadonlySet<string> | undefined): QueryRef[] {
    return this.#uses
      .filter((u) => {
        if (u.exact.has(`${key}\0${column}`)) return true;
        if (!u.relations.has(key)) return false;
        return u.refs.some((r) => {
          if (r.qualifier !== undefined) return u.aliases.get(r.qualifier) === key && (r.column === column || r.column === '*');
          if (r.column === '*') return true;
          if (r.column !== column) return false;
          // Unqualified: the relation's own column, unless another relation of the query has it and this one is known not to.
          const own = columnsOf(key);
          return own === undefined || own.has(column);
        });
      })
      .map((u) => u.query);
  }
}

type Node = Record<string, unknown>;

function useOf(e: CacheEntry): QueryUse {
  const use: QueryUse = { query: { name: e.name, source: e.source }, relations: new Set(), aliases: new Map(), refs: [], exact: new Set(), unparsed: false };
  for (const c of e.columns) if (c.origin) use.exact.add(`${qualifiedNameKey(c.origin.table)}\0${c.origin.column}`);
  for (const p of e.params) if (p.target) use.exact.add(`${qualifiedNameKey(p.target.table)}\0${p.target.column}`);
  const parsed = parseSql(e.statement);
  if (!parsed.ok) {
    use.unparsed = true;
    return use;
  }
  const ctes = new Set<string>();
  walk(parsed.result, (node) => {
    const cte = node.CommonTableExpr as { ctename?: string } | undefined;
    if (cte?.ctename) ctes.add(cte.ctename);
  });
  walk(parsed.result, (node) => {
    const rv = node.RangeVar as RangeVarNode | undefined;
    if (rv?.relname && !(rv.schemaname === undefined && ctes.has(rv.relname))) {
      const key = rangeVarKey(rv)!;
      use.relations.add(key);
      use.aliases.set(rv.alias?.aliasname ?? rv.relname, key);
    }
    const ref = node.ColumnRef as { fields?: Array<{ String?: { sval?: string }; A_Star?: unknown }> } | undefined;
    if (ref?.fields?.length) {
      const names = ref.fields.map((f) => (f.A_Star ? '*' : (f.String?.sval ?? '')));
      const column = names[names.length - 1]!;
      use.refs.push(names.length >= 2 ? { qualifier: names[names.length - 2]!, column } : { column });
    }
    for (const stmt of ['InsertStmt', 'UpdateStmt'] as const) {
      const s = node[stmt] as { relation?: RangeVarNode; cols?: Array<{ ResTarget?: { name?: string } }>; targetList?: Array<{ ResTarget?: { name?: string } }> } | undefined;
      const key = rangeVarKey(s?.relation);
      if (!s || !key) continue;
      for (const t of [...(s.cols ?? []), ...(stmt === 'UpdateStmt' ? (s.targetList ?? []) : [])]) {
        if (t.ResTarget?.name) use.exact.add(`${key}\0${t.ResTarget.name}`);
      }
    }
  });
  return use;
}

function walk(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit);
  } else if (value && typeof value === 'object') {
    visit(value as Node);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

/** `GetUserById (queries/users.sql:3)`, several joined. */
export function nameQueries(queries: readonly QueryRef[], max = 5): string {
  const shown = queries.slice(0, max).map((q) => `${q.name} (${q.source})`);
  return queries.length > max ? `${shown.join(', ')} and ${queries.length - max} more` : shown.join(', ');
}
