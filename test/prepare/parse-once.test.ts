/**
 * prepare parses each query's statement with PostgreSQL's parser once: the syntax check that runs
 * before any database starts hands its parse trees on to inference (a first prepare of 2000
 * queries spent a third of its parsing time parsing every statement a second time).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject } from '../support/project-dir.js';

const parsed: string[] = [];
vi.mock('../../src/source/sql-scanner.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/source/sql-scanner.js')>();
  return {
    ...original,
    parseSql: (text: string) => {
      parsed.push(text);
      return original.parseSql(text);
    },
  };
});
const { prepare } = await import('../../src/prepare/prepare.js');

const MIGRATION = `CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nickname text);`;
const QUERIES = `-- name: GetPerson :one
SELECT id, name, nickname FROM people WHERE id = :id!;

-- name: Rename :execrows
UPDATE people SET name = :name! WHERE id = :id!;

-- name: Broken :many
SELECT id FROM people WHERE;

-- name: ByIds :many
SELECT id, name FROM people WHERE id IN (:ids);
`;

const reachable = await serverReachable();

describe.skipIf(!reachable)('parsing in prepare', () => {
  let db: TestDatabase;
  let dir: string;
  let localCache: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runSql(db.url, MIGRATION);
    dir = await makeProject({ 'migrations/0001_init.sql': MIGRATION, 'queries/people.sql': QUERIES });
    localCache = path.join(await makeProject(), 'cache');
    process.env.SQLSURE_CACHE_DIR = localCache;
  });
  afterAll(async () => {
    delete process.env.SQLSURE_CACHE_DIR;
    await removeProject(dir);
    await removeProject(path.dirname(localCache));
    await db?.drop();
  });

  it('parses each described statement once, and the broken one once (it is never described)', async () => {
    parsed.length = 0;
    const r = await prepare({ root: dir, databaseUrl: db.url, force: true });
    expect(r.described).toBe(3);
    expect(r.problems.map((p) => p.query)).toEqual(['Broken']);
    const times = new Map<string, number>();
    for (const text of parsed) times.set(text, (times.get(text) ?? 0) + 1);
    const statementsParsed = [...times].filter(([text]) => /people/.test(text));
    // GetPerson, Rename, Broken and the compiled IN (:ids) statement: each exactly once.
    expect(statementsParsed.length).toBeGreaterThanOrEqual(4);
    expect(statementsParsed.filter(([, n]) => n !== 1)).toEqual([]);
  });
});
