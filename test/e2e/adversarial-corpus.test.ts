/**
 * The rule for hostile input: whatever the schema, the file names, the query names and the
 * overrides, `prepare` either exits non-zero with a clear message, or writes modules that pass
 * `tsc --strict` and import without side effects (every payload below tries to exit the process
 * or break out of a comment, string or interface). Real PostgreSQL, one database for the file.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyGeneratedCode } from '../support/generated-code.js';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, REPO_ROOT, removeProject, runCli, snapshotTree, type CliRun } from '../support/project-dir.js';

const ENUM = '"t*/ process.exit(7); /*"';
const TABLE = '"tab*/ process.exit(10); /*"';

const MIGRATION = `
CREATE TYPE ${ENUM} AS ENUM ('a*/ process.exit(7); /*', E'line\\nprocess.exit(7)', 'quote"''s', 'back\\slash', '\${process.exit(7)}', '\`tick\`', U&'ls\\2028ps\\2029', '', ' ', '__proto__');
CREATE TYPE "enum
process.exit(7)" AS ENUM ('x');
CREATE TYPE "class" AS ENUM ('y');
CREATE TYPE "1st" AS ENUM ('z');
CREATE TYPE "Ünï cödé 🐘" AS ENUM ('ü');
CREATE DOMAIN "d*/ process.exit(8); /*" AS int4 CHECK (VALUE > 0);
CREATE TYPE "c*/ process.exit(9); /*" AS ("f*/ z" int4, "g
h" text);
CREATE SCHEMA "s*/ process.exit(7); /*";
CREATE TYPE "s*/ process.exit(7); /*"."e*/ y" AS ENUM ('q');
CREATE TABLE ${TABLE} (
  id int4 PRIMARY KEY,
  "col*/ process.exit(11); /*" int4 NOT NULL,
  "quote""s'" text,
  "back\\slash" text,
  "\${process.exit(12)}" text,
  "\`tick\`" text,
  "new
line" text,
  U&"ls\\2028ps\\2029" text,
  "class" text,
  "1digit" text,
  "__proto__" text,
  "constructor" text,
  "toString" text,
  e ${ENUM},
  e2 "enum
process.exit(7)",
  e3 "class",
  e4 "1st",
  e5 "Ünï cödé 🐘",
  e6 "s*/ process.exit(7); /*"."e*/ y",
  dm "d*/ process.exit(8); /*",
  cm "c*/ process.exit(9); /*",
  arr ${ENUM}[],
  js jsonb
);
`;

/** Everything here must be escaped and must work: prepare exits 0. */
const ACCEPTED_QUERIES = `-- name: SelectAll :many
SELECT * FROM ${TABLE};

-- name: Foo :many
SELECT 1 AS x;

-- name: FooSql :many
SELECT 1 AS x;

-- name: FooShape :many
SELECT 1 AS x, 'a' AS "snake_case";

-- name: FooRows :many
SELECT 1 AS x;

-- name: FooParams :many
SELECT 1 AS x;

-- name: FooRow :many
SELECT 1 AS x;

-- name: Class :many
SELECT e3 FROM ${TABLE};

-- name: Undefined :maybe
SELECT e4 FROM ${TABLE} WHERE id = :id;

-- name: Constructor :maybe
SELECT "constructor", "toString", "__proto__" FROM ${TABLE} WHERE id = :id;

