/**
 * entryDisagreements (src/check/verify-entry.ts) without a database: queries parsed from source
 * text, entries built as prepare writes them, then one field changed at a time. Pins each message,
 * the spellings a cast may use in an expansion (quoting of odd type names, schema-qualified types,
 * array element types) and every field of the rows slot repeated at runtime (`dynamic`).
 */
import { describe, expect, it } from 'vitest';
import type { CacheEntry, CachedParam } from '../../src/cache/cache-entry.js';
import { entryDisagreements } from '../../src/check/verify-entry.js';
import { compileExpansions } from '../../src/source/compile-expansions.js';
import { parseQueryFile } from '../../src/source/parse-query-file.js';
import { loadPgtypedParser } from '../../src/source/pgtyped-parser.js';
import type { QuerySource } from '../../src/source/query-source.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';

// The describe blocks parse their queries while vitest collects them, before any beforeAll runs:
// both parsers must be loaded when this module finishes importing.
await Promise.all([loadSqlParser(), loadPgtypedParser()]);

function query(text: string, file = 'queries/q.sql'): QuerySource {
  const parsed = parseQueryFile(file, text);
  if (parsed.queries.length !== 1) throw new Error(JSON.stringify(parsed.problems));
  return parsed.queries[0]!;
}

/** The entry prepare writes, the statement compiled with `casts` (placeholder index → cast as written). */
function entryFor(q: QuerySource, params: CachedParam[], casts: Record<number, string> = {}, dynamicFrom = Infinity): CacheEntry {
  let statement = q.statement;
  let dynamic: CacheEntry['dynamic'];
  if (q.slots?.length) {
    const compiled = compileExpansions(q, (index) => {
      const repeated = index >= dynamicFrom;
      const name = casts[index] ?? '?';
      return { name, element: name, isArray: repeated, hasArray: !repeated };
    });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    statement = compiled.query.statement;
    dynamic = compiled.query.dynamic;
  }
  return {
    version: 1, hash: 'h', name: q.name, source: `${q.file}:1`, sql: q.sql, statement, cardinality: q.cardinality,
    params, columns: [], ...(dynamic ? { dynamic } : {}),
  };
}

const param = (name: string, pgType: string, over: Partial<CachedParam> = {}): CachedParam => ({ name, pgType, nullable: false, ...over });

describe('plain fields', () => {
  const q = query('-- name: GetUser :one\nSELECT id FROM users WHERE id = :id');
  const good = entryFor(q, [param('id', 'int4')]);

  it('a faithful entry agrees', () => {
    expect(entryDisagreements(good, q, 'h')).toEqual([]);
  });

  it('each field that differs, in its own words', () => {
    expect(entryDisagreements(good, q, 'other')).toEqual(['"hash" is not the query\'s hash']);
    expect(entryDisagreements({ ...good, name: 'GetOther' }, q, 'h')).toEqual(['"name" is "GetOther", but the query is named GetUser']);
    expect(entryDisagreements({ ...good, sql: 'SELECT 1' }, q, 'h')).toEqual(['"sql" is not the query\'s SQL']);
    expect(entryDisagreements({ ...good, statement: 'SELECT 1' }, q, 'h')).toEqual(['"statement" is not the query\'s SQL as sent']);
    expect(entryDisagreements({ ...good, cardinality: 'many' }, q, 'h')).toEqual(['"cardinality" is :many, but the query says :one']);
  });

  it('parameters: a wrong name, a missing one', () => {
    expect(entryDisagreements({ ...good, params: [param('uid', 'int4')] }, q, 'h')).toEqual(['"params"[0] should be :id, not "uid"']);
    expect(entryDisagreements({ ...good, params: [] }, q, 'h')).toEqual(['"params"[0] should be :id, not missing']);
  });

  it('optional parameters, one and several, each way', () => {
    const opt = query('-- name: Find :many\nSELECT id FROM users WHERE (:a? IS NULL OR id = :a?) AND (:b? IS NULL OR id = :b?)');
    const faithful = entryFor(opt, [param('a', 'int4', { optional: true }), param('b', 'int4', { optional: true })]);
    expect(entryDisagreements(faithful, opt, 'h')).toEqual([]);
    expect(entryDisagreements({ ...faithful, params: [param('a', 'int4'), param('b', 'int4', { optional: true })] }, opt, 'h')).toEqual([
      '"params"[0] (:a) is not optional, but the query marks it with ? (an entry written by an sqlsure that did not record optional parameters yet)',
    ]);
    expect(entryDisagreements({ ...faithful, params: [param('a', 'int4'), param('b', 'int4')] }, opt, 'h')).toEqual([
      '"params"[0] (:a), "params"[1] (:b) are not optional, but the query marks them with ? (an entry written by an sqlsure that did not record optional parameters yet)',
    ]);
    expect(entryDisagreements({ ...good, params: [param('id', 'int4', { optional: true })] }, q, 'h')).toEqual(['"params"[0] (:id) is optional, but the query does not mark it with ?']);
    const two = query('-- name: Two :many\nSELECT id FROM users WHERE id = :a OR id = :b');
    expect(entryDisagreements(entryFor(two, [param('a', 'int4', { optional: true }), param('b', 'int4', { optional: true })]), two, 'h')).toEqual([
      '"params"[0] (:a), "params"[1] (:b) are optional, but the query does not mark them with ?',
    ]);
  });

  it('positional parameters are not checked by name', () => {
    const pos = query('-- name: Pos :one\nSELECT id FROM users WHERE id = $1');
    expect(entryDisagreements(entryFor(pos, [param('id', 'int4')]), pos, 'h')).toEqual([]);
  });

  it('column type overrides: missing, unexpected, different', () => {
    const o = query('-- name: Meta :one\nSELECT meta AS "meta: Meta", id FROM users');
    const col = (name: string, tsType?: string) => ({ name, pgType: 'jsonb', nullable: false, ...(tsType ? { tsType } : {}) });
    const base = entryFor(o, []);
    expect(entryDisagreements({ ...base, columns: [col('meta', 'Meta'), col('id')] }, o, 'h')).toEqual([]);
    expect(entryDisagreements({ ...base, columns: [col('meta'), col('id')] }, o, 'h')).toEqual(['"columns"[0].tsType is missing, but the query says "Meta"']);
    expect(entryDisagreements({ ...base, columns: [col('meta', 'Meta'), col('id', 'X')] }, o, 'h')).toEqual(['"columns"[1].tsType is "X", but the query says none']);
  });
});

