/** Near-valid query files: each problem names its query, quotes what the user wrote and suggests the fix. */
import { beforeAll, describe, expect, it } from 'vitest';
import { cardinalityHint, nearest } from '../../src/source/did-you-mean.js';
import { parseQueryFile } from '../../src/source/parse-query-file.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

const problemsOf = (text: string) => parseQueryFile('q.sql', text).problems;

describe('did-you-mean hints', () => {
  it('a syntax error names its query', () => {
    expect(problemsOf('-- name: Broken :one\nSELECT id FROM t WHERE id = :id AND;\n')).toEqual([
      { file: 'q.sql', position: { line: 2, column: 36 }, message: 'Broken: syntax error at end of input', code: '42601', query: 'Broken' },
    ]);
  });

  it('`IN :ids` without [] quotes :ids, not the $1 it was rewritten to, and suggests `IN :ids[]`', () => {
    expect(problemsOf('-- name: ByIds :many\nSELECT id FROM t WHERE id IN :ids;\n')).toEqual([
      {
        file: 'q.sql',
        position: { line: 2, column: 30 },
        message: 'ByIds: syntax error at or near ":ids"',
        code: '42601',
        hint: 'did you mean `IN :ids[]`? An IN list takes one array parameter, written with `[]`',
        query: 'ByIds',
      },
    ]);
    // NOT IN, and a forced non-null mark, too.
    const notIn = problemsOf('-- name: Others :many\nSELECT id FROM t WHERE id NOT IN :ids!;\n');
    expect(notIn[0]).toMatchObject({ message: 'Others: syntax error at or near ":ids"', hint: expect.stringContaining('`IN :ids[]`') });
  });

  it('`-- name X :one` without the colon is one problem at the annotation, not "more than one statement"', () => {
    const r = parseQueryFile('q.sql', '-- name: A :one\nSELECT 1 AS a;\n\n-- name B :one\nSELECT 2 AS b;\n');
    expect(r.problems).toEqual([
      {
        file: 'q.sql',
        position: { line: 4, column: 1 },
        message: 'annotation "-- name B :one" has no colon after "name"',
        hint: 'did you mean `-- name: B :one`?',
        query: 'B',
      },
    ]);
    expect(r.queries.map((q) => q.name)).toEqual(['A']);
    // A comment that merely starts with "name" is still a comment.
    expect(problemsOf('-- name: A :one\n-- name of the user, lower-cased\nSELECT 1 AS a;\n')).toEqual([]);
  });

  it('an unknown cardinality suggests the nearest valid one', () => {
    expect(problemsOf('-- name: A :onee\nSELECT 1 AS a;\n')).toEqual([
      {
        file: 'q.sql',
        position: { line: 1, column: 1 },
        message: 'unknown cardinality ":onee" for query A',
        hint: 'did you mean :one? (use one of :one, :maybe, :many, :exec, :execrows)',
        query: 'A',
      },
    ]);
    expect(cardinalityHint('mayb')).toBe('did you mean :maybe? (use one of :one, :maybe, :many, :exec, :execrows)');
    expect(cardinalityHint('exce')).toMatch(/^did you mean :exec\?/);
    expect(cardinalityHint('sometimes')).toBe('use one of :one, :maybe, :many, :exec, :execrows');
    expect(problemsOf('/* @name A :manny */\nSELECT 1 AS a;\n')[0]).toMatchObject({ hint: expect.stringMatching(/^did you mean :many\?/), query: 'A' });
  });

  it('nearest() only suggests what is close', () => {
    expect(nearest('mny', ['one', 'many'])).toBe('many');
    expect(nearest('xyzzy', ['one', 'many'])).toBeUndefined();
  });
});

describe('problems about a query name it', () => {
  it('a parameter problem found while rewriting', () => {
    expect(problemsOf('-- name: Odd :exec\nSELECT 1 FROM t WHERE a IN :xs[] AND b = :xs;\n')).toEqual([
      {
        file: 'q.sql',
        position: { line: 2, column: 42 },
        message: 'Odd: parameter :xs is used both as a list (IN :name[]) and as a plain parameter',
        hint: 'use one name per shape',
        query: 'Odd',
      },
    ]);
  });
});
