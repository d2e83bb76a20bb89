/**
 * `sqlsure check` exit codes, through the built CLI: 0 on a project just prepared, 1 once the
 * migrations change without a new prepare. (The in-process cases are in offline-check.test.ts.)
 */
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepare } from '../../src/prepare/prepare.js';
import { createTestDatabase, runSql, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, runCli } from '../support/project-dir.js';
import { INIT_MIGRATION, PROJECT_FILES } from './check-project.js';

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase('sqlsure_check_cli');
  await runSql(db.url, INIT_MIGRATION);
  dir = await makeProject(PROJECT_FILES);
  expect((await prepare({ root: dir, databaseUrl: db.url, force: true })).problems).toEqual([]);
});

afterAll(async () => {
  await removeProject(dir);
  await db?.drop();
});

describe('sqlsure check exit codes', () => {
  it('0 when prepared, 1 when the migrations changed and prepare was not run', async () => {
    const ok = await runCli(['check'], { cwd: dir, env: { DATABASE_URL: undefined } });
    expect(ok.stderr).toContain('check passed: 3 queries');
    expect(ok.code).toBe(0);

    await appendFile(path.join(dir, 'migrations/0001_init.sql'), 'ALTER TABLE people ALTER COLUMN nickname SET NOT NULL;\n');
    const stale = await runCli(['check'], { cwd: dir, env: { DATABASE_URL: undefined } });
    expect(stale.stderr).toMatch(/migrations:1:1: error: the migrations changed since the cache was prepared/);
    expect(stale.stderr).toMatch(/check failed: \d+ problems?/);
    expect(stale.code).toBe(1);
  });
});
