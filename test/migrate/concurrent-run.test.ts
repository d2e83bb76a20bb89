/** Two `migrate run` processes on one database: the advisory lock makes each migration apply exactly once. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, runCli, type CliRun } from '../support/project-dir.js';

const reachable = await serverReachable();

// Every file fails if it runs twice: CREATE TABLE without IF NOT EXISTS, a unique log entry.
const MIGRATIONS = {
  'migrations/1_log.sql': 'CREATE TABLE applied_log (name text PRIMARY KEY);\nINSERT INTO applied_log VALUES (\'1\');\nSELECT pg_sleep(0.5);',
  'migrations/2_a.sql': "CREATE TABLE a (id int);\nINSERT INTO applied_log VALUES ('2');\nSELECT pg_sleep(0.3);",
  'migrations/3_b.sql': "-- no-transaction\nCREATE TABLE b (id int);\nCREATE INDEX CONCURRENTLY b_id ON b (id);\nINSERT INTO applied_log VALUES ('3');",
  'migrations/4_c.sql': "CREATE TABLE c (id int);\nINSERT INTO applied_log VALUES ('4');",
};

describe.skipIf(!reachable)('concurrent migrate run', () => {
  let db: TestDatabase;
  let dir: string;
  let client: pg.Client;
  const count = async (text: string) => Number((await client.query(text)).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase('sqlsure_migrate_lock');
    dir = await makeProject(MIGRATIONS);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await removeProject(dir);
    await db?.drop();
  });

  it('applies every migration exactly once when two processes race', async () => {
    const run = () => runCli(['migrate', 'run', '--database-url', db.url], { cwd: dir });
    const [first, second] = await Promise.all([run(), run()]);
    expect([first.code, second.code], `${first.stderr}\n---\n${second.stderr}`).toEqual([0, 0]);
    const applied = [first, second].map((r) => r.stderr.match(/^applied \d+ \(/gm)?.length ?? 0);
    expect(applied.sort()).toEqual([0, 4]);
    expect([first.stderr, second.stderr].some((s) => s.includes('nothing to apply'))).toBe(true);
    expect(await count('SELECT count(*) AS n FROM _sqlsure_migrations WHERE success')).toBe(4);
    expect((await client.query('SELECT name FROM applied_log ORDER BY name')).rows.map((r) => r.name)).toEqual(['1', '2', '3', '4']);
  });

  it('waits while another session holds the lock, and reads the history only once it has it', async () => {
    await client.query("SELECT pg_advisory_lock(hashtextextended('sqlsure migrate ' || current_database(), 0))");
    const extra = await makeProject({ ...MIGRATIONS, 'migrations/5_d.sql': "CREATE TABLE d ();\nINSERT INTO applied_log VALUES ('5');" });
    try {
      const pending = runCli(['migrate', 'run', '--database-url', db.url], { cwd: extra });
      // Until another session has tried the lock we hold (not a fixed sleep: a busy machine may
      // take longer than any guess to start the CLI, which would then never have to wait).
      const tried = () =>
        count("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_try_advisory_lock%'");
      let ended: CliRun | undefined;
      void pending.then((r) => (ended = r));
      for (let tries = 0; (await tried()) === 0; tries++) {
        if (ended) throw new Error(`the CLI ended without trying the lock (exit ${ended.code}):\n${ended.stderr}`);
        expect(tries, 'the CLI never tried to take the advisory lock').toBeLessThan(800);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await count("SELECT count(*) AS n FROM applied_log WHERE name = '5'")).toBe(0);
      await client.query("SELECT pg_advisory_unlock(hashtextextended('sqlsure migrate ' || current_database(), 0))");
      const r = await pending;
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('another migration run holds the lock on this database; waiting');
      expect(r.stderr).toMatch(/applied 5 \(d\)/);
      expect(await count('SELECT count(*) AS n FROM applied_log')).toBe(5);
      // Released at the end: the lock is free again.
      expect((await client.query("SELECT pg_try_advisory_lock(hashtextextended('sqlsure migrate ' || current_database(), 0)) AS ok")).rows[0].ok).toBe(true);
    } finally {
      await removeProject(extra);
    }
  });
});
