/**
 * Catalog facts the nullability engine needs beyond what Describe reports: every relation the
 * statements name (columns with NOT NULL, views with their definitions, followed recursively),
 * and the strictness of every function and operator they call. Batched for the whole run.
 */
import { parseSql } from '../source/sql-scanner.js';
import { catalogQuery } from './catalog-query.js';
import type { WireSession } from './wire-session.js';

export interface RelationColumn {
  name: string;
  attnum: number;
  /** `attnotnull`, or a NOT NULL domain (or a domain over one) as the column type. */
  notNull: boolean;
  /** True when only the domain makes it NOT NULL. */
  domainNotNull: boolean;
  typeOid: number;
  /** The column's type (or its domain's base) is in the string category. */
  textLike: boolean;
  /** A generated column (recomputed when the columns it reads change). */
  generated?: boolean;
}

export interface RelationFacts {
  oid: number;
  schema: string;
  name: string;
  /** r table, p partitioned, v view, m materialized view, f foreign table. */
  relkind: string;
  columns: RelationColumn[];
  /** `pg_get_viewdef` for views. */
  viewDefinition?: string;
  /**
   * false only for a plain table whose UPDATE writes exactly what SET says: no BEFORE/INSTEAD OF
   * row trigger on UPDATE, no rules, no inheritance children (which may have triggers of their own).
   */
  updateRewritesRows?: boolean;
}

export interface RoutineFacts {
  /** Every function of that name is strict (NULL in → NULL out, never called with NULL). */
  allStrict: boolean;
  /** Every function of that name is built in (pg_catalog). */
  allBuiltIn: boolean;
  returnsSet: boolean;
  /** Some function of that name is an aggregate. */
  isAggregate: boolean;
}

export interface RelationCatalog {
  /** Keyed by the name as written (`users`, `auth.users`, lower-cased unless quoted). */
  relations: Map<string, RelationFacts>;
  functions: Map<string, RoutineFacts>;
  operators: Map<string, RoutineFacts>;
  /** Type names that a user-defined cast function converts to (such a function may return NULL). */
  userCastTargets: Set<string>;
}

const RELATIONS_SQL = `
SELECT coalesce(json_agg(json_build_object(
  'key', k.key, 'oid', c.oid::int8, 'schema', n.nspname, 'name', c.relname, 'relkind', c.relkind,
  'viewDefinition', CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
  'updateRewritesRows', c.relkind <> 'r' OR c.relhasrules OR c.relhassubclass OR EXISTS (
    SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = c.oid
      AND (tg.tgtype & 1) <> 0 AND (tg.tgtype & 16) <> 0 AND (tg.tgtype & (2 | 64)) <> 0),
  'columns', (SELECT coalesce(json_agg(json_build_object(
      'name', a.attname, 'attnum', a.attnum, 'typeOid', a.atttypid::int8,
      'notNull', a.attnotnull OR coalesce(dn.notnull, false),
      'domainNotNull', NOT a.attnotnull AND coalesce(dn.notnull, false),
      'textLike', bt.typcategory = 'S', 'generated', a.attgenerated <> '') ORDER BY a.attnum), '[]')
    FROM pg_attribute a LEFT JOIN pg_type t ON t.oid = a.atttypid AND t.typtype = 'd'
    JOIN pg_type bt ON bt.oid = coalesce(nullif(t.typbasetype, 0), a.atttypid)
    -- A domain over a NOT NULL domain is NOT NULL too: walk the chain of base domains.
    LEFT JOIN LATERAL (
      WITH RECURSIVE chain AS (
        SELECT d.oid, d.typbasetype, d.typnotnull FROM pg_type d WHERE d.oid = a.atttypid AND d.typtype = 'd'
        UNION ALL
        SELECT d.oid, d.typbasetype, d.typnotnull FROM chain JOIN pg_type d ON d.oid = chain.typbasetype WHERE d.typtype = 'd')
      SELECT bool_or(chain.typnotnull) AS notnull FROM chain) dn ON true
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
)), '[]')
FROM unnest($1::text[]) AS k(key)
JOIN pg_class c ON c.oid = to_regclass(k.key)
JOIN pg_namespace n ON n.oid = c.relnamespace`;

const USER_CASTS_SQL = `
SELECT coalesce(json_agg(DISTINCT t.typname), '[]')
FROM pg_cast c JOIN pg_proc p ON p.oid = c.castfunc JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_type t ON t.oid = c.casttarget
WHERE n.nspname <> 'pg_catalog'`;

const FUNCTIONS_SQL = `
SELECT coalesce(json_agg(json_build_object('name', f.name, 'allStrict', f.strict, 'allBuiltIn', f.builtin, 'returnsSet', f.rs, 'isAggregate', f.agg)), '[]')
FROM (SELECT p.proname AS name, bool_and(p.proisstrict) AS strict, bool_and(n.nspname = 'pg_catalog') AS builtin, bool_or(p.proretset) AS rs, bool_or(p.prokind = 'a') AS agg
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.proname = ANY($1::text[]) GROUP BY p.proname) f`;

