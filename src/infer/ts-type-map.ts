/**
 * PostgreSQL type name → the TypeScript type of a result value and of a parameter, and the
 * runtime codec (src/runtime/type-codecs.ts) that makes the value really have that type.
 *
 * The runtime receives every value from the driver as text and decodes it itself, and sends every
 * parameter as text it encoded itself, so these types hold on pg and on PGlite, in every time
 * zone, whatever global pg-types parsers an application installed. The representations, and why:
 * - int2/int4/oid/float4/float8 → number (NaN and ±Infinity included); int8 by the configured mode
 *   (`string` digits, `bigint`, or a `number` that throws beyond ±(2^53 − 1) instead of rounding).
 * - numeric and money → string, exact (arrays too).
 * - date → string `YYYY-MM-DD` (`… BC`, `infinity`): a calendar day has no time zone, a Date would.
 * - timestamp → string `YYYY-MM-DD HH:MM:SS[.ffffff]`: a wall-clock time, exact to the microsecond.
 * - timestamptz → Date (an instant); ±infinity are the Dates at ±8.64e15 ms.
 * - interval → Interval; bytea → Buffer; json/jsonb → JsonValue; point/circle → objects.
 * - Arrays are one-dimensional `(T | null)[]`: a value with more dimensions makes the runtime throw
 *   instead of contradict the type (override the column's type to read one).
 * - Everything else (text-likes, uuid, time, network, bit strings, ranges, composites, the other
 *   geometric types, extension types) → its text form, a string.
 *
 * Offline half: type-only imports (plus the dependency-free escaping helpers), no database. Type names come from the cache:
 * `pg_type.typname`, arrays as `_elem`, user types schema-qualified outside public/pg_catalog.
 */
import type { SchemaTypes } from '../cache/cache-entry.js';
import { stringLiteral } from '../codegen/escape.js';
import type { Int8Mode } from '../config/config.js';

/** A result column's type. `type` never includes the top-level `| null`. */
export interface TsTypeInfo {
  type: string;
  /** Runtime codec spec for non-null values; absent means text, a string. */
  codec?: string;
}

/** What callers may pass for a parameter. `type` never includes the top-level `| null`. */
export interface TsParamInfo {
  type: string;
  /** Runtime codec spec that encodes the value; absent means text. */
  codec?: string;
}

const POINT = '{ x: number; y: number }';
const CIRCLE = '{ x: number; y: number; radius: number }';

interface Mapping {
  result: string;
  param: string;
  codec?: string;
}

/** Built-in types that are not plain text. */
const SCALARS: Readonly<Record<string, Mapping>> = {
  int2: { result: 'number', param: 'number', codec: 'number' },
  int4: { result: 'number', param: 'number', codec: 'number' },
  oid: { result: 'number', param: 'number', codec: 'number' },
  float4: { result: 'number', param: 'number', codec: 'number' },
  float8: { result: 'number', param: 'number', codec: 'number' },
  int8: { result: 'string', param: 'string | number | bigint', codec: 'int8' },
  numeric: { result: 'string', param: 'string | number' },
  bool: { result: 'boolean', param: 'boolean', codec: 'bool' },
  date: { result: 'string', param: 'string', codec: 'date' },
  timestamp: { result: 'string', param: 'string', codec: 'timestamp' },
  timestamptz: { result: 'Date', param: 'Date | string', codec: 'timestamptz' },
  interval: { result: 'Interval', param: 'Interval | string', codec: 'interval' },
  bytea: { result: 'Buffer', param: 'Buffer', codec: 'bytea' },
  json: { result: 'JsonValue', param: 'JsonParam', codec: 'json' },
  jsonb: { result: 'JsonValue', param: 'JsonParam', codec: 'json' },
  point: { result: POINT, param: `${POINT} | string`, codec: 'point' },
  circle: { result: CIRCLE, param: `${CIRCLE} | string`, codec: 'circle' },
  box: { result: 'string', param: 'string', codec: 'box' }, // only its arrays differ: `;`-delimited
};

