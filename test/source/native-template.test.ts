/**
 * Native query`…` templates: sqlsure's `.sql` syntax read into query records (every annotation,
 * positions in the TypeScript file), and prepare's in-place edit of the type argument — exactly
 * that span, the file's line ends, indentation and BOM kept, idempotent, blind to a formatter's
 * layout but not to a changed type.
 */
import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TypeMember } from '../../src/codegen/native-type-argument.js';
import { formatTypeArgument, oneLine } from '../../src/codegen/native-type-argument.js';
import { loadPgtypedParser } from '../../src/source/pgtyped-parser.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';
import { loadTypeScript } from '../../src/source/typescript/find-sql-templates.js';
import { parseTsSource } from '../../src/source/typescript/parse-ts-source.js';
import { sameTypeText } from '../../src/source/typescript/same-type-text.js';
import { writeInlineTypes } from '../../src/source/typescript/write-inline-types.js';

beforeAll(async () => {
  await Promise.all([loadTypeScript(), loadPgtypedParser(), loadSqlParser()]);
});

const HEAD = "import { query } from 'sqlsure/runtime';\nimport './users.types.js';\n";

describe('parseTsSource: native templates', () => {
  it('reads :p, :p!, :p?, IN :ids[], VALUES :rows and overrides as a .sql query would', () => {
    const text =
      HEAD +
      'export const add = query`-- :one\nINSERT INTO users (email, age) VALUES :rows RETURNING id AS "id!", note AS "note: Note"`;\n' +
      'export const find = query`SELECT id FROM users WHERE email = :email! AND age > :age? AND nick = :nick AND id IN :ids[]`;\n';
    const parsed = parseTsSource('src/users.ts', text);
    expect(parsed.problems).toEqual([]);
    const [add, find] = parsed.queries;
    expect(add!.cardinality).toBe('one');
    expect(add!.cardinalityDefaulted).toBeUndefined();
    expect(add!.sql).toBe('-- :one\nINSERT INTO users (email, age) VALUES :rows RETURNING id AS "id!", note AS "note: Note"');
    expect(add!.params.map((p) => [p.name, p.expansion?.kind])).toEqual([['rows', 'rows']]);
    expect(add!.overrides).toEqual([{ name: 'id', nullable: false }, { name: 'note', tsType: 'Note' }]);
    expect(add!.statement).not.toContain('"id!"');
    expect(find!.cardinality).toBe('many');
    expect(find!.statement).toBe('SELECT id FROM users WHERE email = $1 AND age > $2 AND nick = $3 AND id = ANY($4)');
    expect(find!.params.map((p) => [p.name, p.mark, p.position])).toEqual([
      ['email', '!', { line: 5, column: 62 }],
      ['age', '?', { line: 5, column: 80 }],
      ['nick', null, { line: 5, column: 97 }],
      ['ids', null, { line: 5, column: 113 }],
    ]);
    expect(find!.inline).toMatchObject({ registered: true, typeAt: { line: 5, column: 26 }, anchorAt: { line: 5, column: 14 } });
    expect(find!.inline!.typeArgument).toBeUndefined();
  });

  it('keeps the written type argument and notes a missing side-effect import', () => {
    const text = "import { query as q } from 'sqlsure/runtime';\nexport const one = q<{ row: { x: number }; cardinality: 'one' }>`SELECT 1 AS x`;\n";
    const [one] = parseTsSource('src/a.ts', text).queries;
    expect(one!.inline).toMatchObject({ registered: false, typeArgument: { text: "{ row: { x: number }; cardinality: 'one' }" }, typeAt: { line: 2, column: 22 } });
  });

  it('locates a syntax error in a multi-line template with tabs, the same with LF and CRLF', () => {
    const lf = HEAD + 'export const find = query<{ cardinality: \'many\' }>`\n\tSELECT id\n\tFROM users\n\tWHERE WHERE id = :id`;\n';
    for (const text of [lf, lf.replace(/\n/g, '\r\n')]) {
      const parsed = parseTsSource('src/users.ts', text);
      expect(parsed.queries).toEqual([]);
      expect(parsed.problems).toMatchObject([{ file: 'src/users.ts', position: { line: 6, column: 8 }, code: '42601' }]);
    }
  });

  it('refuses what cannot be checked, each at its place', () => {
    const cases: Array<[string, RegExp, { line: number; column: number }]> = [
      ['export const a = query`SELECT ${1}`;', /interpolates a value.*/, { line: 3, column: 31 }],
      ['export const a = query`-- :few\nSELECT 1`;', /unknown cardinality ":few" for query a/, { line: 3, column: 27 }],
      ['export const a = query`-- name: A :one\nSELECT 1`;', /named by its const, not by `-- name:`/, { line: 3, column: 24 }],
      ['export const a = query<A, B>`SELECT 1`;', /takes one type argument/, { line: 3, column: 24 }],
      ['export const a = query`SELECT \'\\n\'`;', /a backslash in a query`…` template/, { line: 3, column: 32 }],
      ['query`SELECT 1`;', /must be assigned to a const/, { line: 3, column: 1 }],
      ['export const a = query`SELECT 1; SELECT 2`;', /more than one statement/, { line: 3, column: 34 }],
    ];
    for (const [line, message, position] of cases) {
      const parsed = parseTsSource('src/users.ts', HEAD + line + '\n');
      expect(parsed.queries, line).toEqual([]);
      expect(parsed.problems, line).toHaveLength(1);
      expect(parsed.problems[0]!.message, line).toMatch(message);
      expect(parsed.problems[0]!.position, line).toEqual(position);
    }
    expect(parseTsSource('src/users.ts', HEAD + 'export const a = query`SELECT ${1}`;').problems[0]!.hint).toContain('write `:name` in the SQL');
  });

  it("reports pgtyped's $param syntax in a native template as the mix-up it is (never inside a string)", () => {
    const cases: Array<[string, string, number]> = [
      ["SELECT 'a$b' AS x, $t$ $q $t$ AS y WHERE id = $ids", '$ids', 70],
      ['SELECT id FROM t WHERE id IN $$ids', '$$ids', 53],
    ];
    for (const [sql, written, column] of cases) {
      const native = parseTsSource('src/a.ts', HEAD + `export const a = query\`${sql}\`;\n`);
      expect(native.queries).toEqual([]);
      expect(native.problems).toMatchObject([{ position: { line: 3, column }, message: `query a: \`${written}\` is pgtyped's parameter syntax; a query\`…\` template is written in sqlsure's` }]);
    }
    expect(parseTsSource('src/a.ts', HEAD + "export const a = query`SELECT 'a$b' AS x, $t$ $q $t$ AS y`;\n").problems).toEqual([]);
  });
});