describe('a defaulted cardinality (pgtyped files)', () => {
  const pg = (sql: string) => query(`/* @name Q */\n${sql};\n`, 'queries/q.sql');

  it(':many, or :exec for a statement without rows', () => {
    const q = pg('DELETE FROM users');
    expect(q.cardinalityDefaulted).toBe(true);
    const base = entryFor(q, []);
    expect(entryDisagreements({ ...base, cardinality: 'many' }, q, 'h')).toEqual([]);
    expect(entryDisagreements({ ...base, cardinality: 'exec' }, q, 'h')).toEqual([]);
    expect(entryDisagreements({ ...base, cardinality: 'exec', columns: [{ name: 'id', pgType: 'int4', nullable: false }] }, q, 'h')).toEqual([
      '"cardinality" is :exec, but the query says :many',
    ]);
    expect(entryDisagreements({ ...base, cardinality: 'one' }, q, 'h')).toEqual(['"cardinality" is :one, but the query says :many']);
  });
});

describe('expansion casts', () => {
  const list = query('-- name: ByIds :many\nSELECT id FROM users WHERE id IN :ids[]');
  const withCast = (pgType: string, cast: string) => entryFor(list, [param('ids', pgType, { expansion: 'list' })], { 1: cast });
  const agrees = (pgType: string, cast: string) => entryDisagreements(withCast(pgType, cast), list, 'h').length === 0;

  it('a list casts to its element type: bare or quoted', () => {
    expect(agrees('_int4', 'int4')).toBe(true);
    expect(agrees('_int4', '"int4"')).toBe(true);
    expect(agrees('_int4', 'int8')).toBe(false);
    expect(agrees('_int4', '_int4')).toBe(false);
    expect(agrees('_int4', 'int4; DROP TABLE users; --')).toBe(false);
  });

  it('a name that is not a plain identifier is only ever quoted, its quotes doubled', () => {
    expect(agrees('_My Type', '"My Type"')).toBe(true);
    expect(agrees('_My Type', 'My Type')).toBe(false);
    expect(agrees('_Mood', '"Mood"')).toBe(true);
    expect(agrees('_Mood', 'Mood')).toBe(false);
    expect(agrees('_a"b', '"a""b"')).toBe(true);
    expect(agrees('_a"b', '"a"b"')).toBe(false);
    expect(agrees('_9lives', '"9lives"')).toBe(true);
    expect(agrees('_9lives', '9lives')).toBe(false);
    expect(agrees('_t$1', 't$1')).toBe(true);
    expect(agrees('_$x', '$x')).toBe(false);
    expect(agrees('_$x', '"$x"')).toBe(true);
    expect(agrees('_x.y', '"x.y"')).toBe(false);
    // Starting like an identifier is not enough: the whole name must be one.
    expect(agrees('_my type', 'my type')).toBe(false);
    expect(agrees('_my type', '"my type"')).toBe(true);
    expect(agrees('_a"b', 'a"b')).toBe(false);
  });

  it('a schema-qualified type: each part bare or quoted, the element in the same schema', () => {
    for (const cast of ['auth.role', 'auth."role"', '"auth".role', '"auth"."role"']) expect(agrees('auth._role', cast), cast).toBe(true);
    expect(agrees('auth._role', 'role')).toBe(false);
    expect(agrees('auth._role', 'auth._role')).toBe(false);
    expect(agrees('auth._role', '"auth.role"')).toBe(false);
    expect(agrees('Auth._role', '"Auth".role')).toBe(true);
    expect(agrees('Auth._role', 'Auth.role')).toBe(false);
  });

  it('an element type that does not start with _ is itself', () => {
    expect(agrees('int4', 'int4')).toBe(true);
    expect(agrees('auth.role', 'auth.role')).toBe(true);
  });

  it('an entry without the parameter an expansion needs: the statement cannot be rebuilt', () => {
    expect(entryDisagreements({ ...withCast('_int4', 'int4'), params: [] }, list, 'h')).toEqual([
      '"statement" is not the query\'s SQL as sent', '"params"[0] should be :ids, not missing',
    ]);
  });

  it('placeholders from $10 on', () => {
    const q = query('-- name: Many :many\nSELECT id FROM users WHERE a = :a AND b = :b AND c = :c AND d = :d AND e = :e AND f = :f AND g = :g AND h = :h AND i = :i AND id IN :ids[]');
    const params = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((n) => param(n, 'int4'));
    const entry = entryFor(q, [...params, param('ids', '_int8', { expansion: 'list' })], { 10: 'int8' });
    expect(entry.statement).toContain('$10::int8[]');
    expect(entryDisagreements(entry, q, 'h')).toEqual([]);
  });

  it('regular-expression characters in the statement are literal', () => {
    const q = query("-- name: Rx :many\nSELECT id FROM users WHERE name ~ '^a.*(b|c)+$' AND id IN :ids[]");
    const entry = entryFor(q, [param('ids', '_int4', { expansion: 'list' })], { 1: 'int4' });
    expect(entryDisagreements(entry, q, 'h')).toEqual([]);
    expect(entryDisagreements({ ...entry, statement: entry.statement.replace("'^a.*(b|c)+$'", "'^aXYZb+$'") }, q, 'h')).toEqual(['"statement" is not the query\'s SQL as sent']);
  });
});

