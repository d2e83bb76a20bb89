/**
 * The type matrix: every common PostgreSQL type, as literals the server prints (checked against
 * the declared result type) and as JS values of the declared parameter type (which must come back
 * unchanged). Shared by type-matrix.test.ts (which prepares it) and child.ts (which runs it in
 * one time zone).
 */
// The runtime as generated modules import it (the built package), so jsonNull is the same object.
import { jsonNull } from 'sqlsure/runtime';

export type Int8Mode = 'string' | 'bigint' | 'number';

export interface RoundTrip {
  value: unknown;
  /** What comes back when it differs from what was sent (PostgreSQL normalises the text). */
  expected?: unknown;
}

export interface MatrixType {
  /** Query name suffix. */
  id: string;
  /** SQL type, as written in a cast. */
  sql: string;
  /** SQL literals (expressions) whose values are checked against the declared result type. */
  literals: string[];
  /** JS values of the declared parameter type; omitted where the text form is locale-bound. */
  roundTrips?: (mode: Int8Mode) => RoundTrip[];
  /** The domain over this type (also checked, scalar and array). */
  domain?: string;
  /** Error a driver may raise because it lacks the type (PGlite without libxml). */
  unavailable?: RegExp;
}

const utc = (...args: [number, number, number, number?, number?, number?, number?]): Date => {
  const d = new Date(0);
  d.setUTCFullYear(args[0], args[1], args[2]);
  d.setUTCHours(args[3] ?? 0, args[4] ?? 0, args[5] ?? 0, args[6] ?? 0);
  return d;
};

const same = (...values: unknown[]) => (): RoundTrip[] => values.map((value) => ({ value }));

const INT8: Record<Int8Mode, unknown[]> = {
  string: ['9223372036854775807', '-9223372036854775808', '0'],
  bigint: [9223372036854775807n, -9223372036854775808n, 9007199254740993n],
  number: [9007199254740991, -9007199254740991, 0],
};