-- name: InsertHostile :exec
INSERT INTO ${TABLE} (id, "col*/ process.exit(11); /*", "new
line", e, arr, js) VALUES (:id!, :col!, :nl, :e, :arr, :js);

-- name: InsertInferredNames :exec
INSERT INTO ${TABLE} (id, "col*/ process.exit(11); /*", "quote""s'", "back\\slash", "\${process.exit(12)}", "__proto__") VALUES ($1, $2, $3, $4, $5, $6);

-- name: UpdateHostile :execrows
UPDATE ${TABLE} SET "\`tick\`" = $1, U&"ls\\2028ps\\2029" = $2, "class" = $3 WHERE "1digit" = $4 AND "toString" = $5;

-- name: ByList :many
SELECT id, e, e6, dm, cm FROM ${TABLE} WHERE id IN :ids[] AND e = ANY(:es);

-- name: Overridden :one
SELECT 1 AS "x: 'a*/ b' | 'c;d}' | 'e\`f'", 2 AS "y!: readonly [a: string, b?: number]", 3 AS "z?: { k: (v: string) => void }";
`;

const HOSTILE_FILES: Record<string, string> = {
  'queries/x*/ process.exit(1).sql': 'SELECT 1 AS one',
  'queries/new\nprocess.exit(2).sql': 'SELECT 1 AS one',
  'queries/ls\u2028process.exit(3).sql': 'SELECT 1 AS one',
  "queries/q'uote.sql": 'SELECT 1 AS one',
  'queries/${process.exit(4)}.sql': 'SELECT 1 AS one',
  'queries/`tick`.sql': 'SELECT 1 AS one',
  'queries/1 leading digit.sql': 'SELECT 1 AS one',
  'queries/class.sql': 'SELECT 1 AS one',
};

interface Rejected {
  what: string;
  files: Record<string, string>;
  /** Text stderr must contain. */
  says: string[];
  exit: number;
}

const REJECTED: Rejected[] = [
  {
    what: 'two queries whose functions share a name (Delete → deleteQuery)',
    files: { 'queries/q.sql': '-- name: Delete :exec\nDELETE FROM pg_temp.nothing_here_1;\n\n-- name: DeleteQuery :many\nSELECT 1 AS x;\n'.replace('DELETE FROM pg_temp.nothing_here_1', 'SELECT 1') },
    says: ['queries/q.sql:5:1: error: DeleteQuery: its function deleteQuery clashes with the function of query Delete (queries/q.sql:2)'],
    exit: 1,
  },
  {
    what: 'a query named after a runtime helper',
    files: { 'queries/q.sql': '-- name: QueryMany :many\nSELECT 1 AS x;\n' },
    says: ["queries/q.sql:2:1: error: QueryMany: its function queryMany clashes with sqlsure's runtime helper queryMany"],
    exit: 1,
  },
  {
    what: 'an override that breaks out of the interface',
    files: { 'queries/q.sql': '-- name: Evil :one\nSELECT 1 AS "x: string; }; process.exit(7); interface Z {";\n' },
    says: ['queries/q.sql:2:23: error: Evil: the type override of "x" is not a single TypeScript type: `;` is not allowed in a type override'],
    exit: 1,
  },
  {
    what: 'an override with a line break',
    files: { 'queries/q.sql': '-- name: Evil :one\nSELECT 1 AS "x: string\nprocess.exit(7)";\n' },
    says: ['queries/q.sql:2:23: error: Evil: the type override of "x" is not a single TypeScript type: a line break is not allowed in a type override'],
    exit: 1,
  },
  {
    what: 'an override with a backtick',
    files: { 'queries/q.sql': '-- name: Evil :one\nSELECT 1 AS "x: `${process.exit(7)}`";\n' },
    says: ['the type override of "x" is not a single TypeScript type: a backtick is not allowed in a type override'],
    exit: 1,
  },
  {
    what: 'an override with unbalanced brackets',
    files: { 'queries/q.sql': '-- name: Evil :one\nSELECT 1 AS "x: Array<{ a: string }";\n' },
    says: ['the type override of "x" is not a single TypeScript type: expected `>` at the end of the type'],
    exit: 1,
  },
  {
    what: 'a configured type that is not one type',
    files: { 'queries/q.sql': '-- name: Get :one\nSELECT 1 AS x;\n', 'sqlsure.config.json': JSON.stringify({ types: { int4: 'number }; process.exit(7); interface Z {' } }) },
    says: ['"types" → "int4"', 'is not a single TypeScript type'],
    exit: 2,
  },
  {
    what: 'a configured import that clashes with a generated type',
    files: {
      'queries/q.sql': "-- name: Get :one\nSELECT '{}'::jsonb AS j;\n",
      'sqlsure.config.json': JSON.stringify({ types: { jsonb: 'GetRow' }, imports: { GetRow: './types.js' } }),
    },
    says: ['the type GetRow imported by the configuration ("imports") clashes with the type of query Get (queries/q.sql:2)'],
    exit: 1,
  },
];

/** Names that clash with a runtime helper today may not tomorrow: only the rule itself is asserted. */
const EITHER_WAY: Record<string, string> = {
  'queries/either.sql': ['EncodeJson', 'EncodeArray', 'TextArray', 'ArrayOf', 'ExpandRows', 'Transaction', 'Interval', 'JsonValue', 'Queryable', 'RowShape']
    .map((n) => `-- name: ${n} :many\nSELECT '{}'::jsonb AS j, '1 day'::interval AS i, :p::jsonb AS p;\n`)
    .join('\n'),
};

const reachable = await serverReachable();

describe.skipIf(!reachable)('adversarial corpus: prepare exits non-zero or writes code that compiles', () => {
  let db: TestDatabase;
  const dirs: string[] = [];
  const project = async (files: Record<string, string>): Promise<string> => {
    const dir = await makeProject({ 'migrations/0001_hostile.sql': MIGRATION, ...files });
    dirs.push(dir);
    return dir;
  };
  const prepare = (dir: string): Promise<CliRun> => runCli(['prepare', '--database-url', db.url], { cwd: dir });
  const generatedModules = async (dir: string): Promise<Record<string, string>> =>
    Object.fromEntries(Object.entries(await snapshotTree(dir)).filter(([f]) => f.startsWith('generated/')));
  const expectClearError = (r: CliRun): void => {
    expect(r.stderr).not.toMatch(/TypeError|ReferenceError|SyntaxError|\n\s+at /);
  };

  beforeAll(async () => {
    db = await createTestDatabase('sqlsure_adversarial');
    await runSql(db.url, MIGRATION);
  });
  afterAll(async () => {
    await Promise.all(dirs.map((d) => removeProject(d)));
    await db?.drop();
  });

  it('hostile catalog names, file names and query names: prepare succeeds, the code compiles and imports cleanly, check passes', async () => {
    const dir = await project({ 'queries/hostile.sql': ACCEPTED_QUERIES, ...HOSTILE_FILES, 'sqlsure.config.json': JSON.stringify({ camelCase: true }) });
    const r = await prepare(dir);
    expect(r.stderr).toContain('prepared 23 of 23 queries');
    expect(r.code, r.stderr).toBe(0);
    const modules = await generatedModules(dir);
    const expected = ['generated/hostile.ts', 'generated/_enums.ts', ...Object.keys(HOSTILE_FILES).map((f) => f.replace(/^queries/, 'generated').replace(/\.sql$/, '.ts'))];
    expect(Object.keys(modules)).toEqual(expect.arrayContaining(expected));
    expect(modules['generated/_enums.ts']).toContain('Labels of the PostgreSQL enum `t*\\/ process.exit(7); /*`');
    const verdict = await verifyGeneratedCode(modules);
    expect(verdict.diagnostics).toEqual([]);
    expect(verdict.importExit, verdict.importOutput).toBe(0);
    const checked = await runCli(['check'], { cwd: dir, nodeArgs: ['--import', path.join(REPO_ROOT, 'test/support/forbid-drivers.mjs')] });
    expect(checked.code, checked.stderr).toBe(0);
  });

  describe.each(REJECTED)('$what', ({ files, says, exit }) => {
    it(`prepare exits non-zero and says where and why`, async () => {
      const dir = await project(files);
      const r = await prepare(dir);
      expect(r.code, r.stderr).toBe(exit);
      for (const text of says) expect(r.stderr).toContain(text);
      expectClearError(r);
      // Whatever was written anyway must still compile.
      const modules = await generatedModules(dir);
      if (Object.keys(modules).length > 0) expect((await verifyGeneratedCode(modules)).diagnostics).toEqual([]);
    });
  });

  it('query names next to runtime names: an error, or code that compiles', async () => {
    const dir = await project(EITHER_WAY);
    const r = await prepare(dir);
    expectClearError(r);
    if (r.code === 0) {
      const verdict = await verifyGeneratedCode(await generatedModules(dir));
      expect(verdict.diagnostics).toEqual([]);
      expect(verdict.importExit, verdict.importOutput).toBe(0);
    } else {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/clashes with sqlsure's runtime/);
    }
  });
});