describe('rows repeated at runtime ("dynamic")', () => {
  const q = query('-- name: Ins :exec\nINSERT INTO t (a, b) VALUES :rows');
  const params = [param('rows', 'int4', { expansion: 'rows', field: 'a' }), param('rows', '_text', { expansion: 'rows', field: 'b' })];
  const good = entryFor(q, params, { 1: 'int4', 2: '_text' }, 1);

  it('the faithful entry agrees, and records the slot', () => {
    expect(good.dynamic).toMatchObject({ param: 'rows', context: 'values', firstIndex: 1, casts: ['int4', '_text'] });
    expect(entryDisagreements(good, q, 'h')).toEqual([]);
  });

  it('every field of the slot is compared', () => {
    const dyn = good.dynamic!;
    const wrong = ['"dynamic" does not match the query\'s rows expansion'];
    for (const changed of [
      { ...dyn, param: 'other' }, { ...dyn, context: 'in' as const }, { ...dyn, start: dyn.start + 1 }, { ...dyn, end: dyn.end + 1 },
      { ...dyn, casts: ['int4'] }, { ...dyn, casts: ['int4', 'text'] }, { ...dyn, casts: ['int8', '_text'] },
    ]) {
      expect(entryDisagreements({ ...good, dynamic: changed }, q, 'h'), JSON.stringify(changed)).toEqual(wrong);
    }
    const { dynamic: _dropped, ...without } = good;
    expect(entryDisagreements(without, q, 'h')).toEqual(['"statement" is not the query\'s SQL as sent']);
  });

  it('the first index of the slot is compared, and an array-typed first field keeps its own type', () => {
    expect(entryDisagreements({ ...good, dynamic: { ...good.dynamic!, firstIndex: 2 } }, q, 'h')).toEqual(['"dynamic" does not match the query\'s rows expansion']);
    expect(entryDisagreements({ ...good, dynamic: { ...good.dynamic!, casts: ['int4', '_text', 'int8'] } }, q, 'h')).toEqual(['"dynamic" does not match the query\'s rows expansion']);
    const flipped = [param('rows', '_text', { expansion: 'rows', field: 'a' }), param('rows', 'int4', { expansion: 'rows', field: 'b' })];
    expect(entryDisagreements(entryFor(q, flipped, { 1: '_text', 2: 'int4' }, 1), q, 'h')).toEqual([]);
  });

  it('a single array-typed field is repeated at runtime too', () => {
    const one = query('-- name: Tags :exec\nINSERT INTO t (tags) VALUES :rows');
    const entry = entryFor(one, [param('rows', '_text', { expansion: 'rows', field: 'tags' })], { 1: '_text' }, 1);
    expect(entry.dynamic).toBeDefined();
    expect(entryDisagreements(entry, one, 'h')).toEqual([]);
  });

  it('a slot recorded past the last placeholder: the statement matches, the slot does not', () => {
    const plain = entryFor(q, params, { 1: 'int4', 2: 'text' });
    expect(entryDisagreements({ ...plain, dynamic: { ...good.dynamic!, firstIndex: 99 } }, q, 'h')).toEqual(['"dynamic" does not match the query\'s rows expansion']);
  });

  it('a dynamic slot where the query has none', () => {
    const plain = entryFor(q, params, { 1: 'int4', 2: 'text' });
    expect(plain.dynamic).toBeUndefined();
    expect(entryDisagreements(plain, q, 'h')).toEqual([]);
    expect(entryDisagreements({ ...plain, dynamic: good.dynamic }, q, 'h')).not.toEqual([]);
  });
});
