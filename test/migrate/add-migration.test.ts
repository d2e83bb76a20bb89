/** `migrate add`: file names, numbering and kinds; no database. Also the migration config keys. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/config.js';
import { addMigration } from '../../src/migrate/add-migration.js';
import { makeProject, removeProject, runCli } from '../support/project-dir.js';

const roots: string[] = [];
async function folder(files: string[] = []): Promise<string> {
  const root = await makeProject();
  roots.push(root);
  const dir = path.join(root, 'migrations');
  await mkdir(dir);
  for (const f of files) await writeFile(path.join(dir, f), 'SELECT 1;\n');
  return dir;
}
afterEach(async () => {
  await Promise.all(roots.splice(0).map(removeProject));
});

const NOW = new Date(Date.UTC(2024, 4, 6, 7, 8, 9));
const names = async (dir: string) => (await readdir(dir)).sort();

describe('addMigration', () => {
  it('names a new migration with a UTC timestamp by default', async () => {
    const dir = await folder();
    const added = await addMigration(dir, '  create  user accounts ', { now: NOW });
    expect(added.version).toBe(20240506070809n);
    expect(await names(dir)).toEqual(['20240506070809_create_user_accounts.sql']);
    expect(await readFile(added.files[0]!, 'utf8')).toBe('-- create  user accounts\n');
  });

  it('never reuses or goes below the newest version within the same second', async () => {
    const dir = await folder(['20240506070809_first.sql']);
    expect((await addMigration(dir, 'second', { now: NOW })).version).toBe(20240506070810n);
  });

  it('continues a sequential folder with the next zero-padded number, automatically', async () => {
    const dir = await folder(['0001_a.sql', '0009_b.sql']);
    await addMigration(dir, 'c', { now: NOW });
    expect(await names(dir)).toContain('0010_c.sql');
    expect((await addMigration(dir, 'forced', { now: NOW, timestamp: true })).version).toBe(20240506070809n);
  });

  it('starts a sequence at 0001 with --sequential', async () => {
    const dir = await folder();
    await addMigration(dir, 'first', { sequential: true });
    expect(await names(dir)).toEqual(['0001_first.sql']);
  });

  it('creates .up/.down pairs with --reversible, and keeps a reversible folder reversible', async () => {
    const dir = await folder();
    await addMigration(dir, 'a', { reversible: true, sequential: true });
    await addMigration(dir, 'b');
    expect(await names(dir)).toEqual(['0001_a.down.sql', '0001_a.up.sql', '0002_b.down.sql', '0002_b.up.sql']);
  });

  it('refuses to mix kinds, and descriptions that are empty or paths', async () => {
    const dir = await folder(['1_a.sql']);
    await expect(addMigration(dir, 'b', { reversible: true })).rejects.toThrow(/holds simple migrations; a reversible one would mix kinds/);
    await expect(addMigration(dir, '   ')).rejects.toThrow(/needs a description/);
    await expect(addMigration(dir, '../escape')).rejects.toThrow(/path separators/);
    expect(await names(dir)).toEqual(['1_a.sql']);
  });

  it('works from the CLI without a database and prints the created paths', async () => {
    const dir = await folder(['0001_a.sql']);
    const r = await runCli(['migrate', 'add', 'add', 'orders', 'table'], { cwd: path.dirname(dir), env: { DATABASE_URL: undefined } });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(path.join('migrations', '0002_add_orders_table.sql'));
    const rev = await runCli(['migrate', 'add', '-r', 'x'], { cwd: path.dirname(dir) });
    expect(rev.code).toBe(2);
    expect(rev.stderr).toContain('would mix kinds');
  });
});

describe('migration config keys', () => {
  const withConfig = async (config: unknown) => {
    const root = await makeProject({ 'sqlsure.config.json': JSON.stringify(config) });
    roots.push(root);
    return resolveConfig({ root }, {});
  };

  it('defaults: _sqlsure_migrations with normalized checksums; sqlx checksums for a sqlx table', async () => {
    expect(await withConfig({})).toMatchObject({ migrationsTable: '_sqlsure_migrations', migrationsChecksum: 'normalized', allowMissing: [], alternateChecksums: {} });
    expect(await withConfig({ migrationsTable: '_sqlx_migrations' })).toMatchObject({ migrationsChecksum: 'sqlx' });
    expect(await withConfig({ migrationsTable: 'public._sqlx_migrations', migrationsChecksum: 'normalized' })).toMatchObject({ migrationsChecksum: 'normalized' });
    const root = await makeProject();
    roots.push(root);
    expect(await resolveConfig({ root, migrationsTable: '_sqlx_migrations' }, {})).toMatchObject({ migrationsChecksum: 'sqlx' });
  });

  it('canonicalises versions and checksum prefixes', async () => {
    const c = await withConfig({ allowMissing: [20240101000000, '0007', '9223372036854775807'], alternateChecksums: { '020240101000000': ['3F2A9C'] } });
    expect(c.allowMissing).toEqual(['20240101000000', '7', '9223372036854775807']);
    expect(c.alternateChecksums).toEqual({ '20240101000000': ['3f2a9c'] });
  });

  it('rejects wrong types and values', async () => {
    await expect(withConfig({ migrationsTable: 5 })).rejects.toThrow(/"migrationsTable" must be a string/);
    await expect(withConfig({ migrationsChecksum: 'sha1' })).rejects.toThrow(/"migrationsChecksum" must be one of sqlx, normalized/);
    await expect(withConfig({ allowMissing: '1' })).rejects.toThrow(/"allowMissing" must be an array/);
    await expect(withConfig({ allowMissing: [1.5] })).rejects.toThrow(/1.5 is not a migration version/);
    await expect(withConfig({ allowMissing: [2 ** 60] })).rejects.toThrow(/is not a migration version/);
    await expect(withConfig({ alternateChecksums: { x: ['abcdef'] } })).rejects.toThrow(/"x" is not a migration version/);
    await expect(withConfig({ alternateChecksums: { 1: 'abcdef' } })).rejects.toThrow(/must be an array of hex checksum prefixes/);
    await expect(withConfig({ alternateChecksums: { 1: ['abc'] } })).rejects.toThrow(/not a hex checksum prefix of 6 to 96 digits/);
    await expect(withConfig({ alternateChecksums: { 1: ['xyzxyz'] } })).rejects.toThrow(/not a hex checksum prefix/);
    await expect(withConfig({ migrationTable: 'x' })).rejects.toThrow(/unknown key "migrationTable"/);
  });
});
