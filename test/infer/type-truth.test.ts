/**
 * Type truth against a real server: every value the runtime decodes (from the text pg delivers
 * when generated code asks it not to parse) must inhabit the TS type ts-type-map declares for it,
 * and every value of a declared parameter type, encoded by the runtime, must reach the server
 * intact. Uses its own randomly named database. The end-to-end matrix over drivers, time zones and
 * int8 modes is test/runtime/type-matrix.test.ts.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemaTypes } from '../../src/cache/cache-entry.js';
import { paramTsType, resultTsType } from '../../src/infer/ts-type-map.js';
import { codecFor, jsonNull, type Interval } from '../../src/runtime/index.js';
import { createTestDatabase, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { valueMatchesType } from '../support/value-matches-type.js';

// Skips loudly without a server; throws (failing this file) under REQUIRE_REAL_PG=1.
const reachable = await serverReachable();

/** What the cache would hold for the user types created below. */
const schema: SchemaTypes = {
  enums: {
    user_status: ['active', 'suspended', 'say "hi", {ok}'],
    'auth.role': ['admin', 'member'],
  },
  domains: {
    posint: { baseType: 'int4', notNull: false },
    email: { baseType: 'text', notNull: false },
    status_d: { baseType: 'user_status', notNull: false },
  },
  composites: {
    pair: [
      { name: 'a', pgType: 'int4' },
      { name: 'b', pgType: 'text' },
    ],
  },
};

const SETUP = `
  CREATE TYPE user_status AS ENUM ('active', 'suspended', 'say "hi", {ok}');
  CREATE SCHEMA auth;
  CREATE TYPE auth.role AS ENUM ('admin', 'member');
  CREATE DOMAIN posint AS int4 CHECK (VALUE > 0);
  CREATE DOMAIN email AS text;
  CREATE DOMAIN status_d AS user_status;
  CREATE TYPE pair AS (a int4, b text);
  CREATE FUNCTION do_nothing() RETURNS void LANGUAGE sql AS '';
  CREATE FUNCTION do_nothing_pl() RETURNS void LANGUAGE plpgsql AS 'BEGIN END';
`;