const MEMBERS: TypeMember[] = [
  ['params', [['id', 'number']]],
  ['row', [['email', 'string'], ['age', 'number | null']]],
  ['cardinality', "'maybe'"],
];
const ONE_LINE = "{ params: { id: number }; row: { email: string; age: number | null }; cardinality: 'maybe' }";

describe('type argument text', () => {
  it('is one line when it fits, else one member per line in the file\'s indentation', () => {
    expect(oneLine(MEMBERS)).toBe(ONE_LINE);
    expect(formatTypeArgument(MEMBERS, { column: 0, indent: '', unit: '  ', eol: '\n' })).toBe(ONE_LINE);
    expect(formatTypeArgument(MEMBERS, { column: 40, indent: '\t', unit: '\t', eol: '\n' })).toBe(
      "{\n\t\tparams: { id: number };\n\t\trow: { email: string; age: number | null };\n\t\tcardinality: 'maybe';\n\t}",
    );
  });

  it("compares by meaning: a formatter's layout is the same, a changed type, key or `?` is not", () => {
    const prettier = '{\n  params: { id: number };\n  row: {\n    email: string,\n    age: | number | null;\n  };\n  cardinality: "maybe";\n}';
    expect(sameTypeText(prettier, ONE_LINE)).toBe(true);
    expect(sameTypeText(ONE_LINE.replace('age: number', 'age: string'), ONE_LINE)).toBe(false);
    expect(sameTypeText(ONE_LINE.replace('age:', 'age?:'), ONE_LINE)).toBe(false);
    expect(sameTypeText(ONE_LINE.replace('email', 'mail'), ONE_LINE)).toBe(false);
    expect(sameTypeText(ONE_LINE.replace("'maybe'", "'one'"), ONE_LINE)).toBe(false);
    expect(sameTypeText(ONE_LINE.replace(' | null', ''), ONE_LINE)).toBe(false);
  });
});