const INT8: Record<Int8Mode, Mapping> = {
  string: { result: 'string', param: 'string | number | bigint', codec: 'int8' },
  bigint: { result: 'bigint', param: 'string | number | bigint', codec: 'int8:bigint' },
  number: { result: 'number', param: 'string | number | bigint', codec: 'int8:number' },
};

const TEXT: Mapping = { result: 'string', param: 'string' };

/** Domains are never recursive in PostgreSQL; this only stops a corrupt cache from looping. */
const MAX_DOMAIN_DEPTH = 32;

export function resultTsType(pgType: string, schema: SchemaTypes, int8: Int8Mode = 'string'): TsTypeInfo {
  const m = mapping(pgType, schema, int8, 0);
  return m.codec === undefined ? { type: m.result } : { type: m.result, codec: m.codec };
}

export function paramTsType(pgType: string, schema: SchemaTypes): TsParamInfo {
  const m = mapping(pgType, schema, 'string', 0);
  return m.codec === undefined ? { type: m.param } : { type: m.param, codec: m.codec };
}

function mapping(pgType: string, schema: SchemaTypes, int8: Int8Mode, depth: number): Mapping {
  const labels = enumLabels(pgType, schema);
  if (labels !== undefined) return { result: enumUnion(labels), param: enumUnion(labels) };
  const domain = domainBase(pgType, schema, depth);
  // A domain's values are its base type's, on the wire and in TypeScript.
  if (domain !== undefined) return mapping(domain, schema, int8, depth + 1);
  if (isComposite(pgType, schema)) return TEXT; // the record's text form
  const element = arrayElement(pgType, schema);
  if (element !== undefined) {
    const inner = mapping(element, schema, int8, depth + 1);
    // An array of a domain over an array type: each element is the inner array's text.
    if (inner.codec?.endsWith('[]')) return { result: '(string | null)[]', param: 'readonly (string | null)[]', codec: 'text[]' };
    return {
      result: `(${inner.result} | null)[]`,
      param: `readonly (${inner.param} | null)[]`,
      codec: `${inner.codec ?? 'text'}[]`,
    };
  }
  if (pgType === 'int8') return INT8[int8];
  return own(SCALARS, pgType) ?? TEXT;
}

/** Own-property lookup, so names like `constructor` never hit Object.prototype. */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function enumLabels(pgType: string, schema: SchemaTypes): string[] | undefined {
  return Object.hasOwn(schema.enums, pgType) ? schema.enums[pgType] : undefined;
}

function enumUnion(labels: readonly string[]): string {
  // An enum without labels has no values; `string` stays true without inventing `never`.
  if (labels.length === 0) return 'string';
  return labels.map((label) => stringLiteral(label)).join(' | ');
}

function domainBase(pgType: string, schema: SchemaTypes, depth: number): string | undefined {
  if (depth > MAX_DOMAIN_DEPTH || !Object.hasOwn(schema.domains, pgType)) return undefined;
  return schema.domains[pgType]!.baseType;
}

function isComposite(pgType: string, schema: SchemaTypes): boolean {
  return Object.hasOwn(schema.composites, pgType);
}

function isUserType(pgType: string, schema: SchemaTypes): boolean {
  return (
    Object.hasOwn(schema.enums, pgType) ||
    Object.hasOwn(schema.domains, pgType) ||
    Object.hasOwn(schema.composites, pgType)
  );
}

/**
 * The element type of an array type name (`_int4` → `int4`, `auth._role` → `auth.role`, also
 * accepting the `_auth.role` spelling for known user types), or undefined for non-arrays.
 */
function arrayElement(pgType: string, schema: SchemaTypes): string | undefined {
  const dot = pgType.indexOf('.');
  const name = dot < 0 ? pgType : pgType.slice(dot + 1);
  if (name.startsWith('_') && name.length > 1) return pgType.slice(0, dot + 1) + name.slice(1);
  if (dot > 1 && pgType.startsWith('_') && isUserType(pgType.slice(1), schema)) return pgType.slice(1);
  return undefined;
}