export const SCHEMA = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'say "hi", {x}');
CREATE TYPE pair AS (a int4, b text);
CREATE DOMAIN d_int2 AS int2;
CREATE DOMAIN d_int4 AS int4 CHECK (VALUE > -3000000000);
CREATE DOMAIN d_int8 AS int8;
CREATE DOMAIN d_numeric AS numeric;
CREATE DOMAIN d_float8 AS float8;
CREATE DOMAIN d_bool AS bool;
CREATE DOMAIN d_text AS text;
CREATE DOMAIN d_uuid AS uuid;
CREATE DOMAIN d_bytea AS bytea;
CREATE DOMAIN d_date AS date;
CREATE DOMAIN d_timestamp AS timestamp;
CREATE DOMAIN d_timestamptz AS timestamptz;
CREATE DOMAIN d_interval AS interval;
CREATE DOMAIN d_jsonb AS jsonb;
CREATE DOMAIN d_point AS point;
CREATE DOMAIN d_inet AS inet;
CREATE DOMAIN d_mood AS mood;
CREATE TABLE docs (id int4 PRIMARY KEY, body jsonb NOT NULL, maybe jsonb);
`;

export const MATRIX: MatrixType[] = [
  { id: 'Int2', sql: 'int2', literals: ['-32768', '32767'], roundTrips: same(-32768, 32767, 0), domain: 'd_int2' },
  { id: 'Int4', sql: 'int4', literals: ['-2147483648', '2147483647'], roundTrips: same(-2147483648, 2147483647), domain: 'd_int4' },
  { id: 'Int8', sql: 'int8', literals: ['-5', '9007199254740991'], roundTrips: (mode) => INT8[mode].map((value) => ({ value })), domain: 'd_int8' },
  {
    id: 'Numeric',
    sql: 'numeric',
    literals: ['123.4500', "'NaN'", '123456789012345678901234567890.123456789', "'Infinity'"],
    roundTrips: same('123456789012345678901234567890.123456789', 'NaN', '-0.000001', '-Infinity'),
    domain: 'd_numeric',
  },
  { id: 'Float4', sql: 'float4', literals: ['1.5', "'NaN'", "'-Infinity'"], roundTrips: same(1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY) },
  {
    id: 'Float8',
    sql: 'float8',
    literals: ['-0.1', "'Infinity'", "'NaN'", '1e308'],
    roundTrips: same(0.1, -0, Number.NaN, Number.NEGATIVE_INFINITY, 1e308, 5e-324),
    domain: 'd_float8',
  },
  { id: 'Money', sql: 'money', literals: ['12.34', '-0.5'] },
  { id: 'Bool', sql: 'bool', literals: ['true', 'false'], roundTrips: same(true, false), domain: 'd_bool' },
  {
    id: 'Text',
    sql: 'text',
    literals: [`'a "b", {c} \\ NULL'`, "'NULL'", "''"],
    roundTrips: same('a "b", {c} \\ NULL', '', 'NULL', 'é😀\n\t', ' x '),
    domain: 'd_text',
  },
  { id: 'Varchar', sql: 'varchar(20)', literals: ["'x,y'"], roundTrips: same('x,y', 'NULL') },
  { id: 'Bpchar', sql: 'char(3)', literals: ["'ab'"], roundTrips: () => [{ value: 'ab', expected: 'ab ' }] },
  { id: 'Char', sql: '"char"', literals: ["'x'", "','"], roundTrips: same('x', ',', '"') },
  { id: 'Name', sql: 'name', literals: ["'NULL'", "'a b'"], roundTrips: same('NULL', 'a b') },
  { id: 'Uuid', sql: 'uuid', literals: ["'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"], roundTrips: same('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), domain: 'd_uuid' },
  {
    id: 'Bytea',
    sql: 'bytea',
    literals: ["'\\x00ff0a'", "''"],
    roundTrips: same(Buffer.from([0, 255, 10, 92, 34]), Buffer.alloc(0)),
    domain: 'd_bytea',
  },
  {
    id: 'Date',
    sql: 'date',
    literals: ["'2020-02-29'", "'0044-03-15 BC'", "'infinity'", "'-infinity'", "'10000-01-01'", "'4713-01-01 BC'"],
    roundTrips: same('2020-02-29', '0044-03-15 BC', 'infinity', '-infinity', '10000-01-01', '1883-11-18'),
    domain: 'd_date',
  },
  { id: 'Time', sql: 'time', literals: ["'13:45:00.5'", "'24:00'"], roundTrips: same('13:45:00.5', '00:00:00', '23:59:59.999999') },
  { id: 'Timetz', sql: 'timetz', literals: ["'13:45:00+02'"], roundTrips: same('13:45:00+02', '00:00:00-05:30') },
  {
    id: 'Timestamp',
    sql: 'timestamp',
    literals: ["'2020-01-01 10:00:00.123456'", "'0099-12-31 23:59:59'", "'infinity'", "'2020-03-08 02:30:00'", "'0044-03-15 10:00:00 BC'"],
    // 2020-03-08 02:30 does not exist in New York (DST gap); 2020-11-01 01:30 exists twice.
    roundTrips: same('2020-03-08 02:30:00', '2020-11-01 01:30:00', '2020-01-01 10:00:00.123456', '0044-03-15 10:00:00 BC', '10000-01-01 00:00:00', '-infinity'),
    domain: 'd_timestamp',
  },
  {
    id: 'Timestamptz',
    sql: 'timestamptz',
    literals: ["'2020-01-01 10:00:00+05:30'", "'1850-06-01 12:00:00'", "'infinity'", "'-infinity'", "'0044-03-15 10:00:00+00 BC'", "'10000-01-01 00:00:00+00'", "'2020-03-08 02:30:00'"],
    roundTrips: () => [
      { value: utc(2020, 0, 1, 10, 0, 0, 123) },
      { value: utc(1850, 5, 1, 12) },
      { value: utc(-43, 2, 15, 10) },
      { value: utc(10000, 0, 1) },
      { value: utc(0, 0, 1) },
      { value: new Date(8.64e15) },
      { value: new Date(-8.64e15) },
      { value: '2020-01-01 10:00:00+05:30', expected: utc(2020, 0, 1, 4, 30) },
      { value: 'infinity', expected: new Date(8.64e15) },
    ],
    domain: 'd_timestamptz',
  },
  {
    id: 'Interval',
    sql: 'interval',
    literals: ["'1 year 2 mons 3 days 04:05:06.789'", "'-1 day -00:00:01'", "'0'", "'-1 years +2 mons -3 days +100:00:00.000001'"],
    roundTrips: () => [
      { value: { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6, milliseconds: 789 } },
      { value: { days: -1, seconds: -1 } },
      { value: { milliseconds: 0.001 } },
      { value: {} },
      { value: { hours: 3, minutes: 30 } },
      { value: '1 day 90 minutes', expected: { days: 1, hours: 1, minutes: 30 } },
    ],
    domain: 'd_interval',
  },
  {
    id: 'Json',
    sql: 'json',
    literals: [`'{"a": [1, null]}'`, "'null'", `'"s"'`],
    roundTrips: () => [{ value: { a: [1, null, { b: 'x,y' }] } }, { value: 'str' }, { value: [1, [2, '}']] }, { value: 42 }, { value: jsonNull, expected: null }],
  },
  {
    id: 'Jsonb',
    sql: 'jsonb',
    literals: [`'{"a": [1, null]}'`, "'null'", "'[{\"b\": \"x,y\"}]'"],
    roundTrips: () => [{ value: { a: [1, null, { b: 'x,y' }] } }, { value: '{"quoted"}' }, { value: [] }, { value: false }, { value: jsonNull, expected: null }],
    domain: 'd_jsonb',
  },
  { id: 'Inet', sql: 'inet', literals: ["'192.168.0.1/24'", "'::1'"], roundTrips: same('192.168.0.1/24', '::1'), domain: 'd_inet' },
  { id: 'Cidr', sql: 'cidr', literals: ["'10.0.0.0/8'"], roundTrips: same('10.0.0.0/8') },
  { id: 'Macaddr', sql: 'macaddr', literals: ["'08:00:2b:01:02:03'"], roundTrips: same('08:00:2b:01:02:03') },
  { id: 'Macaddr8', sql: 'macaddr8', literals: ["'08:00:2b:01:02:03:04:05'"], roundTrips: same('08:00:2b:01:02:03:04:05') },
  {
    id: 'Point',
    sql: 'point',
    literals: ["'(1.5,-2)'", "'(NaN,Infinity)'"],
    roundTrips: () => [{ value: { x: 1.5, y: -2 } }, { value: '(3,4)', expected: { x: 3, y: 4 } }],
    domain: 'd_point',
  },
  { id: 'Circle', sql: 'circle', literals: ["'<(1,2),3>'"], roundTrips: () => [{ value: { x: 1, y: 2, radius: 3 } }] },
  { id: 'Line', sql: 'line', literals: ["'{1,-1,0}'"], roundTrips: same('{1,-1,0}') },
  { id: 'Lseg', sql: 'lseg', literals: ["'[(0,0),(1,1)]'"], roundTrips: same('[(0,0),(1,1)]') },
  { id: 'Box', sql: 'box', literals: ["'(1,1),(0,0)'"], roundTrips: same('(1,1),(0,0)', '(3,3),(-2,-2)') },
  { id: 'Path', sql: 'path', literals: ["'((0,0),(1,1))'", "'[(0,0),(1,1),(2,0)]'"], roundTrips: same('((0,0),(1,1))') },
  { id: 'Polygon', sql: 'polygon', literals: ["'((0,0),(1,1),(1,0))'"], roundTrips: same('((0,0),(1,1),(1,0))') },
  { id: 'Bit', sql: 'bit(3)', literals: ["B'101'"], roundTrips: same('101') },
  { id: 'Varbit', sql: 'varbit', literals: ["B'1'", "B''"], roundTrips: same('1', '') },
  { id: 'Tsvector', sql: 'tsvector', literals: ["'a fat:2 cat'"] },
  { id: 'Xml', sql: 'xml', literals: ["'<a>x, y</a>'"], unavailable: /xml|libxml/i },
  { id: 'Oid', sql: 'oid', literals: ['4294967295'], roundTrips: same(4294967295, 0) },
  { id: 'Int4range', sql: 'int4range', literals: ["'[1,5)'", "'empty'"], roundTrips: same('[1,5)', 'empty') },
  { id: 'Numrange', sql: 'numrange', literals: ["'[1.5,2)'"], roundTrips: same('[1.5,2)') },
  { id: 'Daterange', sql: 'daterange', literals: ["'[2020-01-01,2021-01-01)'"], roundTrips: same('[2020-01-01,2021-01-01)') },
  { id: 'Tstzrange', sql: 'tstzrange', literals: ["'[2020-01-01,2021-01-01)'"] },
  { id: 'Mood', sql: 'mood', literals: ["'ok'", `'say "hi", {x}'`], roundTrips: same('sad', 'say "hi", {x}'), domain: 'd_mood' },
  { id: 'Pair', sql: 'pair', literals: [`ROW(1, 'a "b"')`, 'ROW(NULL, NULL)'], roundTrips: same('(1,"a b")', '(,)') },
];

/** The query file: one `:one` query per type. */
export function matrixQueries(): string {
  const blocks: string[] = [];
  for (const t of MATRIX) {
    const columns: string[] = [];
    if (t.roundTrips) columns.push(`:v::${t.sql} AS v`, `:a::${t.sql}[] AS a`);
    if (t.roundTrips && t.domain) columns.push(`:dv::${t.domain} AS dv`, `:da::${t.domain}[] AS da`);
    t.literals.forEach((literal, i) => {
      columns.push(`(${literal})::${t.sql} AS s${i}`, `ARRAY[(${literal})::${t.sql}, NULL]::${t.sql}[] AS sa${i}`);
      if (t.domain) columns.push(`(${literal})::${t.sql}::${t.domain} AS ds${i}`, `ARRAY[(${literal})::${t.sql}::${t.domain}, NULL]::${t.domain}[] AS dsa${i}`);
    });
    blocks.push(`-- name: Type${t.id} :one\nSELECT ${columns.join(',\n  ')};`);
  }
  return blocks.join('\n\n') + '\n';
}

/** Queries for behaviour beyond one value per type. */
export const EXTRA_QUERIES = `
-- name: Int8BeyondSafe :one
SELECT 9007199254740993::int8 AS big, ARRAY[9223372036854775807::int8] AS bigs;

