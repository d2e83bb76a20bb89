/**
 * A bookkeeping row with NULLs (a table edited by hand or by another tool) is reported by row —
 * version, description, which columns — instead of a raw `Buffer.from(null)` TypeError.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { pgliteConnection } from '../../src/migrator/pglite-connection.js';
import { MigrationsTable, MigrationTableError } from '../../src/migrator/migrations-table.js';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, runCli } from '../support/project-dir.js';

describe('a history row with NULLs (PGlite)', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('names the row and the NULL columns', async () => {
    const table = new MigrationsTable(pgliteConnection(db), '_sqlx_migrations');
    await table.ensure();
    await table.insert({ version: 1n, description: 'users', success: true, checksum: Buffer.alloc(48, 1), executionTimeNs: 5n });
    await table.insert({ version: 2n, description: 'create orders', success: true, checksum: Buffer.alloc(48, 2), executionTimeNs: 5n });
    expect((await table.rows()).map((r) => r.version)).toEqual([1n, 2n]);
    await db.exec('ALTER TABLE _sqlx_migrations ALTER checksum DROP NOT NULL, ALTER execution_time DROP NOT NULL; UPDATE _sqlx_migrations SET checksum = NULL WHERE version = 2;');
    const error = await table.rows().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MigrationTableError);
    expect((error as Error).message).toMatch(/^the migrations table _sqlx_migrations has a row sqlsure cannot read: version 2 \(create orders\) has NULL checksum\n  hint: fix the row by hand/);
    await db.exec('UPDATE _sqlx_migrations SET execution_time = NULL WHERE version = 2;');
    await expect(table.rows()).rejects.toThrow('version 2 (create orders) has NULL checksum, execution_time');
  });
});

const reachable = await serverReachable();

describe.skipIf(!reachable)('migrate commands on a server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlsure_nullrow');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('info and run exit 1 with the row named, not a TypeError', async () => {
    const root = await makeProject({ 'migrations/1_users.sql': 'CREATE TABLE users (id int);\n', 'migrations/2_orders.sql': 'CREATE TABLE orders (id int);\n' });
    const env = { DATABASE_URL: db.url };
    expect((await runCli(['migrate', 'run'], { cwd: root, env })).code).toBe(0);
    await runSql(db.url, 'ALTER TABLE _sqlsure_migrations ALTER checksum DROP NOT NULL; UPDATE _sqlsure_migrations SET checksum = NULL WHERE version = 1;');
    for (const command of ['info', 'run']) {
      const r = await runCli(['migrate', command], { cwd: root, env });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain('the migrations table _sqlsure_migrations has a row sqlsure cannot read: version 1 (users) has NULL checksum');
      expect(r.stderr).not.toMatch(/TypeError|Buffer/);
    }
  });
});