describe('writeInlineTypes', () => {
  const expected = new Map([['find', { sql: 'SELECT id FROM t WHERE id = :id!', members: MEMBERS }]]);

  const withFile = async (text: string, body: (dir: string, file: string) => Promise<void>) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sqlsure-inline-'));
    try {
      await writeFile(path.join(dir, 'a.ts'), text);
      await body(dir, path.join(dir, 'a.ts'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  it('inserts the type argument after the tag and the import after the tag\'s import, keeping BOM, CRLF and the file mode', async () => {
    const before = "\uFEFFimport { query } from 'sqlsure/runtime'; // the tag\r\n\r\nexport const find = query`SELECT id FROM t WHERE id = :id!`;\r\nexport const other = 1;\r\n";
    await withFile(before, async (dir, file) => {
      await chmod(file, 0o640);
      const written = writeInlineTypes(dir, 'a.ts', expected);
      expect(written.changed).toBe(true);
      const after = await readFile(file, 'utf8');
      expect(after).toBe(
        "\uFEFFimport { query } from 'sqlsure/runtime'; // the tag\r\nimport './a.types.js';\r\n\r\nexport const find = query<{\r\n  params: { id: number };\r\n  row: { email: string; age: number | null };\r\n  cardinality: 'maybe';\r\n}>`SELECT id FROM t WHERE id = :id!`;\r\nexport const other = 1;\r\n",
      );
      expect((await stat(file)).mode & 0o777).toBe(0o640);
      expect(written.lineAfter(3, 21)).toBe(4);
      expect(written.lineAfter(3, 27)).toBe(8);
      expect(writeInlineTypes(dir, 'a.ts', expected).changed).toBe(false);
      expect(await readFile(file, 'utf8')).toBe(after);
    });
  });

  it('replaces exactly the type argument span, in tabs, and moves what follows by the lines it added', async () => {
    const before = "import { query } from 'sqlsure/runtime';\nimport './a.types.js';\n\nfunction f() {\n\tconst find = query< { stale: true } >`SELECT id FROM t WHERE id = :id!`;\n\treturn find;\n}\n";
    await withFile(before, async (dir, file) => {
      const written = writeInlineTypes(dir, 'a.ts', expected);
      const after = await readFile(file, 'utf8');
      expect(after).toBe(
        "import { query } from 'sqlsure/runtime';\nimport './a.types.js';\n\nfunction f() {\n\tconst find = query< {\n\t\tparams: { id: number };\n\t\trow: { email: string; age: number | null };\n\t\tcardinality: 'maybe';\n\t} >`SELECT id FROM t WHERE id = :id!`;\n\treturn find;\n}\n",
      );
      expect(written.lineAfter(5, 40)).toBe(9);
      expect(written.lineAfter(6, 2)).toBe(10);
      expect(written.lineAfter(2, 1)).toBe(2);
    });
  });

  it('leaves a template whose text is not the prepared one, and a formatted type argument that says the same', async () => {
    const stale = "import { query } from 'sqlsure/runtime';\nimport './a.types.js';\nexport const find = query`SELECT id FROM t WHERE id = :id`;\n";
    await withFile(stale, async (dir, file) => {
      expect(writeInlineTypes(dir, 'a.ts', expected).changed).toBe(false);
      expect(await readFile(file, 'utf8')).toBe(stale);
    });
    const formatted = "import { query } from 'sqlsure/runtime';\nimport './a.types.js';\nexport const find = query<{\n  params: { id: number },\n  row: { email: string, age: number | null },\n  cardinality: \"maybe\",\n}>`SELECT id FROM t WHERE id = :id!`;\n";
    await withFile(formatted, async (dir, file) => {
      expect(writeInlineTypes(dir, 'a.ts', expected).changed).toBe(false);
      expect(await readFile(file, 'utf8')).toBe(formatted);
    });
  });
});