-- name: MultiDimDeclared :one
SELECT '{{1,2},{3,NULL}}'::int4[] AS "a2: (number | null)[][]",
  '{{"a,b",NULL},{c,d}}'::text[] AS "t2: (string | null)[][]",
  '{{2020-01-01 00:00:00+00}}'::timestamptz[] AS "ts2: (Date | null)[][]";

-- name: MultiDimUndeclared :one
SELECT '{{1,2},{3,4}}'::int4[] AS a2;

-- name: IssueExample :one
SELECT 'infinity'::date AS d_inf, '{1,2}'::int4[] AS a1, '\\x01'::bytea AS b, '1 day'::interval AS iv,
       '(1,2)'::point AS p, '<(1,2),3>'::circle AS c, '{1.5,123456789012345678901234567890.5}'::numeric[] AS n_arr,
       ARRAY['(1,1),(0,0)'::box, '(3,3),(2,2)'] AS bx_arr, '0044-03-15 BC'::date AS d_bc,
       '1850-06-01 12:00'::timestamptz AS tz_old, ARRAY['infinity'::timestamptz, NULL] AS tz_arr;

-- name: InsertDoc :one
INSERT INTO docs (id, body, maybe) VALUES (:id!, :body!, :maybe) RETURNING body, maybe, maybe IS NULL AS maybe_is_sql_null, jsonb_typeof(body) AS body_kind;
`;
