/**
 * The wire protocol counts parameters in 16 bits: a statement with more than 65535 would be
 * described with a wrapped count (70000 → 4464) and cached wrong. It is an error at its source.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQueryFile } from '../../src/source/parse-query-file.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

describe('parameter limit', () => {
  it('accepts $65535 and reports $65536 and beyond at file:line:col', () => {
    const ok = parseQueryFile('q.sql', '-- name: A\nSELECT $65535::int');
    expect(ok.problems).toEqual([]);
    const r = parseQueryFile('q.sql', '-- name: A :one\nSELECT 1;\n-- name: B :one\nSELECT $1::int,\n       $70000::int;\n');
    expect(r.problems).toEqual([
      {
        file: 'q.sql',
        position: { line: 5, column: 8 },
        message: 'query B needs 70000 parameters; PostgreSQL allows at most 65535 in one statement',
        code: '54023',
        hint: expect.stringContaining('one array parameter'),
        query: 'B',
      },
    ]);
    expect(r.queries.map((q) => q.name)).toEqual(['A']);
  });

  it('counts named parameters too', () => {
    const names = Array.from({ length: 65536 }, (_, i) => `:p${i}`);
    const r = parseQueryFile('q.sql', `-- name: Wide\nSELECT ${names.join(',')}`);
    expect(r.problems.map((p) => p.message)).toEqual(['query Wide needs 65536 parameters; PostgreSQL allows at most 65535 in one statement']);
    expect(r.problems[0]!.position.column).toBe(8 + names.slice(0, 65535).join(',').length + 1);
  });
});
