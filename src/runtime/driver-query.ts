/**
 * Runs a statement so that every value crosses the driver as text, both ways: generated code
 * decodes and encodes with its own codecs (type-codecs.ts), so neither the driver's defaults nor
 * a global `pg.types.setTypeParser(...)` can change what a declared type means.
 *
 * Drivers are recognised by shape (this module imports neither):
 * - pg `Pool`, `Client`, `PoolClient` (they have `connect`): a query config with per-query
 *   `types`, whose parser returns the text unchanged;
 * - PGlite and its transactions (they have `exec`): per-query `parsers` that return the text
 *   unchanged for every OID PGlite would parse, and `serializers` that send our text as it is;
 * - anything else is asked `query(text, values)` and must deliver text itself.
 */
import { CONNECTION, type Queryable, type QueryResultLike } from './queryable.js';

const text = (value: string): string => value;

/** pg's per-query type source: text stays text (binary results are never requested). */
const PG_RAW_TYPES = { getTypeParser: () => text };

interface PgLike {
  query(config: { text: string; values: unknown[]; types: typeof PG_RAW_TYPES }): Promise<QueryResultLike>;
}

interface PgliteLike {
  query(text: string, values: unknown[], options: { parsers: Record<number, (value: string) => unknown>; serializers: Record<number, (value: unknown) => string> }): Promise<QueryResultLike>;
  parsers?: Record<string, unknown>;
}

/**
 * Built-in OIDs PGlite parses by default (scalars and their arrays; its table in 0.5). PGlite merges
 * per-query parsers over its own table by key, so each must be named; an instance's own table is
 * read as well (it adds array types of user types), which a bare transaction object cannot offer.
 */
const PGLITE_BUILTIN_OIDS = [
  16, 17, 20, 21, 23, 25, 26, 114, 143, 199, 210, 270, 271, 272, 273, 629, 651, 700, 701, 719, 775, 791, 1000, 1001, 1002, 1003, 1005,
  1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019, 1020, 1021, 1022, 1027, 1028, 1034, 1040, 1041,
  1042, 1043, 1082, 1114, 1115, 1182, 1183, 1184, 1185, 1187, 1231, 1263, 1270, 1561, 1563, 2201, 2207, 2208, 2209, 2210, 2211, 2949,
  2951, 3221, 3643, 3644, 3645, 3735, 3770, 3802, 3807, 3905, 3907, 3909, 3911, 3913, 3927, 4073, 4090, 4097, 4192, 5039, 6150, 6151,
  6152, 6153, 6155, 6157,
  // Scalars PGlite 0.5 leaves as text, named too in case a later version parses them.
  18, 19, 22, 24, 30, 142, 194, 600, 601, 602, 603, 604, 628, 650, 718, 774, 790, 829, 869, 1033, 1083, 1186, 1266, 1560, 1562, 1790,
  2202, 2203, 2204, 2205, 2206, 2950, 3220, 3614, 3615, 3642, 3734, 3769, 3904, 3906, 3908, 3910, 3912, 3926, 4072, 4089, 4096, 4191,
  4451, 4532, 4533, 4534, 4535, 4536, 4537, 4538,
];

const BUILTIN_PARSERS = rawParsers(PGLITE_BUILTIN_OIDS);
const instanceParsers = new WeakMap<object, { size: number; parsers: Record<number, (value: string) => unknown> }>();

/** Every OID answers "send the text as it is" (PGlite looks serializers up by key, unmerged). */
const RAW_SERIALIZERS = new Proxy({} as Record<number, (value: unknown) => string>, { get: () => (value: unknown) => value as string });

export function queryText(db: Queryable, sql: string, values: readonly (string | null)[]): Promise<QueryResultLike> {
  const target = typeof (db as { [CONNECTION]?: unknown })[CONNECTION] === 'function' ? (db as unknown as { [CONNECTION](): Queryable })[CONNECTION]() : db;
  const params = values as unknown[];
  if (isPglite(target)) return target.query(sql, params, { parsers: pgliteParsers(target), serializers: RAW_SERIALIZERS });
  if (isPg(target)) return target.query({ text: sql, values: params, types: PG_RAW_TYPES });
  return target.query(sql, params);
}

function pgliteParsers(db: PgliteLike): Record<number, (value: string) => unknown> {
  const own = db.parsers;
  if (typeof own !== 'object' || own === null) return BUILTIN_PARSERS;
  const size = Object.keys(own).length;
  let cached = instanceParsers.get(own);
  if (cached === undefined || cached.size !== size) {
    const oids = Object.keys(own).filter((k) => /^\d+$/.test(k)).map(Number);
    cached = { size, parsers: rawParsers([...PGLITE_BUILTIN_OIDS, ...oids]) };
    instanceParsers.set(own, cached);
  }
  return cached.parsers;
}

function rawParsers(oids: readonly number[]): Record<number, (value: string) => unknown> {
  const parsers: Record<number, (value: string) => unknown> = {};
  for (const oid of oids) parsers[oid] = text;
  return parsers;
}

function isPglite(db: Queryable): db is Queryable & PgliteLike {
  return typeof (db as { exec?: unknown }).exec === 'function';
}

function isPg(db: Queryable): db is Queryable & PgLike {
  return typeof (db as { connect?: unknown }).connect === 'function';
}
