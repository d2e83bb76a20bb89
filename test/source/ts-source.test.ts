/**
 * sql`…` templates in TypeScript sources → query records: positions are the TypeScript file's
 * (multi-line templates, CRLF, tabs), and templates that cannot be checked are located errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPgtypedParser } from '../../src/source/pgtyped-parser.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';
import { loadTypeScript, mayHoldSqlTemplates } from '../../src/source/typescript/find-sql-templates.js';
import { parseTsSource } from '../../src/source/typescript/parse-ts-source.js';

beforeAll(async () => {
  await Promise.all([loadTypeScript(), loadPgtypedParser(), loadSqlParser()]);
});

const HEAD = "import { sql } from '@pgtyped/runtime';\nimport type { IFindQuery } from './users.types.js';\n";

describe('parseTsSource', () => {
  it('reads pgtyped TS-mode parameters and expansions into the query record', () => {
    const text = HEAD + 'export const find = sql<IFindQuery>`SELECT id FROM users WHERE email = $email! AND id IN $$ids AND (a, b) IN $$rows(a!, b)`;\n';
    const parsed = parseTsSource('src/users.ts', text);
    expect(parsed.problems).toEqual([]);
    const [q] = parsed.queries;
    expect(q!.name).toBe('find');
    expect(q!.sql).toBe('SELECT id FROM users WHERE email = $email! AND id IN $$ids AND (a, b) IN $$rows(a!, b)');
    expect(q!.position).toEqual({ line: 3, column: 37 });
    expect(q!.params.map((p) => [p.name, p.mark, p.expansion?.kind ?? 'scalar', p.position])).toEqual([
      ['email', '!', 'scalar', { line: 3, column: 72 }],
      ['ids', null, 'list', { line: 3, column: 90 }],
      ['rows', null, 'rows', { line: 3, column: 110 }],
    ]);
    expect(q!.declarations).toEqual(['ids -> (...)', 'rows -> ((a!, b)...)']);
  });

  it('locates a syntax error inside a multi-line template with tabs, the same with LF and CRLF', () => {
    const lf = HEAD + 'export const find = sql<IFindQuery>`\n\tSELECT id\n\tFROM users\n\tWHERE WHERE id = $id`;\n';
    for (const text of [lf, lf.replace(/\n/g, '\r\n')]) {
      const parsed = parseTsSource('src/users.ts', text);
      expect(parsed.queries).toEqual([]);
      expect(parsed.problems).toHaveLength(1);
      expect(parsed.problems[0]).toMatchObject({ file: 'src/users.ts', position: { line: 6, column: 8 }, code: '42601' });
      expect(parsed.problems[0]!.message).toMatch(/syntax error at or near "WHERE"/);
    }
  });

  it('puts the query and its parameters where the editor shows them in a CRLF file', () => {
    const text = (HEAD + 'export const find = sql<IFindQuery>`\n\t\tSELECT id FROM users\n\t\tWHERE email = $email`;\n').replace(/\n/g, '\r\n');
    const [q] = parseTsSource('src/users.ts', text).queries;
    expect(q!.position).toEqual({ line: 4, column: 3 });
    expect(q!.params[0]!.position).toEqual({ line: 5, column: 17 });
    expect(q!.sql).toBe('SELECT id FROM users\n\t\tWHERE email = $email');
  });

  it('refuses ${…} interpolation, with a hint, at the interpolation', () => {
    const text = HEAD + 'const col = "id";\nexport const find = sql<IFindQuery>`SELECT ${col}\n  FROM users`;\n';
    const parsed = parseTsSource('src/users.ts', text);
    expect(parsed.queries).toEqual([]);
    expect(parsed.problems).toMatchObject([{ position: { line: 4, column: 44 }, hint: expect.stringContaining('placeholders, not interpolations') }]);
    expect(parsed.problems[0]!.message).toMatch(/query find interpolates a value/);
  });

  it('refuses a template not assigned to a const, a mismatched type argument, and backslashes', () => {
    const text =
      HEAD +
      'run(sql`SELECT 1`);\n' +
      'export const find = sql<IOtherQuery>`SELECT 1 AS x`;\n' +
      "export const esc = sql<IEscQuery>`SELECT E'a\\nb' AS x`;\n";
    const parsed = parseTsSource('src/users.ts', text);
    expect(parsed.queries).toEqual([]);
    expect(parsed.problems.map((p) => [p.position.line, p.position.column, p.message.slice(0, 40)])).toEqual([
      [3, 5, 'a sql`…` template must be assigned to a '],
      [4, 25, 'query find: the type argument is IOtherQ'],
      [5, 45, 'query esc: a backslash in a sql`…` templ'],
    ]);
  });

  it('with sqlsure/runtime, requires the types module to be imported for its value (import type is erased)', () => {
    const typeOnly = "import { sql } from 'sqlsure/runtime';\nimport type { IFindQuery } from './users.types.js';\nexport const find = sql<IFindQuery>`SELECT 1 AS x`;\n";
    const problems = parseTsSource('src/users.ts', typeOnly).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.hint).toContain("import './users.types.js'");
    const value = typeOnly.replace("import type", "import './users.types.js';\nimport type");
    expect(parseTsSource('src/users.ts', value)).toMatchObject({ problems: [], queries: [{ name: 'find' }] });
  });

  it("refuses a template where pgtyped's parser takes a $ inside a comment or quoted name for a parameter", () => {
    for (const [sqlText, column] of [['SELECT id /* see $b */ FROM users WHERE id = $id', 54], ['SELECT "a$b" FROM users WHERE id = $id', 46]] as const) {
      const parsed = parseTsSource('src/users.ts', HEAD + `export const find = sql<IFindQuery>\`${sqlText}\`;\n`);
      expect(parsed.queries).toEqual([]);
      expect(parsed.problems).toMatchObject([{ position: { line: 3, column }, message: expect.stringContaining('inside a string') }]);
    }
    // A string is read right by pgtyped: `$b` there is text.
    const fine = parseTsSource('src/users.ts', HEAD + "export const find = sql<IFindQuery>`SELECT id FROM users WHERE note = 'a $b c' AND id = $id`;\n");
    expect(fine.problems).toEqual([]);
    expect(fine.queries[0]!.statement).toBe("SELECT id FROM users WHERE note = 'a $b c' AND id = $1");
  });

  it('reads a first-line cardinality, only with sqlsure/runtime, and names an unknown one', () => {
    const ours = "import { sql } from 'sqlsure/runtime';\nimport './users.types.js';\n";
    const one = parseTsSource('src/users.ts', ours + 'export const find = sql`\n  -- :one\n  SELECT 1 AS x`;\n');
    expect(one.problems).toEqual([]);
    expect(one.queries[0]).toMatchObject({ cardinality: 'one', position: { line: 4, column: 3 } });
    expect(one.queries[0]!.cardinalityDefaulted).toBeUndefined();
    const typo = parseTsSource('src/users.ts', ours + 'export const find = sql`-- :onne\n  SELECT 1 AS x`;\n');
    expect(typo.problems).toMatchObject([{ position: { line: 3, column: 28 }, message: 'unknown cardinality ":onne" for query find' }]);
    const pgtyped = parseTsSource('src/users.ts', HEAD + 'export const find = sql<IFindQuery>`-- :one\n  SELECT 1 AS x`;\n');
    expect(pgtyped.problems).toMatchObject([{ position: { line: 3, column: 40 }, message: expect.stringContaining('needs the sql tag of sqlsure/runtime') }]);
  });

  it('ignores tags not imported from a known runtime, and files the pre-filter skips', () => {
    expect(parseTsSource('src/a.ts', "import { sql } from 'other';\nexport const q = sql`SELECT 1`;\n").queries).toEqual([]);
    expect(mayHoldSqlTemplates('const x = `a`;')).toBe(false);
    expect(mayHoldSqlTemplates("import { sql } from 'sqlsure/runtime'; sql`x`")).toBe(true);
  });
});
