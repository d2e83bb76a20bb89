/** The CLI end to end against a real server: prepare, check's staleness detection, exit codes. */
import { appendFile, cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, runSqlFiles, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, REPO_ROOT, runCli, snapshotTree, type CliRun } from '../support/project-dir.js';

const MIGRATION = `
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nickname text, mood mood NOT NULL DEFAULT 'happy');
CREATE TABLE pets (id int PRIMARY KEY, owner_id int REFERENCES people, name text NOT NULL);
`;

const QUERIES = `-- name: GetPerson :one
SELECT id, name, nickname, mood FROM people WHERE id = :id!;

-- name: PeopleWithPets :many
SELECT p.name, x.name AS pet_name FROM people p LEFT JOIN pets x ON x.owner_id = p.id;

-- name: Rename :execrows
UPDATE people SET name = :name! WHERE id = :id!;
`;

const OTHER = `-- name: CountPets :one
SELECT count(*) AS "total!" FROM pets;
`;

const reachable = await serverReachable();

describe.skipIf(!reachable)('sqlsure CLI against PostgreSQL', () => {
  let db: TestDatabase;
  /** The project as the first prepare left it; every test gets its own copy in `dir`. */
  let prepared: string;
  let first: CliRun;
  let dir: string;
  const prepare = (cwd = dir) => runCli(['prepare', '--database-url', db.url], { cwd });
  const check = (cwd = dir) => runCli(['check'], { cwd, nodeArgs: ['--import', path.join(REPO_ROOT, 'test/support/forbid-drivers.mjs')] });

  beforeAll(async () => {
    db = await createTestDatabase();
    prepared = await makeProject({ 'migrations/0001_init.sql': MIGRATION, 'queries/people.sql': QUERIES, 'queries/more/pets.sql': OTHER });
    await runSqlFiles(db.url, path.join(prepared, 'migrations'));
    first = await prepare(prepared);
  });
  afterAll(async () => {
    await removeProject(prepared);
    await db?.drop();
  });
  // A copy per test: what one test edits (and whether it restores it) cannot affect another.
  beforeEach(async () => {
    dir = await makeProject();
    await cp(prepared, dir, { recursive: true });
  });
  afterEach(() => removeProject(dir));

  it('prepares, then checks offline without loading a driver', async () => {
    expect(first.stderr).toContain('prepared 4 of 4 queries');
    expect(first.code).toBe(0);
    const files = await snapshotTree(dir);
    // 4 entries, schema.json and migrations.json (the split statements of generated/_migrations.ts)
    expect(Object.keys(files).filter((f) => f.startsWith('offline-cache/'))).toHaveLength(6);
    expect(files['generated/_migrations.ts']).toContain('export const migrations: readonly EmbeddedMigration[] = [');
    expect(files['generated/people.ts']).toContain('export async function getPerson(db: Queryable, params: GetPersonParams): Promise<GetPersonRow>');
    expect(files['generated/more/pets.ts']).toContain('total: string;');
    const ok = await check();
    expect(ok.stderr).toContain('check passed');
    expect(ok.code).toBe(0);
  });

  it('leaves identical bytes when prepare runs twice', async () => {
    const before = await snapshotTree(dir);
    const again = await prepare();
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('(no changes)');
    expect(await snapshotTree(dir)).toEqual(before);
  });

  describe('check fails with file:line and the command that fixes it after', () => {
    const expectStale = async (pattern: RegExp, fix = 'prepare') => {
      const r = await check();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).toContain(`run \`sqlsure ${fix}\``);
      return r;
    };
    const restore = async () => {
      expect((await prepare()).code).toBe(0);
      expect((await check()).code).toBe(0);
    };

    it('editing a query', async () => {
      const file = path.join(dir, 'queries/people.sql');
      await writeFile(file, QUERIES.replace('WHERE id = :id!;', 'WHERE id = :id! AND true;'));
      // One mistake, one problem: the old entry and the module it made are its consequences.
      const r = await expectStale(/queries\/people\.sql:2:1: error: query GetPerson has no cache entry for its current SQL: it changed since the last prepare \(its old entry is offline-cache\/query-[0-9a-f]{64}\.json\)/);
      expect(r.stderr).toContain('check failed: 1 problem');
      await writeFile(file, QUERIES);
      expect((await check()).code).toBe(0);
    });

    it('moving a query within its file', async () => {
      const file = path.join(dir, 'queries/people.sql');
      await writeFile(file, '\n' + QUERIES);
      await expectStale(/queries\/people\.sql:3:1: error: query GetPerson moved \(cache says queries\/people\.sql:2\)/);
      await writeFile(file, QUERIES);
    });

    it('hand-editing a generated file', async () => {
      const file = path.join(dir, 'generated/people.ts');
      const original = await readFile(file, 'utf8');
      await writeFile(file, original.replace('nickname: string | null;', 'nickname: string;'));
      await expectStale(/generated\/people\.ts:\d+:\d+: error: generated module differs/, 'generate');
      await restore();
    });

    it('deleting a generated file', async () => {
      await rm(path.join(dir, 'generated/more/pets.ts'));
      await expectStale(/generated\/more\/pets\.ts:1:1: error: generated module is missing/, 'generate');
      await restore();
    });

    it('deleting a cache file', async () => {
      const cache = path.join(dir, 'offline-cache');
      const victim = (await readdir(cache)).find((f) => f.startsWith('query-'))!;
      await rm(path.join(cache, victim));
      await expectStale(/has no cache entry for its current SQL/);
      await restore();
    });

    it('adding an orphan cache entry', async () => {
      const cache = path.join(dir, 'offline-cache');
      const some = (await readdir(cache)).find((f) => f.startsWith('query-'))!;
      const orphan = `query-${'0'.repeat(64)}.json`;
      await writeFile(path.join(cache, orphan), await readFile(path.join(cache, some)));
      await expectStale(new RegExp(`offline-cache/${orphan}:1:1: error: orphaned cache entry`));
      const r = await prepare();
      expect(r.code).toBe(0);
      expect(await readdir(cache)).not.toContain(orphan);
    });

    it('editing a migration', async () => {
      const file = path.join(dir, 'migrations/0001_init.sql');
      await appendFile(file, '\n-- a comment\n');
      await expectStale(/migrations:1:1: error: the migrations changed since the cache was prepared/);
      await writeFile(file, MIGRATION);
      expect((await check()).code).toBe(0);
    });

    it('leaving an extra generated module behind', async () => {
      await writeFile(path.join(dir, 'generated/gone.ts'), '// Generated by sqlsure from queries/gone.sql. Do not edit: change the SQL and run `sqlsure prepare`.\nexport {};\n');
      await expectStale(/generated\/gone\.ts:1:1: error: generated module has no query file any more/, 'generate');
      await restore();
    });
  });

  it('does not treat CRLF migrations as a schema change', async () => {
    const file = path.join(dir, 'migrations/0001_init.sql');
    await writeFile(file, MIGRATION.replace(/\n/g, '\r\n'));
    expect((await check()).code).toBe(0);
    await writeFile(file, MIGRATION);
  });

  it('reports a broken query with file:line:col and SQLSTATE, and still caches the others', async () => {
    const project = await makeProject({
      'queries/mixed.sql': [
        '-- name: Good :many',
        'SELECT id FROM people;',
        '',
        '-- name: UnknownColumn :many',
        'SELECT id, nmae FROM people WHERE id = :id;',
        '',
        '-- name: SyntaxError :many',
        'SELECT id FROM people WHERE;',
        '',
        '-- name: AlsoGood :one',
        'SELECT count(*) AS n FROM pets;',
        '',
      ].join('\n'),
    });
    try {
      const r = await prepare(project);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/queries\/mixed\.sql:5:12: error \[42703\]: UnknownColumn: column "nmae" does not exist/);
      expect(r.stderr).toMatch(/hint: Perhaps you meant to reference the column "people\.name"/);
      expect(r.stderr).toMatch(/queries\/mixed\.sql:8:28: error \[42601\]: SyntaxError: syntax error at end of input/);
      expect(r.stderr).toContain('prepared 2 of 4 queries, 2 errors');
      const cached = (await readdir(path.join(project, 'offline-cache'))).filter((f) => f.startsWith('query-'));
      expect(cached).toHaveLength(2);
      // The queries that prepared are generated; the failing ones (never prepared) are left out.
      const module = await readFile(path.join(project, 'generated/mixed.ts'), 'utf8');
      expect(module).toContain('export async function good(');
      expect(module).toContain('export async function alsoGood(');
      expect(module).not.toContain('unknownColumn');
    } finally {
      await removeProject(project);
    }
  });

  it('rejects unnamed and duplicate result columns with a hint to alias', async () => {
    const project = await makeProject({
      'queries/cols.sql': '-- name: Unnamed :many\nSELECT id, id + 1 FROM people;\n-- name: Dup :many\nSELECT p.id, x.id FROM people p JOIN pets x ON x.owner_id = p.id;\n',
    });
    try {
      const r = await prepare(project);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/queries\/cols\.sql:2:12: error: Unnamed: result column 2 has no name\n {2}hint: give the expression an alias/);
      expect(r.stderr).toMatch(/queries\/cols\.sql:4:14: error: Dup: duplicate result column name "id"\n {2}hint: alias one of them/);
    } finally {
      await removeProject(project);
    }
  });

  it('exits 3 with one line when the database is unreachable', async () => {
    const r = await runCli(['prepare', '--database-url', 'postgres://postgres@127.0.0.1:1/nope'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('cannot reach the database at postgres://postgres@127.0.0.1:1/nope (ECONNREFUSED)');
    const missing = await runCli(['prepare', '--database-url', db.url.replace(db.name, 'no_such_db_sqlsure')], { cwd: dir });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('does not exist');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on usage and configuration errors', async () => {
    expect((await runCli(['prepare', '--no-such-flag'], { cwd: dir })).code).toBe(2);
    expect((await runCli([], { cwd: dir })).code).toBe(2);
    const project = await makeProject({ 'sqlsure.config.json': '{"queries": "q", "bogus": 1}' });
    try {
      const r = await runCli(['check'], { cwd: project });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('unknown key "bogus"');
      const postgis = await makeProject({ 'migrations/1_gis.sql': 'CREATE EXTENSION postgis;\n', 'queries/a.sql': 'SELECT 1 AS one;\n' });
      try {
        const noServer = await runCli(['prepare'], { cwd: postgis, env: { DATABASE_URL: undefined } });
        expect(noServer.code).toBe(2);
        expect(noServer.stderr).toContain('does not ship the "postgis" extension');
        expect(noServer.stderr).toContain('set DATABASE_URL');
      } finally {
        await removeProject(postgis);
      }
    } finally {
      await removeProject(project);
    }
  });

  it('honours --root and the path flags', async () => {
    const project = await makeProject({ 'sql/a.sql': '-- name: A :many\nSELECT id FROM people;\n', 'db/migrations/.keep': '' });
    try {
      const args = ['--root', project, '--queries', 'sql', '--generated', 'src/db', '--cache', '.sqlsure', '--migrations', 'db/migrations'];
      const r = await runCli(['prepare', ...args, '--database-url', db.url], { cwd: REPO_ROOT });
      expect(r.code).toBe(0);
      const files = Object.keys(await snapshotTree(project)).sort();
      expect(files.filter((f) => !f.startsWith('.sqlsure/query-'))).toEqual(['.sqlsure/schema.json', 'db/migrations/.keep', 'sql/a.sql', 'src/db/a.ts']);
      expect((await runCli(['check', ...args], { cwd: REPO_ROOT })).code).toBe(0);
    } finally {
      await removeProject(project);
    }
  });
});
