/**
 * The offline cache is verified, not trusted: `check` and `generate` re-derive from the query
 * sources what an entry must say (name, sql, statement, cardinality, overrides), validate every
 * field's shape, and report a damaged `query-*.json` or `schema.json` by file and field — never a
 * raw JS error, never generated code from an edited entry.
 */
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { generate } from '../../src/codegen/generate.js';
import { prepare } from '../../src/prepare/prepare.js';
import type { SourceProblem } from '../../src/source/query-source.js';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, REPO_ROOT, removeProject, runCli, snapshotTree } from '../support/project-dir.js';

const MIGRATION = `
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, mood mood NOT NULL DEFAULT 'happy', meta jsonb);
CREATE TABLE posts (id int PRIMARY KEY, tags text[] NOT NULL);
`;

const QUERIES = `-- name: GetPerson :one
SELECT id, name, mood, meta AS "meta: { a: string }" FROM people WHERE id = :id!;

-- name: PeopleByIds :many
SELECT id FROM people WHERE id IN :ids[];

-- name: InsertPosts :exec
INSERT INTO posts (id, tags) VALUES :rows;

-- name: SetMeta :exec
UPDATE people SET meta = :meta? WHERE id = :id!;
`;

const reachable = await serverReachable();

describe.skipIf(!reachable)('a damaged or edited offline cache', () => {
  let db: TestDatabase;
  let pristine: string;
  const copies: string[] = [];
  /** File name of each query's entry in the prepared project. */
  const entryOf = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase('sqlsure_verified');
    await runSql(db.url, MIGRATION);
    pristine = await makeProject({ 'migrations/0001_init.sql': MIGRATION, 'queries/people.sql': QUERIES });
    const prepared = await prepare({ root: pristine, databaseUrl: db.url });
    expect(prepared.problems).toEqual([]);
    for (const name of await readdir(path.join(pristine, 'offline-cache'))) {
      if (!name.startsWith('query-')) continue;
      const entry = JSON.parse(await readFile(path.join(pristine, 'offline-cache', name), 'utf8')) as { name: string };
      entryOf.set(entry.name, name);
    }
    expect([...entryOf.keys()].sort()).toEqual(['GetPerson', 'InsertPosts', 'PeopleByIds', 'SetMeta']);
  });
  afterAll(async () => {
    await Promise.all([pristine, ...copies].map((d) => removeProject(d)));
    await db?.drop();
  });

  const copy = async (): Promise<string> => {
    const dir = await makeProject();
    copies.push(dir);
    await cp(pristine, dir, { recursive: true });
    return dir;
  };
  const edit = async (dir: string, file: string, change: (text: string) => string): Promise<void> => {
    const full = path.join(dir, file);
    await writeFile(full, change(await readFile(full, 'utf8')));
  };
  const editJson = (change: (json: Record<string, any>) => void) => (text: string): string => {
    const json = JSON.parse(text) as Record<string, any>;
    change(json);
    return JSON.stringify(json, null, 2) + '\n';
  };
  const messages = (problems: SourceProblem[], file: string): string[] => problems.filter((p) => p.file === file).map((p) => p.message);

  it('a freshly prepared cache verifies, expansions and overrides included', async () => {
    const dir = await copy();
    const r = await check({ root: dir });
    expect(r.problems).toEqual([]);
    const entry = JSON.parse(await readFile(path.join(dir, 'offline-cache', entryOf.get('InsertPosts')!), 'utf8'));
    expect(entry.dynamic).toBeDefined();
  });

  const ENTRY_DAMAGE: Array<[string, string, (text: string) => string, string]> = [
    ['truncated', 'GetPerson', (t) => t.slice(0, t.length / 2), 'not valid JSON, so it was truncated or edited'],
    ['empty object', 'GetPerson', () => '{}\n', '"version" is missing; expected a whole number ≥ 0'],
    ['not an object', 'GetPerson', () => '[1, 2]\n', 'the file must be a JSON object'],
    ['a newer version', 'GetPerson', editJson((j) => (j.version = 99)), 'made by a newer sqlsure (cache version 99; this one reads 1); upgrade sqlsure'],
    ['an older version', 'GetPerson', editJson((j) => (j.version = 0)), 'made by an older sqlsure (cache version 0; this one reads 1); run `sqlsure prepare`'],
    ['missing params', 'GetPerson', editJson((j) => delete j.params), '"params" is missing; expected an array'],
    ['params of the wrong type', 'GetPerson', editJson((j) => (j.params = 'id')), '"params" must be an array'],
    ['a param field of the wrong type', 'GetPerson', editJson((j) => (j.params[0].nullable = 'no')), '"params"[0].nullable must be true or false'],
    ['a column without pgType', 'GetPerson', editJson((j) => delete j.columns[1].pgType), '"columns"[1].pgType is missing; expected a non-empty string'],
    ['an unknown cardinality', 'GetPerson', editJson((j) => (j.cardinality = 'all')), '"cardinality" must be one of "one", "maybe", "many", "exec", "execrows"'],
    ['a name holding code', 'GetPerson', editJson((j) => (j.name = 'x(); process.exit(7); function y')), '"name" must be an identifier (letters, digits, underscores; not starting with a digit)'],
    ['a hash for another file', 'GetPerson', editJson((j) => (j.hash = '0'.repeat(64))), `"hash" is ${'0'.repeat(64)}, but the file is named for another hash`],
    ['an optional flag of the wrong type', 'SetMeta', editJson((j) => (j.params[0].optional = 'yes')), '"params"[0].optional must be true or false'],
    ['a dynamic slot with a negative offset', 'InsertPosts', editJson((j) => (j.dynamic.start = -1)), '"dynamic".start must be a whole number ≥ 0'],
  ];

  const DISAGREEMENT: Array<[string, string, (text: string) => string, string]> = [
    ['an edited statement', 'GetPerson', editJson((j) => (j.statement = 'DELETE FROM people')), '"statement" is not the query\'s SQL as sent'],
    ['an edited sql', 'GetPerson', editJson((j) => (j.sql = 'SELECT 1')), '"sql" is not the query\'s SQL'],
    ['another valid name', 'GetPerson', editJson((j) => (j.name = 'Other')), '"name" is "Other", but the query is named GetPerson'],
    ['another cardinality', 'GetPerson', editJson((j) => (j.cardinality = 'many')), '"cardinality" is :many, but the query says :one'],
    ['a renamed parameter', 'GetPerson', editJson((j) => (j.params[0].name = 'other')), '"params"[0] should be :id, not "other"'],
    // An entry from before optional parameters were recorded: stale, and said so.
    ['no optional flag on a :param?', 'SetMeta', editJson((j) => delete j.params[0].optional), '"params"[0] (:meta) is not optional, but the query marks it with ? (an entry written by an sqlsure that did not record optional parameters yet)'],
    ['an optional flag the query does not write', 'GetPerson', editJson((j) => (j.params[0].optional = true)), '"params"[0] (:id) is optional, but the query does not mark it with ?'],
    ['an injected type override', 'GetPerson', editJson((j) => (j.columns[3].tsType = 'string; }; process.exit(7); interface Z {')), '"columns"[3].tsType is "string; }; process.exit(7); interface Z {", but the query says "{ a: string }"'],
    ['an added type override', 'GetPerson', editJson((j) => (j.columns[0].tsType = 'number')), '"columns"[0].tsType is "number", but the query says none'],
    ['a cast that injects SQL in a list expansion', 'PeopleByIds', editJson((j) => (j.statement = j.statement.replace('::int4[]', '::int4[]) OR true OR id = ANY($1::int4[]'))), '"statement" is not the query\'s SQL as sent'],
    ['a cast spelled as SQL in a rows expansion', 'InsertPosts', editJson((j) => (j.dynamic.casts[1] = 'text[]); DROP TABLE posts; --')), '"dynamic" does not match the query\'s rows expansion'],
    ['a statement with another cast type', 'PeopleByIds', editJson((j) => (j.statement = j.statement.replace('::int4[]', '::text[]'))), '"statement" is not the query\'s SQL as sent'],
  ];

  describe.each([...ENTRY_DAMAGE, ...DISAGREEMENT])('an entry with %s', (_, query, change, expected) => {
    it('fails check and generate naming the file and what is wrong, and writes nothing', async () => {
      const dir = await copy();
      const file = `offline-cache/${entryOf.get(query)!}`;
      await edit(dir, file, change);
      const before = await snapshotTree(dir);
      const checked = await check({ root: dir });
      const wrong = messages(checked.problems, file);
      expect(wrong.length).toBeGreaterThan(0);
      expect(wrong.join('\n')).toContain(expected);
      // The module made without that entry differs as a consequence: said once, by the entry.
      expect(checked.problems.filter((p) => p.file.startsWith('generated/'))).toEqual([]);
      const generated = await generate({ root: dir });
      expect(generated.modulesWritten).toEqual([]);
      expect(messages(generated.problems, file).join('\n')).toContain(expected);
      expect(await snapshotTree(dir)).toEqual(before);
    });
  });

  const SCHEMA_DAMAGE: Array<[string, (text: string) => string, string]> = [
    ['truncated', (t) => t.slice(0, 20), 'not valid JSON, so it was truncated or edited'],
    ['an empty object', () => '{}\n', '"version" is missing; expected a whole number ≥ 0'],
    ['a newer version', editJson((j) => (j.version = 99)), 'made by a newer sqlsure (cache version 99; this one reads 1); upgrade sqlsure'],
    ['enums of the wrong type', editJson((j) => (j.enums = ['mood'])), '"enums" must be a JSON object'],
    ['labels that are not strings', editJson((j) => (j.enums.mood = [1, 2])), '"enums"["mood"] must be an array of strings'],
    ['a domain without a base type', editJson((j) => (j.domains = { d: { notNull: true } })), '"domains"["d"].baseType is missing; expected a non-empty string'],
    ['no enums', editJson((j) => delete j.enums), '"enums" is missing; expected an object'],
  ];

  describe.each(SCHEMA_DAMAGE)('a schema.json that is %s', (_, change, expected) => {
    it('fails check and generate naming schema.json and what is wrong', async () => {
      const dir = await copy();
      await edit(dir, 'offline-cache/schema.json', change);
      const checked = await check({ root: dir });
      const [problem, ...more] = messages(checked.problems, 'offline-cache/schema.json');
      expect(more).toEqual([]);
      expect(problem).toContain(expected);
      const generated = await generate({ root: dir });
      expect(generated.modulesWritten).toEqual([]);
      expect(messages(generated.problems, 'offline-cache/schema.json')).toEqual([problem]);
    });
  });

  it('the CLI prints the file and the problem, no JS error, and exits 1', async () => {
    const dir = await copy();
    await edit(dir, `offline-cache/${entryOf.get('GetPerson')!}`, (t) => t.slice(0, 30));
    await edit(dir, 'offline-cache/schema.json', editJson((j) => (j.version = 99)));
    for (const command of ['check', 'generate']) {
      const r = await runCli([command], { cwd: dir, nodeArgs: ['--import', path.join(REPO_ROOT, 'test/support/forbid-drivers.mjs')] });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`offline-cache/${entryOf.get('GetPerson')!}:1:1: error: not valid JSON, so it was truncated or edited`);
      expect(r.stderr).toContain('offline-cache/schema.json:1:1: error: made by a newer sqlsure (cache version 99; this one reads 1); upgrade sqlsure');
      expect(r.stderr).not.toMatch(/TypeError|SyntaxError|\n\s+at /);
    }
  });

  it('an edited statement never reaches a generated module', async () => {
    const dir = await copy();
    await rm(path.join(dir, 'generated'), { recursive: true, force: true });
    await edit(dir, `offline-cache/${entryOf.get('GetPerson')!}`, editJson((j) => (j.statement = 'DELETE FROM people')));
    const r = await generate({ root: dir });
    expect(r.problems.length).toBeGreaterThan(0);
    expect(Object.keys(await snapshotTree(dir)).filter((f) => f.startsWith('generated/'))).toEqual([]);
  });
});
