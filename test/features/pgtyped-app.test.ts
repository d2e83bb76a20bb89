/**
 * A pgtyped project switching to sqlsure (test/fixtures/pgtyped-app): its `/* @name *\/` files are
 * prepared as they are, then `check` passes offline, `tsc` accepts the application code, and the
 * generated functions run on PGlite.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPGlite } from '../support/fresh-pglite.js';
import { createTestDatabase, runSqlFiles, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { copyFixture, removeProject, runCli, runTsc, type CliRun } from '../support/project-dir.js';

const reachable = await serverReachable();

describe.skipIf(!reachable)('a pgtyped project, switched to sqlsure', () => {
  let project: string;
  let db: TestDatabase;
  let prepared: CliRun;

  // Prepared here, not in the first test: the second test imports the generated modules.
  beforeAll(async () => {
    project = await copyFixture('pgtyped-app');
    db = await createTestDatabase('sqlsure_pgtyped');
    await runSqlFiles(db.url, path.join(project, 'migrations'));
    prepared = await runCli(['prepare', '--database-url', db.url], { cwd: project });
  });
  afterAll(async () => {
    await removeProject(project);
    await db?.drop();
  });

  it('prepare → check → tsc', async () => {
    expect(prepared.stderr).toContain('prepared 8 of 8 queries');
    expect(prepared.code).toBe(0);
    const check = await runCli(['check'], { cwd: project });
    expect(check.code).toBe(0);
    const tsc = await runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('runs: bulk insert in a transaction, IN-lists (empty too), tuples, :one and :maybe', async () => {
    expect(prepared.code, prepared.stderr).toBe(0);
    const db = await freshPGlite();
    try {
      await db.exec(await readFile(path.join(project, 'migrations/20240101000000_init.sql'), 'utf8'));
      const app = await import(path.join(project, 'src/app.ts'));
      const ids: number[] = await app.signUp(db, ['ann@example.com', 'bob@example.com']);
      expect(ids).toEqual([1, 2]);
      await db.query(`UPDATE users SET first_name = 'Ann', age = 30 WHERE id = 1`);
      const summary: string = await app.profile(db, 1);
      expect(summary).toMatch(/^ann@example\.com \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z 2 1 - 0$/);
      await expect(app.profile(db, 99)).resolves.toBe('nobody');
    } finally {
      await db.close();
    }
  });
});