const OPERATORS_SQL = `
SELECT coalesce(json_agg(json_build_object('name', f.name, 'allStrict', f.strict, 'allBuiltIn', f.builtin, 'returnsSet', f.rs, 'isAggregate', false)), '[]')
FROM (SELECT o.oprname AS name, bool_and(p.proisstrict) AS strict,
             bool_and(n.nspname = 'pg_catalog' AND pn.nspname = 'pg_catalog') AS builtin, bool_or(p.proretset) AS rs
      FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode
      JOIN pg_namespace n ON n.oid = o.oprnamespace JOIN pg_namespace pn ON pn.oid = p.pronamespace
      WHERE o.oprname = ANY($1::text[]) GROUP BY o.oprname) f`;

export interface CatalogNeeds {
  relations: Set<string>;
  functions: Set<string>;
  operators: Set<string>;
}

export function emptyNeeds(): CatalogNeeds {
  return { relations: new Set(), functions: new Set(), operators: new Set() };
}

/** Loads what `needs` lists, then whatever the view definitions found reference, until closed. */
export async function loadRelationCatalog(session: WireSession, needs: CatalogNeeds): Promise<RelationCatalog> {
  const castRows = await catalogQuery(session, USER_CASTS_SQL);
  const catalog: RelationCatalog = {
    relations: new Map(),
    functions: new Map(),
    operators: new Map(),
    userCastTargets: new Set(JSON.parse(castRows[0]![0]!) as string[]),
  };
  const asked = { relations: new Set<string>(), functions: new Set<string>(), operators: new Set<string>() };
  let pending = needs;
  for (let round = 0; round < 10; round++) {
    const rel = [...pending.relations].filter((n) => !asked.relations.has(n));
    const fun = [...pending.functions].filter((n) => !asked.functions.has(n));
    const op = [...pending.operators].filter((n) => !asked.operators.has(n));
    if (rel.length + fun.length + op.length === 0) break;
    rel.forEach((n) => asked.relations.add(n));
    fun.forEach((n) => asked.functions.add(n));
    op.forEach((n) => asked.operators.add(n));
    const [relRows, funRows, opRows] = await Promise.all([
      rel.length ? catalogQuery(session, RELATIONS_SQL, [textArray(rel)]) : Promise.resolve([['[]']]),
      fun.length ? catalogQuery(session, FUNCTIONS_SQL, [textArray(fun)]) : Promise.resolve([['[]']]),
      op.length ? catalogQuery(session, OPERATORS_SQL, [textArray(op)]) : Promise.resolve([['[]']]),
    ]);
    const next = emptyNeeds();
    for (const r of JSON.parse(relRows[0]![0]!) as Array<RelationFacts & { key: string; viewDefinition: string | null }>) {
      const { key, ...facts } = r;
      if (facts.viewDefinition === null) delete (facts as { viewDefinition?: string | null }).viewDefinition;
      catalog.relations.set(key, facts);
      if (facts.viewDefinition) collectNeeds(facts.viewDefinition, next);
    }
    for (const f of JSON.parse(funRows[0]![0]!) as Array<RoutineFacts & { name: string }>) catalog.functions.set(f.name, f);
    for (const o of JSON.parse(opRows[0]![0]!) as Array<RoutineFacts & { name: string }>) catalog.operators.set(o.name, o);
    pending = next;
  }
  return catalog;
}

/** Adds the relations, functions and operators a statement names to `needs`. */
export function collectNeeds(sql: string, needs: CatalogNeeds): void {
  const parsed = parseSql(sql);
  if (!parsed.ok) return;
  walk(parsed.result, needs);
}

/** The same, from a statement already parsed (prepare parses each statement once). */
export function collectNeedsFromTree(tree: unknown, needs: CatalogNeeds): void {
  walk(tree, needs);
}

function walk(node: unknown, needs: CatalogNeeds): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, needs);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  // DML targets are bare RangeVar objects (`relation: { relname }`), FROM items are wrapped.
  const rv = (record.RangeVar ?? (typeof record.relname === 'string' ? record : undefined)) as { relname?: string; schemaname?: string } | undefined;
  if (rv?.relname) needs.relations.add(relationKey(rv.schemaname, rv.relname));
  const fc = record.FuncCall as { funcname?: Array<{ String?: { sval: string } }> } | undefined;
  if (fc?.funcname) {
    const name = fc.funcname[fc.funcname.length - 1]?.String?.sval;
    if (name) needs.functions.add(name);
  }
  const ae = record.A_Expr as { name?: Array<{ String?: { sval: string } }>; kind?: string } | undefined;
  if (ae?.name) {
    const name = ae.name[ae.name.length - 1]?.String?.sval;
    if (name) needs.operators.add(name);
    // x BETWEEN a AND b is x >= a AND x <= b: the engine asks whether those operators are strict.
    if (ae.kind?.includes('BETWEEN')) ['>=', '<='].forEach((op) => needs.operators.add(op));
  }
  for (const value of Object.values(record)) if (value && typeof value === 'object') walk(value, needs);
}

/** The text `to_regclass` resolves: identifiers quoted so case and odd characters survive. */
export function relationKey(schema: string | undefined, name: string): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return schema ? `${quote(schema)}.${quote(name)}` : quote(name);
}

function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
