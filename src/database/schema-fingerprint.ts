/**
 * A fingerprint of everything in a live database that can change what Describe or inference
 * says about a query, computed server-side in ONE catalog query (simple protocol: not even a
 * Parse message), so an unchanged run costs one round trip however many queries there are.
 *
 * It covers the user schemas (everything but pg_catalog, information_schema and the toast/temp
 * schemas): relations and their columns (name, attnum, type, NOT NULL, identity/generated),
 * constraints, unique indexes, enums with their labels, domains, composite and range types,
 * functions (identity arguments, result, strictness, set-returning, kind, volatility),
 * operators, casts and view definitions — plus the server version and the session settings that
 * change how SQL is read. Objects are hashed by name, never by OID, so a schema dropped and
 * recreated identically keeps its fingerprint (its queries describe the same).
 */
import type { WireSession } from './wire-session.js';

const USER_NAMESPACE = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'`;

const FINGERPRINT_SQL = `
SELECT md5(coalesce(string_agg(line, E'\\n' ORDER BY line COLLATE "C"), '')) FROM (
  SELECT 'server ' || current_setting('server_version_num') || ' ' || current_setting('search_path')
    || ' ' || current_setting('standard_conforming_strings') AS line
  UNION ALL
  SELECT 'ext ' || e.extname || ' ' || e.extversion::text FROM pg_extension e
  UNION ALL
  SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || c.relispartition::text
    || CASE WHEN c.relkind IN ('v', 'm') THEN ' ' || pg_get_viewdef(c.oid) ELSE '' END
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NAMESPACE} AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
  UNION ALL
  SELECT 'col ' || n.nspname || '.' || c.relname || ' ' || a.attnum || ' ' || a.attname || ' '
    || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' ' || a.attidentity::text || a.attgenerated::text
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NAMESPACE} AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'con ' || n.nspname || '.' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NAMESPACE}
  UNION ALL
  SELECT 'idx ' || pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NAMESPACE} AND i.indisunique
  UNION ALL
  SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text || ' ' || t.typnotnull::text
    || ' ' || CASE WHEN t.typbasetype <> 0 THEN format_type(t.typbasetype, t.typtypmod) ELSE '' END
    || coalesce(' ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '')
    || coalesce(' ' || (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid), '')
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE ${USER_NAMESPACE} AND t.typtype IN ('b', 'c', 'd', 'e', 'r', 'm')
  UNION ALL
  SELECT 'fn ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '
    || coalesce(pg_get_function_result(p.oid), '') || ' ' || p.prokind::text || ' ' || p.proisstrict::text || ' '
    || p.proretset::text || ' ' || p.provolatile::text
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE ${USER_NAMESPACE}
  UNION ALL
  SELECT 'op ' || n.nspname || '.' || o.oprname || ' ' || format_type(o.oprleft, NULL) || ' '
    || format_type(o.oprright, NULL) || ' ' || format_type(o.oprresult, NULL) || ' ' || o.oprcode::text
  FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
  WHERE ${USER_NAMESPACE}
  UNION ALL
  SELECT 'cast ' || format_type(k.castsource, NULL) || ' ' || format_type(k.casttarget, NULL) || ' '
    || k.castcontext::text || ' ' || k.castmethod::text || ' ' || coalesce(k.castfunc::regprocedure::text, '')
  FROM pg_cast k WHERE k.oid >= 16384
) AS schema_lines`;

/** `server:<md5>`, a pure function of the database's schema as far as prepare can see it. */
export async function serverFingerprint(session: WireSession): Promise<string> {
  const rows = await session.simpleQuery(FINGERPRINT_SQL);
  const hash = rows[0]?.[0];
  if (!hash) throw new Error('internal: the schema fingerprint query returned no row');
  return `server:${hash}`;
}
