/**
 * Catalog facts for a whole run, fetched in two batched queries (not one per statement): every
 * type the statements mention (with element, base and field types, transitively) and every
 * table column that a result column comes from.
 */
import { catalogQuery } from './catalog-query.js';
import type { WireSession } from './wire-session.js';

export interface CatalogType {
  oid: number;
  /** `typname`, schema-qualified when not in public or pg_catalog. */
  name: string;
  /** b base, c composite, d domain, e enum, p pseudo, r range, m multirange. */
  kind: string;
  category: string;
  elementOid: number;
  baseOid: number;
  notNull: boolean;
  labels?: string[];
  fields?: Array<{ name: string; typeOid: number }>;
}

export interface CatalogColumn {
  tableOid: number;
  attnum: number;
  schema: string;
  table: string;
  column: string;
  notNull: boolean;
  typeOid: number;
  /** r table, v view, m materialized view, f foreign table, p partitioned table. */
  relkind: string;
}

export interface Catalog {
  types: Map<number, CatalogType>;
  /** Keyed by `${tableOid}:${attnum}`. */
  columns: Map<string, CatalogColumn>;
}

const TYPES_SQL = `
WITH RECURSIVE closure(oid) AS (
  SELECT DISTINCT unnest($1::oid[])
  UNION
  SELECT next.oid
  FROM closure c
  JOIN pg_type t ON t.oid = c.oid
  CROSS JOIN LATERAL (
    SELECT t.typelem WHERE t.typelem <> 0
    UNION ALL SELECT t.typbasetype WHERE t.typbasetype <> 0
    UNION ALL SELECT a.atttypid FROM pg_attribute a
      WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
  ) AS next(oid)
)
SELECT coalesce(json_agg(json_build_object(
  'oid', t.oid::int8,
  'name', CASE WHEN n.nspname IN ('public', 'pg_catalog') THEN t.typname::text ELSE n.nspname || '.' || t.typname END,
  'kind', t.typtype,
  'category', t.typcategory,
  'elementOid', t.typelem::int8,
  'baseOid', t.typbasetype::int8,
  'notNull', t.typnotnull,
  'labels', CASE WHEN t.typtype = 'e' THEN (
    SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) END,
  'fields', CASE WHEN t.typtype = 'c' THEN (
    SELECT json_agg(json_build_object('name', a.attname, 'typeOid', a.atttypid::int8) ORDER BY a.attnum)
    FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END
) ORDER BY t.oid), '[]')
FROM closure c
JOIN pg_type t ON t.oid = c.oid
JOIN pg_namespace n ON n.oid = t.typnamespace`;

const COLUMNS_SQL = `
SELECT coalesce(json_agg(json_build_object(
  'tableOid', c.oid::int8, 'attnum', a.attnum, 'schema', n.nspname, 'table', c.relname,
  'column', a.attname, 'notNull', a.attnotnull, 'typeOid', a.atttypid::int8, 'relkind', c.relkind
) ORDER BY c.oid, a.attnum), '[]')
FROM unnest($1::oid[], $2::int2[]) AS k(relid, attnum)
JOIN pg_attribute a ON a.attrelid = k.relid AND a.attnum = k.attnum
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace`;

export async function loadCatalog(
  session: WireSession,
  typeOids: Iterable<number>,
  origins: Iterable<{ tableOid: number; attnum: number }>,
): Promise<Catalog> {
  const typeList = [...new Set(typeOids)].filter((o) => o > 0);
  const originList = uniqueOrigins(origins);
  const [typeRows, columnRows] = await Promise.all([
    catalogQuery(session, TYPES_SQL, [pgArray(typeList)]),
    catalogQuery(session, COLUMNS_SQL, [pgArray(originList.map((o) => o.tableOid)), pgArray(originList.map((o) => o.attnum))]),
  ]);
  const types = new Map<number, CatalogType>();
  for (const t of JSON.parse(typeRows[0]![0]!) as CatalogType[]) {
    if (t.labels === null) delete t.labels;
    if (t.fields === null) delete t.fields;
    types.set(t.oid, t);
  }
  const columns = new Map<string, CatalogColumn>();
  for (const c of JSON.parse(columnRows[0]![0]!) as CatalogColumn[]) columns.set(`${c.tableOid}:${c.attnum}`, c);
  return { types, columns };
}

function uniqueOrigins(origins: Iterable<{ tableOid: number; attnum: number }>): Array<{ tableOid: number; attnum: number }> {
  const seen = new Map<string, { tableOid: number; attnum: number }>();
  for (const o of origins) if (o.tableOid > 0 && o.attnum > 0) seen.set(`${o.tableOid}:${o.attnum}`, o);
  return [...seen.values()];
}

function pgArray(values: number[]): string {
  return `{${values.join(',')}}`;
}
