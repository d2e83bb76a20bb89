/**
 * A prepare in which queries fail loses nothing: what failing queries last produced (their cache
 * entries, their functions, the user types they use) stays; schema.json does not vouch for
 * migrations the failed run could not prepare against; one failing query does not keep the others
 * in its file out of the module; and a database that is not migrated is said to be so once.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { prepare } from '../../src/prepare/prepare.js';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, runCli, snapshotTree } from '../support/project-dir.js';

const INIT = `
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, mood mood NOT NULL DEFAULT 'happy');
`;
const PEOPLE = `-- name: ListPeople :many
SELECT id, name FROM people;

-- name: GetMood :maybe
SELECT mood FROM people WHERE id = :id!;
`;
const OTHER = `-- name: CountPeople :one
SELECT count(*) AS "n!" FROM people;
`;

const reachable = await serverReachable();

describe.skipIf(!reachable)('failures lose nothing', () => {
  let migrated: TestDatabase;
  const cleanup: Array<() => Promise<void>> = [];
  const project = async (files: Record<string, string> = {}) => {
    const dir = await makeProject({ 'migrations/0001_init.sql': INIT, 'queries/people.sql': PEOPLE, 'queries/other.sql': OTHER, ...files });
    cleanup.push(() => removeProject(dir));
    return dir;
  };
  const database = async (sql?: string) => {
    const db = await createTestDatabase('sqlsure_fail');
    cleanup.push(() => db.drop());
    if (sql) await runSql(db.url, sql);
    return db;
  };
  beforeAll(async () => {
    migrated = await database(INIT);
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('against a database without the schema: every output is left as it was, and one line says why', async () => {
    const dir = await project();
    expect((await prepare({ root: dir, databaseUrl: migrated.url })).problems).toEqual([]);
    const before = await snapshotTree(dir);
    expect(before['generated/_enums.ts']).toContain('mood');
    const empty = await database();
    const r = await runCli(['prepare', '--database-url', empty.url], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('0 of 1 migration applied to this database; run `sqlsure migrate run`');
    expect(r.stderr).not.toContain('42P01');
    expect(r.stderr.match(/0 of 1 migration applied/g)).toHaveLength(1);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('a database behind the migrations folder is diagnosed the same way', async () => {
    const dir = await project({ 'migrations/0002_pets.sql': 'CREATE TABLE pets (id int PRIMARY KEY, name text NOT NULL);\n', 'queries/pets.sql': '-- name: ListPets :many\nSELECT id, name FROM pets;\n' });
    const behind = await database();
    // Applied by sqlsure's own runner, which records what it applied.
    const first = await runCli(['migrate', 'run', '--database-url', behind.url, '--target-version', '1'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const r = await runCli(['prepare', '--database-url', behind.url], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 of 2 migrations applied to this database; run `sqlsure migrate run`');
    expect(r.stderr).not.toContain('42P01');
    // The queries that do not depend on the missing migration prepared.
    expect(await readFile(path.join(dir, 'generated/people.ts'), 'utf8')).toContain('listPeople');
  });

  it('the embedded database is never called unmigrated: its errors are the queries\' own', async () => {
    const dir = await project({ 'queries/other.sql': '-- name: CountPets :one\nSELECT count(*) AS "n!" FROM pets;\n', 'queries/people.sql': '-- name: ListPets :many\nSELECT id FROM pets;\n' });
    const localCache = await makeProject();
    cleanup.push(() => removeProject(localCache));
    const r = await runCli(['prepare'], { cwd: dir, env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: localCache } });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('migrations applied');
    expect(r.stderr.match(/error \[42P01\]/g)).toHaveLength(2);
  });

  it('keeps the entry, the function and the enum of a query that fails now', async () => {
    const dir = await project();
    expect((await prepare({ root: dir, databaseUrl: migrated.url })).problems).toEqual([]);
    const before = await snapshotTree(dir);
    const renamed = await database(`${INIT}ALTER TABLE people RENAME COLUMN mood TO feeling;\nALTER TABLE people ADD COLUMN nick text;\n`);
    // ListPeople changes too, so its module must be refreshed while GetMood keeps its old function.
    await writeFile(path.join(dir, 'queries/people.sql'), PEOPLE.replace('SELECT id, name FROM people;', 'SELECT id, name, nick FROM people;'));
    const r = await prepare({ root: dir, databaseUrl: renamed.url });
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringContaining('GetMood: column "mood" does not exist')]);
    const after = await snapshotTree(dir);
    expect(after['generated/_enums.ts']).toBe(before['generated/_enums.ts']);
    expect(after['offline-cache/schema.json']).toBe(before['offline-cache/schema.json']);
    const people = after['generated/people.ts']!;
    expect(people).toContain('export async function getMood(');
    expect(people).toContain('nick: string | null;');
    // Not vouched for: once the migrations change, check fails until a prepare completes.
    await writeFile(path.join(dir, 'migrations/0002_rename.sql'), 'ALTER TABLE people RENAME COLUMN mood TO feeling;\nALTER TABLE people ADD COLUMN nick text;\n');
    const again = await prepare({ root: dir, databaseUrl: renamed.url });
    expect(again.problems).toHaveLength(1);
    expect(JSON.parse((await snapshotTree(dir))['offline-cache/schema.json']!).schemaHash).toBe(JSON.parse(before['offline-cache/schema.json']!).schemaHash);
    const checked = await check({ root: dir });
    expect(checked.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('the migrations changed since the cache was prepared'));
    // Fixed: everything is current, and the stale entry is gone.
    await writeFile(path.join(dir, 'queries/people.sql'), PEOPLE.replace('SELECT id, name FROM people;', 'SELECT id, name, nick FROM people;').replace('SELECT mood', 'SELECT feeling'));
    const fixed = await prepare({ root: dir, databaseUrl: renamed.url });
    expect(fixed.problems).toEqual([]);
    expect((await check({ root: dir })).problems).toEqual([]);
  });

  it('generates every query that prepared on the first prepare of a file where one fails', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 158; i++) {
      lines.push(`-- name: Q${i} :many`, i === 77 ? 'SELECT 1 FROM people;' : `SELECT id AS c${i} FROM people;`, '');
    }
    const dir = await project({ 'queries/many.sql': lines.join('\n') });
    const r = await runCli(['prepare', '--database-url', migrated.url], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/queries\/many\.sql:233:\d+: error: Q77: result column 1 has no name/);
    expect(r.stderr).toContain('prepared 160 of 161 queries, 1 error');
    const module = await readFile(path.join(dir, 'generated/many.ts'), 'utf8');
    expect(module.match(/^export async function q\d+\(/gm)).toHaveLength(157);
    expect(module).not.toContain('function q77(');
    const c = await runCli(['check'], { cwd: dir });
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('query Q77 has no cache entry for its current SQL');
    await rm(path.join(dir, 'queries/many.sql'));
  });
});
