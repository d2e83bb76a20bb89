/** The same runner over PGlite, as the embedded database uses it. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { freshPGlite } from '../support/fresh-pglite.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExtensions } from '../../src/migrate/find-extensions.js';
import { loadMigrations } from '../../src/migrate/load-migrations.js';
import { migrationInfo } from '../../src/migrate/migration-info.js';
import { pgliteConnection } from '../../src/migrate/pglite-connection.js';
import { revertMigrations } from '../../src/migrate/revert-migrations.js';
import { runMigrations } from '../../src/migrate/run-migrations.js';
import { makeProject, removeProject } from '../support/project-dir.js';

describe('runMigrations over PGlite', () => {
  let lite: PGlite;
  let root: string;
  let dir: string;
  const conn = () => pgliteConnection(lite);
  const write = (name: string, text: string) => writeFile(path.join(dir, name), text);

  beforeAll(async () => {
    lite = await freshPGlite(); // the only instance of this file: even from the initdb dump it takes a while
    root = await makeProject();
    dir = path.join(root, 'migrations');
    await mkdir(dir);
    await write('1_types.sql', "CREATE TYPE mood AS ENUM ('ok', 'meh');\nCREATE TABLE people (id int PRIMARY KEY, mood mood NOT NULL);\n");
    await write('2_function.sql', 'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN NEW.id := NEW.id; RETURN NEW; END;\n$fn$;\nCREATE TRIGGER people_touch BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION touch();\n');
    await write('3_index.sql', '-- no-transaction\nCREATE INDEX CONCURRENTLY people_mood ON people (mood);\n');
  });
  afterAll(async () => {
    await lite?.close();
    await removeProject(root);
  });

  it('applies a migration set and records sqlx-style bookkeeping rows', async () => {
    const report = await runMigrations(conn(), dir, { table: '_sqlsure_migrations', displayDir: 'migrations' });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.applied.map((a) => a.version)).toEqual([1n, 2n, 3n]);
    const rows = await conn().query<{ version: string; description: string; success: boolean; checksum: string; execution_time: string }>(
      "SELECT version::text, description, success, encode(checksum, 'hex') AS checksum, execution_time::text FROM _sqlsure_migrations ORDER BY version",
    );
    const local = await loadMigrations(dir);
    expect(rows.map((r) => [r.version, r.description, r.success])).toEqual([['1', 'types', true], ['2', 'function', true], ['3', 'index', true]]);
    expect(rows.map((r) => r.checksum)).toEqual(local.map((m) => m.checksum.toString('hex')));
    expect(rows.every((r) => BigInt(r.execution_time) > 0n)).toBe(true);
    expect(await conn().query("SELECT indexrelid::regclass::text AS i FROM pg_index WHERE indrelid = 'people'::regclass ORDER BY 1")).toEqual([{ i: 'people_mood' }, { i: 'people_pkey' }]);
    expect((await runMigrations(conn(), dir)).applied).toEqual([]);
  });

  it('rolls a failing migration back and locates its error, then applies it once fixed', async () => {
    await write('4_broken.sql', "CREATE TABLE pets (id int);\n-- 😀 é\nSELECT 'é😀', nosuch FROM pets;\n");
    const report = await runMigrations(conn(), dir, { displayDir: 'migrations' });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ file: 'migrations/4_broken.sql', position: { line: 3, column: 15 }, code: '42703', message: 'column "nosuch" does not exist' }]);
    expect(report.failed).toMatchObject({ version: 4n, dirty: false });
    expect(await conn().query("SELECT to_regclass('pets') AS r")).toEqual([{ r: null }]);
    expect(await conn().query('SELECT version FROM _sqlsure_migrations WHERE version = 4')).toEqual([]);

    await write('4_broken.sql', "CREATE TABLE pets (id int);\n-- 😀 é\nSELECT 'é😀', id FROM pets;\n");
    const fixed = await runMigrations(conn(), dir);
    expect(fixed.applied.map((a) => a.description)).toEqual(['broken']);
    const info = await migrationInfo(conn(), await loadMigrations(dir));
    expect(info.entries.map((e) => e.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
  });

  it('reverts reversible migrations and finds extensions to load', async () => {
    const rev = path.join(root, 'reversible');
    await mkdir(rev);
    await writeFile(path.join(rev, '1_ext.up.sql'), 'CREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE TABLE notes (body text);\n');
    await writeFile(path.join(rev, '1_ext.down.sql'), 'DROP TABLE notes;\n');
    const migrations = await loadMigrations(rev);
    expect(await findExtensions(migrations)).toEqual(['pg_trgm']);
    // A second bookkeeping table in its own schema keeps this set apart from the first.
    const table = 'rev.migrations';
    await writeFile(path.join(rev, '1_ext.up.sql'), 'CREATE TABLE notes (body text);\n');
    expect((await runMigrations(conn(), rev, { table })).ok).toBe(true);
    const reverted = await revertMigrations(conn(), await loadMigrations(rev), { table });
    expect(reverted.ok).toBe(true);
    expect(reverted.reverted.map((r) => r.version)).toEqual([1n]);
    expect(await conn().query('SELECT count(*)::int AS n FROM rev.migrations')).toEqual([{ n: 0 }]);
    expect(await conn().query("SELECT to_regclass('notes') AS r")).toEqual([{ r: null }]);
  });
});