/** A SQL type and sample literals (SQL expressions); each is also tried inside an array with a NULL. */
const MATRIX: Array<[sqlType: string, ...samples: string[]]> = [
  ['int2', '-32768', '7'],
  ['int4', '2147483647'],
  ['int8', '9223372036854775807', '-5'],
  ['numeric', '123.4500', "'NaN'"],
  ['money', '12.34'],
  ['float4', '1.5', "'NaN'"],
  ['float8', '-0.1', "'Infinity'"],
  ['bool', 'true', 'false'],
  ['text', `'a "b", {c} \\ NULL'`, "'NULL'", "''"],
  ['varchar(20)', "'x,y'"],
  ['char(3)', "'ab'"],
  ['bpchar', "'ab '"],
  ['"char"', "'x'", "','"],
  ['name', "'NULL'", "'a b'"],
  ['uuid', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"],
  ['bytea', "'\\x00ff0a'", "''"],
  ['date', "'2020-02-29'", "'0044-03-15 BC'"],
  ['time', "'13:45:00.5'"],
  ['timetz', "'13:45:00+02'"],
  ['timestamp', "'2020-01-01 10:00:00.123456'", "'0099-12-31 23:59:59'"],
  ['timestamptz', "'2020-01-01 10:00:00+05:30'"],
  ['interval', "'1 year 2 mons 3 days 04:05:06.789'", "'-1 day -00:00:01'", "'0'"],
  ['json', `'{"a": [1, null]}'`, "'null'", `'"s"'`],
  ['jsonb', `'{"a": [1, null]}'`, "'null'", "'[{\"b\": \"x,y\"}]'"],
  ['inet', "'192.168.0.1/24'", "'::1'"],
  ['cidr', "'10.0.0.0/8'"],
  ['macaddr', "'08:00:2b:01:02:03'"],
  ['point', "'(1.5,-2)'"],
  ['circle', "'<(1,2),3>'"],
  ['box', "'(1,1),(0,0)'"],
  ['tsvector', "'a fat:2 cat'"],
  ['xml', "'<a>x, y</a>'"],
  ['bit(3)', "B'101'"],
  ['varbit', "B'1'"],
  ['int4range', "'[1,5)'", "'empty'"],
  ['numrange', "'[1.5,2)'"],
  ['tstzrange', "'[2020-01-01,2021-01-01)'"],
  ['oid', '4294967295'],
  ['user_status', "'active'", `'say "hi", {ok}'`],
  ['auth.role', "'admin'"],
  ['posint', '5'],
  ['email', "'a@b'"],
  ['status_d', "'suspended'"],
  ['pair', `ROW(1, 'a "b"')`, 'ROW(NULL, NULL)'],
];

/** Expressions whose type PostgreSQL picks itself (pseudo types, anonymous records). */
const EXPRESSIONS: string[] = ['do_nothing()', 'do_nothing_pl()', "ROW(1, 'a')", "ARRAY[ROW(1, 'a b'), NULL]", "'lit'"];

describe.runIf(reachable)('type truth against real PostgreSQL', () => {
  let database: TestDatabase | undefined;
  let db: pg.Client | undefined;
  const typeNames = new Map<number, string>();
  const seen = new Set<string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    await client().query(SETUP);
  });

  afterAll(async () => {
    await db?.end();
    await database?.drop();
  });

  function client(): pg.Client {
    if (db === undefined) throw new Error('test database not set up');
    return db;
  }

  /** What generated code asks of pg: every column as the text the server sent. */
  function rawQuery(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
    return client().query({ text, values, types: { getTypeParser: () => (value: string) => value } });
  }

  /** `pg_type.typname`, schema-qualified outside public/pg_catalog — the cache's spelling. */
  async function typeName(oid: number): Promise<string> {
    const known = typeNames.get(oid);
    if (known !== undefined) return known;
    const { rows } = await client().query<{ nspname: string; typname: string }>(
      `SELECT n.nspname, t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = $1`,
      [oid],
    );
    const row = rows[0]!;
    const name = ['public', 'pg_catalog'].includes(row.nspname) ? row.typname : `${row.nspname}.${row.typname}`;
    typeNames.set(oid, name);
    return name;
  }

  async function regtypeName(sqlType: string): Promise<string> {
    const { rows } = await client().query<{ oid: number }>(`SELECT $1::regtype::oid AS oid`, [sqlType]);
    return typeName(rows[0]!.oid);
  }

  /** Checks one returned value against the mapping of each name the cache could hold for it. */
  /** `sqlNull`: the SQL value is NULL, so a JS null is inference's business, not the map's. */
  async function expectTruthful(expr: string, raw: unknown, pgTypes: string[], sqlNull: boolean): Promise<unknown> {
    let decoded: unknown = raw;
    for (const pgType of new Set(pgTypes)) {
      seen.add(pgType);
      const info = resultTsType(pgType, schema);
      const value = raw !== null ? codecFor(info.codec ?? 'text').decode(raw) : raw;
      if (info.codec !== undefined) decoded = value;
      if (value === null && sqlNull) continue;
      expect(
        valueMatchesType(value, info.type),
        `${expr} as ${pgType}: ${describeValue(value)} is not ${info.type}`,
      ).toBe(true);
    }
    return decoded;
  }

  it.each(MATRIX)('%s values and arrays have the declared types', async (sqlType, ...samples) => {
    const declared = await regtypeName(sqlType);
    const declaredArray = await regtypeName(`${sqlType}[]`);
    for (const sample of samples) {
      const value = `(${sample})::${sqlType}`;
      const array = `ARRAY[${value}, NULL]::${sqlType}[]`;
      const result = await rawQuery(
        `SELECT ${value} AS v, ${value} IS NULL AS v_is_null, ${array} AS a,
           (${array})[1] AS e1, (${array})[2] AS e2`,
      );
      const row = result.rows[0] as { v: string | null; v_is_null: string; a: string; e1: string | null; e2: string | null };
      const [vField, , aField] = result.fields;
      // A non-NULL SQL value must match the type even if it decodes to JS null (jsonb 'null').
      await expectTruthful(value, row.v, [await typeName(vField!.dataTypeID), declared], row.v_is_null === 't');
      const decoded = await expectTruthful(array, row.a, [await typeName(aField!.dataTypeID), declaredArray], false);
      const info = resultTsType(declaredArray, schema);
      expect(Array.isArray(decoded) && decoded.length === 2 && decoded[1] === null, `${array}`).toBe(true);
      if (info.codec === 'text[]' || info.codec === 'box[]') {
        expect(decoded, `${array} decodes to its elements' own text`).toEqual([row.e1, row.e2]);
      }
    }
  });

  it.each(EXPRESSIONS)('SELECT %s has the declared type', async (expr) => {
    const result = await rawQuery(`SELECT ${expr} AS v`);
    const name = await typeName(result.fields[0]!.dataTypeID);
    await expectTruthful(expr, result.rows[0].v, [name], true);
  });

  it('void selects as NULL (SQL functions) or an empty string (plpgsql): string, nullable', async () => {
    const result = await client().query(`SELECT do_nothing() AS sql, do_nothing_pl() AS pl`);
    expect(await typeName(result.fields[0]!.dataTypeID)).toBe('void');
    expect(result.rows[0]).toEqual({ sql: null, pl: '' });
  });

  it('reports domains by their base type and enums/domain arrays by their own', async () => {
    const result = await client().query(
      `SELECT 5::posint AS d, ARRAY[5]::posint[] AS da, 'admin'::auth.role AS e, ARRAY['admin']::auth.role[] AS ea`,
    );
    const names = await Promise.all(result.fields.map((f) => typeName(f.dataTypeID)));
    expect(names).toEqual(['int4', '_posint', 'auth.role', 'auth._role']);
    expect(result.rows[0]).toEqual({ d: 5, da: '{5}', e: 'admin', ea: '{admin}' });
  });

  it('infinite timestamps and dates have their declared types (pg by default makes them ±Infinity numbers)', async () => {
    const sql = `SELECT 'infinity'::timestamptz AS a, '-infinity'::date AS b, '-infinity'::timestamp AS c, ARRAY['infinity'::timestamptz] AS d`;
    expect((await client().query(sql)).rows[0]).toMatchObject({ a: Number.POSITIVE_INFINITY, b: Number.NEGATIVE_INFINITY });
    const row = (await rawQuery(sql)).rows[0] as Record<string, string>;
    const decoded = Object.fromEntries(
      ['timestamptz', 'date', 'timestamp', '_timestamptz'].map((pgType, i) => {
        const info = resultTsType(pgType, schema);
        const value = codecFor(info.codec ?? 'text').decode(Object.values(row)[i]!);
        expect(valueMatchesType(value, info.type), `${pgType}: ${describeValue(value)} is not ${info.type}`).toBe(true);
        return [pgType, value];
      }),
    );
    expect(decoded).toEqual({ timestamptz: new Date(8.64e15), date: '-infinity', timestamp: '-infinity', _timestamptz: [new Date(8.64e15)] });
  });

  it('covered every type of the matrix and its array', () => {
    for (const name of ['int8', '_int8', 'bpchar', 'char', '_char', 'name', '_name', 'void', '_record'])
      expect(seen, name).toContain(name);
    for (const name of ['user_status', '_user_status', 'auth.role', 'auth._role', '_posint', '_pair', '_box'])
      expect(seen, name).toContain(name);
  });

  // ---- parameters: a value of the declared param type must reach the server intact ----

  const interval: Interval = { hours: 3, minutes: 30, toPostgres: () => '3 hours 30 minutes' };
  const PARAMS: Array<[sqlType: string, value: unknown, expected: string | null]> = [
    ['int2', 5, '5'],
    ['int4', -7, '-7'],
    ['int8', 9007199254740993n, '9007199254740993'],
    ['int8', '9223372036854775807', '9223372036854775807'],
    ['int8', 42, '42'],
    ['numeric', '12.3450', '12.3450'],
    ['numeric', 1.5, '1.5'],
    ['numeric', 1e21, '1000000000000000000000'],
    ['float8', 0.1, '0.1'],
    ['float4', 1.5, '1.5'],
    ['oid', 4294967295, '4294967295'],
    ['bool', true, 'true'],
    ['bool', false, 'false'],
    ['text', 'a "b", {c} \\ NULL', `'a "b", {c} \\ NULL'`],
    ['text', '', "''"],
    ['date', '2020-02-29', "'2020-02-29'"],
    ['date', '0044-03-15 BC', "'0044-03-15 BC'"],
    ['timestamp', '2020-01-01 10:00:00.005', "'2020-01-01 10:00:00.005'"],
    ['timestamptz', new Date(Date.UTC(10000, 0, 1)), "'10000-01-01 00:00:00+00'"],
    ['timestamptz', new Date(Date.UTC(2020, 0, 1, 10, 0, 0, 123)), "'2020-01-01 10:00:00.123+00'"],
    ['timestamptz', '2020-01-01 10:00:00+00', "'2020-01-01 10:00:00+00'"],
    ['interval', interval, "'3 hours 30 minutes'"],
    ['interval', '1 day', "'1 day'"],
    ['bytea', Buffer.from([0, 255, 10]), "'\\x00ff0a'"],
    ['json', [1, 2], "'[1,2]'"],
    ['json', 'abc', `'"abc"'`],
    ['jsonb', { a: { b: [true, null] } }, `'{"a": {"b": [true, null]}}'`],
    ['jsonb', 42, "'42'"],
    ['jsonb', null, null],
    ['jsonb', jsonNull, "'null'"],
    ['interval', { days: 1, milliseconds: 0.5 }, "'1 day 0.0005 seconds'"],
    ['uuid', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"],
    ['point', '(1,2)', "'(1,2)'"],
    ['pair', '(1,"a b")', "ROW(1, 'a b')"],
    ['user_status', 'say "hi", {ok}', `'say "hi", {ok}'`],
    ['auth.role', 'member', "'member'"],
    ['posint', 5, '5'],
    ['int4[]', [1, null, 3], 'ARRAY[1, NULL, 3]'],
    ['text[]', ['a,b', 'NULL', null, '"q"', '\\', '', ' x '], `ARRAY['a,b', 'NULL', NULL, '"q"', '\\', '', ' x ']`],
    ['user_status[]', ['active', null, 'say "hi", {ok}'], `ARRAY['active', NULL, 'say "hi", {ok}']::user_status[]`],
    ['auth.role[]', ['admin'], `ARRAY['admin']::auth.role[]`],
    ['int8[]', [1n, '2', 3, null], 'ARRAY[1, 2, 3, NULL]::int8[]'],
    ['numeric[]', ['1.10', 2.5], 'ARRAY[1.10, 2.5]'],
    ['bool[]', [true, false, null], 'ARRAY[true, false, NULL]'],
    ['date[]', ['2020-01-02', null], "ARRAY['2020-01-02'::date, NULL]"],
    ['timestamptz[]', [new Date(Date.UTC(2020, 0, 1)), '2021-01-01 00:00:00+00'], "ARRAY['2020-01-01 00:00+00'::timestamptz, '2021-01-01 00:00+00']"],
    ['interval[]', [interval, '1 hour', null], "ARRAY['3 hours 30 minutes'::interval, '1 hour', NULL]"],
    ['jsonb[]', [{ a: 1 }, null, [1, 2], 's', jsonNull], `ARRAY['{"a":1}'::jsonb, NULL, '[1,2]', '"s"', 'null']`],
    ['bytea[]', [Buffer.from([1, 2]), null], "ARRAY['\\x0102'::bytea, NULL]"],
    ['name[]', ['NULL', 'a b'], "ARRAY['NULL', 'a b']::name[]"],
    ['posint[]', [1, 2], 'ARRAY[1, 2]::posint[]'],
    ['uuid[]', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'], "ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]"],
    ['box[]', ['(1,1),(0,0)', '(3,3),(2,2)'], "ARRAY['(1,1),(0,0)'::box, '(3,3),(2,2)']"],
  ];

  it.each(PARAMS)('a %s parameter %o arrives intact', async (sqlType, value, expected) => {
    const pgType = await regtypeName(sqlType);
    const info = paramTsType(pgType, schema);
    if (value !== null) {
      expect(valueMatchesType(value, info.type), `${describeValue(value)} is a ${info.type}`).toBe(true);
    }
    const sent = codecFor(info.codec ?? 'text').encode(value);
    const result = await client().query(`SELECT ($1::${sqlType})::text AS got, (${expected ?? 'NULL'})::${sqlType}::text AS want`, [
      sent,
    ]);
    const row = result.rows[0] as { got: string | null; want: string | null };
    expect(row.got).toBe(row.want);
    if (expected !== null) expect(row.want).not.toBeNull();
  });
});

function describeValue(value: unknown): string {
  if (value instanceof Date || Buffer.isBuffer(value)) return `${value.constructor.name}(${String(value)})`;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
}
