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
 * Every built-in type OID with a fixed number (below 10000: the same in every PostgreSQL version),
 * as ranges. PGlite merges per-query parsers over its own table by key, so each OID an application
 * might have given a parser must be named; an instance's own table is read as well (it adds the
 * array types of user types), which a bare PGlite transaction object cannot offer.
 */
const BUILTIN_OID_RANGES: ReadonlyArray<number | readonly [number, number]> = [
  [16, 30], 32, 71, 75, 81, 83, 114, [142, 143], 194, 199, 210, [269, 273], 325, [600, 604], [628, 629], [650, 651], [700, 701], 705,
  [718, 719], [774, 775], [790, 791], 829, 869, [1000, 1003], [1005, 1022], [1027, 1028], [1033, 1034], [1040, 1043], [1082, 1083],
  [1114, 1115], [1182, 1187], 1231, 1248, 1263, 1266, 1270, [1560, 1563], 1700, 1790, [2201, 2211], 2249, [2275, 2281], 2283, 2287,
  2776, [2842, 2843], [2949, 2951], 2970, 3115, [3220, 3221], 3310, 3361, 3402, 3500, [3614, 3615], [3642, 3645], [3734, 3735],
  [3769, 3770], 3802, 3807, 3831, 3838, [3904, 3913], [3926, 3927], 4066, [4072, 4073], [4089, 4090], [4096, 4097], [4191, 4192], 4451,
  [4532, 4538], [4600, 4601], 5017, [5038, 5039], 5069, [5077, 5080], 6101, [6150, 6153], 6155, 6157,
];

const PGLITE_BUILTIN_OIDS = BUILTIN_OID_RANGES.flatMap((r) => (typeof r === 'number' ? [r] : Array.from({ length: r[1] - r[0] + 1 }, (_, i) => r[0] + i)));

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
