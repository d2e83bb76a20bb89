/**
 * PostgreSQL type name → the TypeScript type of what `pg` (node-postgres 8 with pg-types 2, text
 * format, default parsers) really returns, and of what callers may pass as a parameter.
 *
 * Offline half: type-only imports, no database. The tables mirror pg-types' lib/textParsers.js
 * and pg's lib/utils.js (prepareValue); test/infer/type-truth.test.ts checks them against a
 * real server. Type names come from the cache: `pg_type.typname`, arrays as `_elem`, user types
 * schema-qualified outside public/pg_catalog (`auth.role`, its array `auth._role`).
 *
 * Known, deliberate gaps (the types stay the practical ones):
 * - date/timestamp(tz) `infinity`/`-infinity` arrive as the numbers ±Infinity, not Dates.
 * - Multi-dimensional values of a 1-D declared array type arrive as nested arrays.
 */
import type { SchemaTypes } from '../cache/cache-entry.js';

export type Decoder = 'textArray';
export type Encoder = 'json';

/** A result column's type. `type` never includes the top-level `| null`. */
export interface TsTypeInfo {
  type: string;
  /** Runtime decoder generated code applies to non-null values (pg left them as raw text). */
  decoder?: Decoder;
}

/** What callers may pass for a parameter. `type` never includes the top-level `| null`. */
export interface TsParamInfo {
  type: string;
  /** Runtime encoder generated code applies before handing the value to the driver. */
  encoder?: Encoder;
}

const POINT = '{ x: number; y: number }';
const CIRCLE = '{ x: number; y: number; radius: number }';

/** Scalars pg parses (textParsers.js `init`); every other type arrives as its text form. */
const PARSED_SCALARS: Readonly<Record<string, string>> = {
  int2: 'number',
  int4: 'number',
  oid: 'number',
  float4: 'number',
  float8: 'number',
  int8: 'string', // parseBigInteger keeps the digits: no precision loss, no bigint
  bool: 'boolean',
  date: 'Date',
  timestamp: 'Date',
  timestamptz: 'Date',
  interval: 'Interval',
  bytea: 'Buffer',
  json: 'JsonValue',
  jsonb: 'JsonValue',
  point: POINT,
  circle: CIRCLE,
};

/**
 * Array types pg parses (by registered array OID) → element type. Note `_numeric` goes through
 * parseFloatArray (numbers) while `numeric` itself stays a string. Absent on purpose, so raw
 * text: `_char`, `_name`, `_xml`, `_tsvector`, `_bit`, `_varbit`, `_circle`, `_macaddr8`, and
 * every range except `_numrange`.
 */
const PARSED_ARRAYS: Readonly<Record<string, string>> = {
  _bool: 'boolean', // 1000
  _bytea: 'Buffer', // 1001
  _int2: 'number', // 1005
  _int4: 'number', // 1007
  _oid: 'number', // 1028
  _int8: 'string', // 1016
  _point: POINT, // 1017
  _float4: 'number', // 1021
  _float8: 'number', // 1022
  _numeric: 'number', // 1231
  _bpchar: 'string', // 1014
  _varchar: 'string', // 1015
  _regproc: 'string', // 1008
  _text: 'string', // 1009
  _cidr: 'string', // 651
  _macaddr: 'string', // 1040
  _inet: 'string', // 1041
  _timestamp: 'Date', // 1115
  _date: 'Date', // 1182
  _timestamptz: 'Date', // 1185
  _interval: 'Interval', // 1187
  _json: 'JsonValue', // 199
  _jsonb: 'JsonValue', // 3807
  _numrange: 'string', // 3907
  _uuid: 'string', // 2951
  _money: 'string', // 791
  _time: 'string', // 1183
  _timetz: 'string', // 1270
};

/** Element types whose array literals are not `,`-delimited (box uses `;`): left as raw text. */
const NON_COMMA_DELIMITED: ReadonlySet<string> = new Set(['box']);

/**
 * What pg's prepareValue makes of each JS type, per parameter type. Strings always pass through
 * as text; `Date` is formatted as a local timestamp with offset; objects with `toPostgres()`
 * (Interval) are sent as what it returns; other objects are JSON.stringify'd — so point/circle
 * objects would be rejected by the server and only their text form is offered.
 */
