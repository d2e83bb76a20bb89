import { beforeAll, describe, expect, it } from 'vitest';
import { parseQueryFile } from '../../src/source/parse-query-file.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';
import { statementToSourceOffset } from '../../src/source/rewrite-statement.js';

beforeAll(() => loadSqlParser());

const one = (sql: string) => {
  const r = parseQueryFile('queries/x.sql', `-- name: Q :many\n${sql}`);
  expect(r.problems).toEqual([]);
  return r.queries[0]!;
};

describe('named parameters', () => {
  it('rewrites :name, :name! and :name? to $n, one number per name', () => {
    const q = one('SELECT * FROM t WHERE a = :a! AND b = :b? AND c = :a;');
    expect(q.statement).toBe('SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $1');
    expect(q.params.map((p) => [p.name, p.index, p.mark])).toEqual([
      ['a', 1, '!'],
      ['b', 2, '?'],
    ]);
  });

  it('ignores colons in strings, comments, dollar quotes, quoted identifiers, casts and slices', () => {
    const sql = `SELECT 'a:b', E'x\\':y', $$ :c $$, $t$ :d $t$, "e:f", g::int, arr[1:2], arr[lo:hi] -- :h
      /* :i */ FROM t WHERE x = :real`;
    const q = one(sql);
    expect(q.params.map((p) => p.name)).toEqual(['real']);
    expect(q.statement.endsWith('WHERE x = $1')).toBe(true);
    expect(q.statement).toContain("'a:b'");
    expect(q.statement).toContain('arr[lo:hi]');
  });

  it('accepts keywords as parameter names and does not take != as a mark', () => {
    const q = one('SELECT * FROM t WHERE a != :limit AND b = :user! LIMIT :limit');
    expect(q.statement).toBe('SELECT * FROM t WHERE a != $1 AND b = $2 LIMIT $1');
    expect(q.params.map((p) => [p.name, p.mark])).toEqual([
      ['limit', null],
      ['user', '!'],
    ]);
    const neq = one('SELECT * FROM t WHERE :a!=b');
    expect(neq.statement).toBe('SELECT * FROM t WHERE $1!=b');
  });

  it('keeps positional parameters and names them by position', () => {
    const q = one('SELECT * FROM t WHERE a = $2 AND b = $1');
    expect(q.statement).toBe('SELECT * FROM t WHERE a = $2 AND b = $1');
    expect(q.params.map((p) => [p.name, p.index])).toEqual([
      ['p1', 1],
      ['p2', 2],
    ]);
  });

  it('rejects mixing named and positional parameters, and conflicting marks', () => {
    const mixed = parseQueryFile('q.sql', '-- name: Q :many\nSELECT :a, $1');
    expect(mixed.problems[0]).toMatchObject({ position: { line: 2, column: 12 }, message: expect.stringContaining('mix named') });
    const marks = parseQueryFile('q.sql', '-- name: Q :many\nSELECT :a!, :a?');
    expect(marks.problems[0]).toMatchObject({ position: { line: 2, column: 13 }, message: expect.stringContaining('marked both') });
  });

  it('maps statement offsets back to the source file through rewritten parameters', () => {
    const text = '-- name: Q :many\nSELECT :first, :second, nope';
    const q = parseQueryFile('q.sql', text).queries[0]!;
    const at = q.statement.indexOf('nope');
    expect(text.slice(statementToSourceOffset(q.offsets, at))).toBe('nope');
  });
});

describe('column alias overrides', () => {
  it('records !, ? and : Type overrides and sends plain aliases', () => {
    const q = one('SELECT count(*) AS "total!", max(x) AS "top?", meta AS "meta: Meta", m AS "m!: import(\'./t.js\').T", y AS "Plain", z AS "a:b" FROM t');
    expect(q.statement).toBe('SELECT count(*) AS "total", max(x) AS "top", meta AS "meta", m AS "m", y AS "Plain", z AS "a" FROM t');
    expect(q.overrides).toEqual([
      { name: 'total', nullable: false },
      { name: 'top', nullable: true },
      { name: 'meta', tsType: 'Meta' },
      { name: 'm', nullable: false, tsType: "import('./t.js').T" },
      { name: 'a', tsType: 'b' },
    ]);
  });

  it('leaves quoted identifiers that are not aliases alone', () => {
    const q = one('SELECT "weird!" FROM t AS "x?"');
    expect(q.statement).toBe('SELECT "weird!" FROM t AS "x"');
  });
});

describe('query blocks', () => {
  it('splits annotated blocks and records name, cardinality and position', () => {
    const r = parseQueryFile(
      'queries/users.sql',
      '-- name: GetUser :one\n-- a description\nSELECT 1;\n\n-- name: ListUsers :many\nSELECT 2\n;\n-- name: Touch :exec\nUPDATE t SET a = 1;\n-- name: Count :execrows\nDELETE FROM t;\n-- name: Find :maybe\nSELECT 3;',
    );
    expect(r.problems).toEqual([]);
    expect(r.queries.map((q) => [q.name, q.cardinality, q.position.line, q.sql])).toEqual([
      ['GetUser', 'one', 3, 'SELECT 1'],
      ['ListUsers', 'many', 6, 'SELECT 2'],
      ['Touch', 'exec', 9, 'UPDATE t SET a = 1'],
      ['Count', 'execrows', 11, 'DELETE FROM t'],
      ['Find', 'maybe', 13, 'SELECT 3'],
    ]);
  });

  it('treats a file without annotations as one query named after the file', () => {
    const r = parseQueryFile('queries/get-active_users.sql', 'SELECT 1;\n');
    expect(r.queries.map((q) => [q.name, q.cardinality])).toEqual([['GetActiveUsers', 'many']]);
  });

  it('normalises CRLF and counts columns in UTF-16 units after non-ASCII text', () => {
    const r = parseQueryFile('q.sql', "-- name: Q :many\r\nSELECT 'é😀', :p, bad syntax here\r\n");
    expect(r.queries).toEqual([]);
    expect(r.problems[0]).toMatchObject({ code: '42601', position: { line: 2, column: 30 } }); // at "here"
  });

  it.each([
    ['duplicate names (case-insensitive)', '-- name: A :one\nSELECT 1;\n-- name: a :one\nSELECT 2;', 3, 1, 'duplicate query name'],
    ['an empty query', '-- name: A :one\n-- nothing here\n;\n-- name: B :one\nSELECT 1;', 1, 1, 'is empty'],
    ['two statements in one query', '-- name: A :many\nSELECT 1;\n  SELECT 2;', 3, 3, 'more than one statement'],
    ['an unknown cardinality', '-- name: A :lots\nSELECT 1;', 1, 1, 'unknown cardinality'],
    ['a malformed annotation', '-- name:\nSELECT 1;', 1, 1, 'malformed annotation'],
    ['SQL before the first annotation', 'SELECT 0;\n-- name: A :one\nSELECT 1;', 1, 1, 'before the first'],
    ['a syntax error', '-- name: A :one\nSELECT FROM WHERE;', 2, 13, 'syntax error'],
  ])('reports %s with file:line:col', (_what, text, line, column, message) => {
    const r = parseQueryFile('queries/bad.sql', text);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ file: 'queries/bad.sql', position: { line, column }, message: expect.stringContaining(message) }),
    );
  });

  it('keeps the other queries of a file when one is broken', () => {
    const r = parseQueryFile('q.sql', '-- name: A :one\nSELECT FROM WHERE;\n-- name: B :one\nSELECT 1;');
    expect(r.queries.map((q) => q.name)).toEqual(['B']);
  });
});
