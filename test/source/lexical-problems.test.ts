/**
 * What PostgreSQL's lexer cannot read in a query file is a located problem, and only the query
 * it sits in is lost: the others in the file are still read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQueryFile } from '../../src/source/parse-query-file.js';
import { loadPgtypedParser } from '../../src/source/pgtyped-parser.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';

beforeAll(() => Promise.all([loadSqlParser(), loadPgtypedParser()]));

const at = (r: ReturnType<typeof parseQueryFile>) => r.problems.map((p) => `${p.position.line}:${p.position.column} ${p.message}`);
const names = (r: ReturnType<typeof parseQueryFile>) => r.queries.map((q) => q.name);

const native = (broken: string) => `-- name: First :one
SELECT 1 AS a;

-- name: Broken :one
SELECT ${broken};

-- name: Last :one
SELECT 3 AS c WHERE :x::int > 0;
`;

describe('unterminated tokens', () => {
  it.each([
    ["'oops", 'unterminated quoted string'],
    ['$$ body', 'unterminated dollar-quoted string'],
    ['$fn$ body', 'unterminated dollar-quoted string'],
    ['/* note', 'unterminated /* comment'],
    ['"col', 'unterminated quoted identifier'],
    ["E'\\'", 'unterminated quoted string'],
    ["B'0101", 'unterminated bit string literal'],
    ["X'ff", 'unterminated hexadecimal string literal'],
  ])('%s: reported at the token, and the queries before and after still read', (broken, message) => {
    const r = parseQueryFile('queries/x.sql', native(broken));
    expect(at(r)).toEqual([`5:8 ${message}`]);
    expect(r.problems[0]).toMatchObject({ file: 'queries/x.sql', code: '42601' });
    expect(names(r)).toEqual(['First', 'Last']);
    expect(r.queries[1]!.statement).toBe('SELECT 3 AS c WHERE $1::int > 0');
    expect(r.queries[1]!.position).toEqual({ line: 8, column: 1 });
    expect(r.blockCount).toBe(3);
  });

  it('several broken queries in one file are each reported', () => {
    const text = "-- name: A\nSELECT 'a;\n-- name: B\nSELECT 2;\n-- name: C\nSELECT $$;\n-- name: D\nSELECT 4;\n-- name: E\nSELECT /*\n";
    const r = parseQueryFile('q.sql', text);
    expect(at(r)).toEqual(['2:8 unterminated quoted string', '6:8 unterminated dollar-quoted string', '10:8 unterminated /* comment']);
    expect(names(r)).toEqual(['B', 'D']);
    expect(r.blockCount).toBe(5);
  });

  it('a file without annotations is one query: it is reported, nothing else breaks', () => {
    const r = parseQueryFile('queries/list-users.sql', "SELECT *\nFROM users\nWHERE name = 'x");
    expect(at(r)).toEqual(['3:14 unterminated quoted string']);
    expect(r.queries).toEqual([]);
    expect(r.blockCount).toBe(1);
  });

  it('tokens that are malformed without running to the end of the file are located too', () => {
    const r = parseQueryFile('q.sql', '-- name: A\nSELECT 1 -- 123abc\n;\n-- name: B\nSELECT  123abc;\n-- name: C\nSELECT "";\n-- name: D\nSELECT 4');
    expect(at(r)).toEqual(['5:9 trailing junk after numeric literal at or near "123abc"', '7:8 zero-length delimited identifier at or near """"']);
    expect(names(r)).toEqual(['A', 'D']);
  });

  it('pgtyped files: the broken block is reported and the other blocks are read', () => {
    const text = "/* @name A */\nSELECT 1;\n\n/* @name B */\nSELECT 'abc;\n\n/* @name C :one */\nSELECT :id::int AS c;\n";
    const r = parseQueryFile('q.sql', text);
    expect(at(r)).toEqual(['5:8 unterminated quoted string']);
    expect(names(r)).toEqual(['A', 'C']);
    expect(r.queries[1]!.statement).toBe('SELECT $1::int AS c');
    expect(r.blockCount).toBe(3);
  });
});

describe('empty files', () => {
  it.each(['', '   \n\n', '-- only a comment\n', '/* notes */\n'])('%j has no queries and no problem', (text) => {
    expect(parseQueryFile('queries/new.sql', text)).toEqual({ blockCount: 0, queries: [], problems: [] });
  });
});

describe('control characters', () => {
  it('outside strings and comments: reported where they are; inside strings they are text', () => {
    const text = "-- name: A\nSELECT 1 \u0001;\n-- name: B\nSELECT 'a\u0001b' AS s -- c\u001b\n;\n-- name: C\nSELECT 3\f+ 1;\n";
    const r = parseQueryFile('q.sql', text);
    expect(at(r)).toEqual(['2:10 control character U+0001 outside a string or comment']);
    expect(names(r)).toEqual(['B', 'C']);
    expect(r.queries[0]!.statement).toBe("SELECT 'a\u0001b' AS s");
  });

  it('a NUL anywhere is reported (PostgreSQL cannot take it), and nothing after it is silently dropped', () => {
    const r = parseQueryFile('q.sql', "-- name: A\nSELECT 'x\u0000y';\n-- name: B\nSELECT 2 AS b;\n");
    expect(at(r)).toEqual(['2:10 NUL character (U+0000) in a query file']);
    expect(names(r)).toEqual(['B']);
  });
});

describe('byte order mark', () => {
  it('is not part of the first line: annotations are read and columns are what an editor shows', () => {
    const r = parseQueryFile('q.sql', '\uFEFF-- name: A :one\nSELECT nope(1 AS a;\n');
    expect(r.blockCount).toBe(1);
    expect(r.problems[0]!.position).toEqual({ line: 2, column: 15 });
    const ok = parseQueryFile('q.sql', '\uFEFFSELECT 1 AS a');
    expect(ok.problems).toEqual([]);
    expect(ok.queries[0]).toMatchObject({ sql: 'SELECT 1 AS a', position: { line: 1, column: 1 } });
  });
});
