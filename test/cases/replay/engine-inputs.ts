/**
 * What the nullability engine learns from PostgreSQL for one golden case, recorded once against a
 * real server so the engine can be re-run without one (replay.test.ts, mutation testing).
 *
 * The boundary is `buildCacheEntry` (src/infer/build-cache-entry.ts): per query, the Describe
 * result (parameter type OIDs, result fields); per case, the type/column catalog (catalog.ts) and
 * the relation/function/operator facts (relation-catalog.ts). Everything else the engine reads —
 * the query source and the statement's AST — comes from queries.sql without a database.
 *
 * These are facts PostgreSQL reported, not engine output, so checking a replay against the
 * expectations is a real test. OIDs of objects the case creates differ on every server; they are
 * renumbered in order of first appearance so a re-recording of the same schema is byte-identical.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Catalog, CatalogColumn, CatalogType } from '../../../src/database/catalog.js';
import type { RelationCatalog, RelationFacts, RoutineFacts } from '../../../src/database/relation-catalog.js';
import type { DescribedField } from '../../../src/database/wire-session.js';

export const INPUTS_FILE = path.join('expected', 'describe.json');
export const INPUTS_FORMAT = 1;

/** The command that (re)records one case's inputs against the server at TEST_DATABASE_URL. */
export function recordCommand(caseName?: string): string {
  return `npm run cases:record${caseName ? ` -- ${caseName}` : ''}`;
}

export interface RecordedQuery {
  name: string;
  /** The statement as described (with `$n`): a replay whose source yields another is stale. */
  statement: string;
  paramTypeIds: number[];
  /** null for a statement that returns no rows. */
  fields: DescribedField[] | null;
}

export interface EngineInputs {
  format: typeof INPUTS_FORMAT;
  /** sha256 of schema.sql as recorded. */
  schemaSql: string;
  queries: RecordedQuery[];
  catalog: { types: CatalogType[]; columns: CatalogColumn[] };
  relations: {
    relations: Record<string, RelationFacts>;
    functions: Record<string, RoutineFacts>;
    operators: Record<string, RoutineFacts>;
    userCastTargets: string[];
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function toInputs(schemaSql: string, queries: RecordedQuery[], catalog: Catalog, relations: RelationCatalog): EngineInputs {
  const byKey = <T>(m: Map<string, T>): Record<string, T> =>
    Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const inputs: EngineInputs = {
    format: INPUTS_FORMAT,
    schemaSql: sha256(schemaSql),
    queries,
    catalog: {
      types: [...catalog.types.values()].sort((a, b) => a.oid - b.oid),
      columns: [...catalog.columns.values()].sort((a, b) => a.tableOid - b.tableOid || a.attnum - b.attnum),
    },
    relations: {
      relations: byKey(relations.relations),
      functions: byKey(relations.functions),
      operators: byKey(relations.operators),
      userCastTargets: [...relations.userCastTargets].sort(),
    },
  };
  return renumberOids(inputs);
}

export function catalogOf(inputs: EngineInputs): Catalog {
  return {
    types: new Map(inputs.catalog.types.map((t) => [t.oid, t])),
    columns: new Map(inputs.catalog.columns.map((c) => [`${c.tableOid}:${c.attnum}`, c])),
  };
}

export function relationCatalogOf(inputs: EngineInputs): RelationCatalog {
  return {
    relations: new Map(Object.entries(inputs.relations.relations)),
    functions: new Map(Object.entries(inputs.relations.functions)),
    operators: new Map(Object.entries(inputs.relations.operators)),
    userCastTargets: new Set(inputs.relations.userCastTargets),
  };
}

export function serializeInputs(inputs: EngineInputs): string {
  return JSON.stringify(inputs, null, 2) + '\n';
}

/** Keys whose numbers are OIDs (of tables or types), wherever they occur. */
const OID_KEYS = new Set(['oid', 'tableId', 'typeId', 'paramTypeIds', 'tableOid', 'typeOid', 'elementOid', 'baseOid']);
/** PostgreSQL's FirstNormalObjectId: OIDs below it are built in and the same on every server. */
const FIRST_USER_OID = 16384;
const RENUMBERED_FROM = 1_000_000;

function renumberOids(inputs: EngineInputs): EngineInputs {
  const map = new Map<number, number>();
  const renumber = (oid: number): number => {
    if (oid < FIRST_USER_OID) return oid;
    let next = map.get(oid);
    if (next === undefined) map.set(oid, (next = RENUMBERED_FROM + map.size));
    return next;
  };
  const walk = (value: unknown, oidKey: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, oidKey));
    if (typeof value === 'number') return oidKey ? renumber(value) : value;
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, OID_KEYS.has(k))]));
  };
  const renumbered = walk(inputs, false) as EngineInputs;
  // Renumbering keeps each list's order; sort again by the new numbers for a stable file.
  renumbered.catalog.types.sort((a, b) => a.oid - b.oid);
  renumbered.catalog.columns.sort((a, b) => a.tableOid - b.tableOid || a.attnum - b.attnum);
  return renumbered;
}
