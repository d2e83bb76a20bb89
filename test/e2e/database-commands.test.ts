/**
 * `sqlsure database create | drop | reset` on a scratch database of the real server. The name has
 * a quote, a space and capitals: it must be quoted as an identifier, never pasted into SQL.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { serverReachable, TEST_DATABASE_URL } from '../support/pg-test-database.js';
import { makeProject, removeProject, runCli } from '../support/project-dir.js';

const reachable = await serverReachable();

describe.skipIf(!reachable)('sqlsure database', () => {
  const name = `sqlsure Scratch "${randomBytes(4).toString('hex')}`;
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${encodeURIComponent(name)}`;
  const databaseUrl = url.toString();
  let project: string;

  const admin = async <T>(use: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    try {
      return await use(c);
    } finally {
      await c.end();
    }
  };
  const exists = () => admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  const run = (args: string[], env: NodeJS.ProcessEnv = { DATABASE_URL: databaseUrl }) => runCli(['database', ...args], { cwd: project, env });

  afterAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`));
    if (project) await removeProject(project);
  });

  it('create, create again, drop refused without a terminal, reset, drop --yes', async () => {
    project = await makeProject({ 'migrations/0001_init.sql': 'CREATE TABLE things (id int PRIMARY KEY);\n' });
    const created = await run(['create']);
    expect(created.stderr).toMatch(/created database "sqlsure Scratch \\"[0-9a-f]{8}"/);
    expect(created.code).toBe(0);
    expect(await exists()).toBe(true);

    const again = await run(['create']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already exists/);

    // stdin is not a terminal here: no one can confirm, so it refuses (usage error) and drops nothing.
    const refused = await run(['drop']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    expect(await exists()).toBe(true);

    // Something that only a real drop removes.
    const scratch = new pg.Client({ connectionString: databaseUrl });
    await scratch.connect();
    await scratch.query('CREATE TABLE leftover (x int)');
    await scratch.end();

    const reset = await run(['reset', '--yes']);
    expect(reset.stderr).toMatch(/dropped database/);
    expect(reset.stderr).toMatch(/applied 1 migration/);
    expect(reset.code).toBe(0);
    const tables = await (async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        return (await c.query(`SELECT relname FROM pg_class WHERE relname IN ('things', 'leftover') ORDER BY 1`)).rows.map((r) => r.relname);
      } finally {
        await c.end();
      }
    })();
    expect(tables).toEqual(['things']);

    const dropped = await run(['drop', '--yes']);
    expect(dropped.code).toBe(0);
    expect(await exists()).toBe(false);
    const droppedAgain = await run(['drop', '--yes']);
    expect(droppedAgain.code).toBe(0);
    expect(droppedAgain.stderr).toMatch(/does not exist/);
  }, 60_000);

  it('no database URL, a URL without a database name, a malformed URL: usage errors (exit 2)', async () => {
    project ??= await makeProject();
    const none = await run(['create'], { DATABASE_URL: undefined });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/DATABASE_URL/);
    const noName = await run(['create', '--database-url', 'postgres://postgres@127.0.0.1:5432']);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/names no database/);
    const malformed = await run(['create', '--database-url', 'mysql://x/y']);
    expect(malformed.code).toBe(2);
  });

  it('an unreachable server: exit 3', async () => {
    project ??= await makeProject();
    const r = await run(['create', '--database-url', 'postgres://postgres@127.0.0.1:1/nothing']);
    expect(r.code).toBe(3);
  });
});
