/**
 * Turns one described statement into its cache entry: type names from the catalog, nullability
 * from the AST rules, alias overrides applied, and the problems codegen would otherwise hit.
 */
import type { CacheEntry, CachedColumn, CachedParam } from '../cache/cache-entry.js';
import { CACHE_FORMAT_VERSION } from '../cache/cache-entry.js';
import type { Catalog } from '../database/catalog.js';
import type { RelationCatalog } from '../database/relation-catalog.js';
import { inferParams } from './param-nullability.js';
import { applyExpansions } from './expansion-params.js';
import type { DescribedField } from '../database/wire-session.js';
import type { QuerySource } from '../source/query-source.js';
import type { AstNode } from './ast.js';
import { inferColumnNullability, returning } from './nullability.js';

const UNNAMED = '?column?';

export interface EntryProblem {
  /** 0-based offset into the statement as sent, when the problem has a precise place. */
  statementOffset?: number;
  message: string;
  hint?: string;
}

export type BuildOutcome = { ok: true; entry: CacheEntry } | { ok: false; problems: EntryProblem[] };

export interface DescribedStatement {
  paramTypeIds: number[];
  fields: DescribedField[] | null;
  /** The statement's parsed AST (`RawStmt.stmt`). */
  ast: AstNode;
}

export function buildCacheEntry(
  query: QuerySource,
  hash: string,
  described: DescribedStatement,
  catalog: Catalog,
  relations: RelationCatalog,
  /** Ignored: the schema fingerprint lives in schema.json only. Kept while test/cases/replay still passes it. */
  _schemaHash?: string,
): BuildOutcome {
  const problems: EntryProblem[] = [];
  const typeName = (oid: number): string => catalog.types.get(oid)?.name ?? 'unknown';

  const uses = inferParams(described.ast, described.paramTypeIds.length, relations);
  const taken = new Set(query.params.filter((p) => !p.positional).map((p) => p.name));
  const params: CachedParam[] = described.paramTypeIds.map((oid, i) => {
    const source = query.params.find((p) => p.index === i + 1);
    const use = uses[i]!;
    const nullable = source?.mark === '!' ? false : source?.mark === '?' ? true : use.nullable;
    let name = source && !source.positional ? source.name : use.suggestedName ?? `p${i + 1}`;
    if (taken.has(name) && (!source || source.positional)) name = `${name}${i + 1}`;
    taken.add(name);
    // `?` asks for an optional property; expansions cannot carry it (rewrite-statement.ts refuses).
    return { name, pgType: typeName(oid), nullable, ...(source?.mark === '?' && !source.expansion ? { optional: true as const } : {}) };
  });
  applyExpansions(params, query, described.ast, relations);
  const paramMarks = new Map(params.map((p, i) => [i + 1, p.nullable ? null : '!'] as const));

  const fields = described.fields ?? [];
  // pgtyped files default to :many, which for a statement without rows means :exec.
  const cardinality = query.cardinalityDefaulted && described.fields === null ? 'exec' : query.cardinality;
  const returnsRows = cardinality === 'one' || cardinality === 'maybe' || cardinality === 'many';
  if (returnsRows && described.fields === null) {
    problems.push({
      message: `query ${query.name} is :${query.cardinality} but returns no rows`,
      hint: 'use :exec or :execrows, or add a RETURNING clause',
    });
  }

  const nullability = inferColumnNullability(described.ast, fields, relations, paramMarks);
  const columns: CachedColumn[] = fields.map((field, i) => {
    const override = query.overrides.find((o) => o.name === field.name);
    const inferred = nullability[i]!;
    const nullable = override?.nullable ?? inferred.nullable;
    const origin = field.tableId > 0 ? catalog.columns.get(`${field.tableId}:${field.columnId}`) : undefined;
    const because =
      override?.nullable === true ? `marked nullable by its alias "${field.name}?"` : nullable ? inferred.because : undefined;
    return {
      name: field.name,
      pgType: typeName(field.typeId),
      nullable,
      ...(because !== undefined ? { nullableBecause: because } : {}),
      ...(origin ? { origin: { table: qualified(origin.schema, origin.table), column: origin.column } } : {}),
      ...(override?.tsType ? { tsType: override.tsType } : {}),
    };
  });

  if (returnsRows) problems.push(...columnNameProblems(columns, described.ast));

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    entry: {
      version: CACHE_FORMAT_VERSION,
      hash,
      name: query.name,
      source: `${query.file}:${query.position.line}`,
      cardinality,
      sql: query.sql,
      statement: query.statement,
      params,
      columns,
      ...(query.dynamic ? { dynamic: query.dynamic } : {}),
    },
  };
}

function columnNameProblems(columns: CachedColumn[], ast: AstNode): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const targets = targetLocations(ast);
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    const at = targets.length === columns.length ? targets[i] : undefined;
    const where = at !== undefined ? { statementOffset: at } : {};
    if (c.name === UNNAMED || c.name === '') {
      problems.push({ ...where, message: `result column ${i + 1} has no name`, hint: 'give the expression an alias: `expr AS my_name`' });
    } else if (seen.has(c.name)) {
      problems.push({ ...where, message: `duplicate result column name "${c.name}"`, hint: `alias one of them: \`... AS other_${c.name}\`` });
    }
    seen.add(c.name);
  });
  return problems;
}

/** Offsets of the top-level targets, to point errors at the right column. */
function targetLocations(ast: AstNode): number[] {
  const list = ast.SelectStmt
    ? ((ast.SelectStmt.targetList ?? []) as AstNode[])
    : returning(ast.InsertStmt ?? ast.UpdateStmt ?? ast.DeleteStmt ?? ast.MergeStmt ?? {});
  return list.map((t) => (t.ResTarget?.location as number | undefined) ?? -1).filter((n) => n >= 0);
}

function qualified(schema: string, name: string): string {
  return schema === 'public' || schema === 'pg_catalog' ? name : `${schema}.${name}`;
}