const PARAM_SCALARS: Readonly<Record<string, string>> = {
  int2: 'number',
  int4: 'number',
  oid: 'number',
  float4: 'number',
  float8: 'number',
  int8: 'string | number | bigint',
  numeric: 'string | number',
  bool: 'boolean',
  date: 'Date | string',
  timestamp: 'Date | string',
  timestamptz: 'Date | string',
  interval: 'Interval | string',
  bytea: 'Buffer', // Uint8Array works too, but stays outside the type grammar codegen accepts
};

const JSON_TYPES: ReadonlySet<string> = new Set(['json', 'jsonb']);

/** Domains are never recursive in PostgreSQL; this only stops a corrupt cache from looping. */
const MAX_DOMAIN_DEPTH = 32;

export function resultTsType(pgType: string, schema: SchemaTypes): TsTypeInfo {
  return result(pgType, schema, 0);
}

export function paramTsType(pgType: string, schema: SchemaTypes): TsParamInfo {
  return param(pgType, schema, 0);
}

function result(pgType: string, schema: SchemaTypes, depth: number): TsTypeInfo {
  const labels = enumLabels(pgType, schema);
  if (labels !== undefined) return { type: enumUnion(labels) };
  const domain = domainBase(pgType, schema, depth);
  // RowDescription reports a domain column with its base type's OID, so pg parses it as the base.
  if (domain !== undefined) return result(domain, schema, depth + 1);
  if (isComposite(pgType, schema)) return { type: 'string' }; // the record's text form
  const element = arrayElement(pgType, schema);
  if (element !== undefined) return arrayResult(pgType, element, schema);
  return { type: own(PARSED_SCALARS, pgType) ?? 'string' };
}

function arrayResult(pgType: string, element: string, schema: SchemaTypes): TsTypeInfo {
  const parsed = isUserType(element, schema) ? undefined : own(PARSED_ARRAYS, pgType);
  if (parsed !== undefined) return { type: `(${parsed} | null)[]` };
  if (NON_COMMA_DELIMITED.has(element)) return { type: 'string' };
  return { type: `(${textElementType(element, schema, 0)} | null)[]`, decoder: 'textArray' };
}

/** The type of one element's text form, as decodeTextArray yields it. */
function textElementType(element: string, schema: SchemaTypes, depth: number): string {
  const labels = enumLabels(element, schema);
  if (labels !== undefined) return enumUnion(labels);
  const domain = domainBase(element, schema, depth);
  if (domain !== undefined) return textElementType(domain, schema, depth + 1);
  return 'string';
}

function param(pgType: string, schema: SchemaTypes, depth: number): TsParamInfo {
  const labels = enumLabels(pgType, schema);
  if (labels !== undefined) return { type: enumUnion(labels) };
  const domain = domainBase(pgType, schema, depth);
  if (domain !== undefined) return param(domain, schema, depth + 1);
  if (isComposite(pgType, schema)) return { type: 'string' };
  const element = arrayElement(pgType, schema);
  if (element !== undefined) return arrayParam(element, schema, depth);
  // pg turns JS arrays into PostgreSQL array literals and sends strings unquoted: encode as JSON.
  if (JSON_TYPES.has(pgType)) return { type: 'JsonValue', encoder: 'json' };
  return { type: own(PARAM_SCALARS, pgType) ?? 'string' };
}

function arrayParam(element: string, schema: SchemaTypes, depth: number): TsParamInfo {
  // pg's array literal builder always joins with `,`, which box[] does not accept.
  if (NON_COMMA_DELIMITED.has(element)) return { type: 'string' };
  const inner = param(element, schema, depth + 1);
  // Elements of json[] must be JSON texts: pg would expand nested JS arrays into dimensions and
  // send JS strings unquoted, and encoders apply to whole parameters only.
  const elementType = inner.encoder === 'json' ? 'string' : inner.type;
  return { type: `readonly (${elementType} | null)[]` };
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
  return labels.map((label) => JSON.stringify(label)).join(' | ');
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
