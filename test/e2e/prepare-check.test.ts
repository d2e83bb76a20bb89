/**
 * `sqlsure prepare --check`: describes every query against the server and compares with the
 * committed cache and modules, writing nothing (no cache, no modules, no local state). Clean,
 * drifted (an out-of-band ALTER TABLE), broken, and a query with no entry yet.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runSqlFiles, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, runCli, snapshotTree } from '../support/project-dir.js';

const reachable = await serverReachable();

const MIGRATION = `CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nickname text);\n`;
const QUERIES = `-- name: GetPerson :one
SELECT id, name, nickname FROM people WHERE id = :id!;

-- name: CountPeople :one
SELECT count(*) AS "total!" FROM people;
`;

describe.skipIf(!reachable)('sqlsure prepare --check', () => {
  let db: TestDatabase;
  let dir: string;
  const sql = async (text: string) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  const checkOnline = () => runCli(['prepare', '--check', '--database-url', db.url], { cwd: dir });

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await makeProject({ 'migrations/0001_init.sql': MIGRATION, 'queries/people.sql': QUERIES });
    // A node_modules folder: where prepare keeps its local state, so a write there would show.
    await mkdir(path.join(dir, 'node_modules'));
    await runSqlFiles(db.url, path.join(dir, 'migrations'));
    const prepared = await runCli(['prepare', '--database-url', db.url], { cwd: dir });
    expect(prepared.code, prepared.stderr).toBe(0);
  });
  afterAll(async () => {
    if (dir) await removeProject(dir);
    await db?.drop();
  });

  it('clean: exit 0, nothing written', async () => {
    const before = await snapshotTree(dir);
    const r = await checkOnline();
    expect(r.stderr).toMatch(/prepare --check passed: 2 queries match/);
    expect(r.code).toBe(0);
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('drifted: a changed type and nullability are listed, exit 1, nothing written', async () => {
    await sql('ALTER TABLE people ALTER COLUMN name DROP NOT NULL; ALTER TABLE people ALTER COLUMN id TYPE bigint');
    try {
      const before = await snapshotTree(dir);
      const r = await checkOnline();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/GetPerson: column "id" type int4 → int8/);
      expect(r.stderr).toMatch(/GetPerson: column "name" nullable: no → yes/);
      expect(r.stderr).toMatch(/GetPerson: parameter "id" type int4 → int8/);
      expect(r.stderr).not.toMatch(/CountPeople/);
      expect(r.stderr).toMatch(/generated\/people\.ts/);
      expect(await snapshotTree(dir)).toEqual(before);
    } finally {
      await sql('ALTER TABLE people ALTER COLUMN name SET NOT NULL; ALTER TABLE people ALTER COLUMN id TYPE int');
    }
  });

  it('broken: a query that no longer prepares is reported with its SQLSTATE, exit 1, nothing written', async () => {
    await sql('ALTER TABLE people DROP COLUMN nickname');
    try {
      const before = await snapshotTree(dir);
      const r = await checkOnline();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/queries\/people\.sql:2:\d+/);
      expect(r.stderr).toMatch(/column "nickname" does not exist/);
      expect(await snapshotTree(dir)).toEqual(before);
    } finally {
      await sql('ALTER TABLE people ADD COLUMN nickname text');
    }
  });

  it('a query without a committed entry is listed as missing', async () => {
    await appendFile(path.join(dir, 'queries/people.sql'), '\n-- name: Names :many\nSELECT name FROM people;\n');
    const before = await snapshotTree(dir);
    const r = await checkOnline();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Names: no entry in the committed cache/);
    expect(await snapshotTree(dir)).toEqual(before);
  });
});
