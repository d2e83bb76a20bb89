/** Reading a migrations folder: names, order, kinds, checksums — no database. */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, MigrationFolderError } from '../../src/migrate/load-migrations.js';
import { makeProject, removeProject } from '../support/project-dir.js';

const dirs: string[] = [];
async function folder(files: Record<string, string | Buffer>): Promise<string> {
  const root = await makeProject();
  dirs.push(root);
  const dir = path.join(root, 'migrations');
  await mkdir(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeProject));
});

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadMigrations(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(MigrationFolderError);
    return (err as MigrationFolderError).problems.map((p) => `${p.file ?? ''}: ${p.message}`);
  }
  throw new Error('expected the folder to be refused');
}

describe('loadMigrations', () => {
  it('orders versions numerically, not by name', async () => {
    const dir = await folder({ '10_ten.sql': 'SELECT 10;', '2_two.sql': 'SELECT 2;', '1_one.sql': 'SELECT 1;', 'README.md': 'not a migration' });
    const ms = await loadMigrations(dir, { displayDir: 'migrations' });
    expect(ms.map((m) => m.version)).toEqual([1n, 2n, 10n]);
    expect(ms.map((m) => m.file)).toEqual(['migrations/1_one.sql', 'migrations/2_two.sql', 'migrations/10_ten.sql']);
    expect(ms.every((m) => m.kind === 'simple' && m.downSql === undefined)).toBe(true);
  });

  it('reads big timestamp versions as bigint and descriptions like sqlx', async () => {
    const dir = await folder({ '20240101000000_create_user_accounts.sql': 'SELECT 1;', '9223372036854775807_last.sql': 'SELECT 2;' });
    const ms = await loadMigrations(dir);
    expect(ms.map((m) => [m.version, m.description])).toEqual([
      [20240101000000n, 'create user accounts'],
      [9223372036854775807n, 'last'],
    ]);
  });

  it('pairs reversible migrations', async () => {
    const dir = await folder({ '1_users.up.sql': 'CREATE TABLE u ();', '1_users.down.sql': 'DROP TABLE u;', '2_more.up.sql': 'SELECT 1;', '2_more.down.sql': 'SELECT 2;' });
    const [first, second] = await loadMigrations(dir, { displayDir: 'm' });
    expect(first).toMatchObject({ version: 1n, kind: 'reversible', file: 'm/1_users.up.sql', downFile: 'm/1_users.down.sql', upSql: 'CREATE TABLE u ();', downSql: 'DROP TABLE u;' });
    expect(second!.kind).toBe('reversible');
  });

  it('refuses a folder that mixes simple and reversible migrations', async () => {
    const dir = await folder({ '1_a.sql': 'SELECT 1;', '2_b.up.sql': 'SELECT 1;', '2_b.down.sql': 'SELECT 1;' });
    expect((await problemsOf(dir)).join('\n')).toMatch(/mixes simple \(1_a\.sql\) and reversible \(2_b\.up\.sql\) migrations/);
  });

  it('refuses an .up without .down and a .down without .up', async () => {
    const dir = await folder({ '1_a.up.sql': 'SELECT 1;', '2_b.down.sql': 'SELECT 1;' });
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toContain('reversible migration 1 has no .down.sql file');
    expect(problems.join('\n')).toContain('reversible migration 2 has no .up.sql file');
  });

  it('refuses duplicate versions, also when written with different zero padding', async () => {
    const dir = await folder({ '1_a.sql': 'SELECT 1;', '1_b.sql': 'SELECT 2;', '02_c.sql': 'SELECT 3;', '2_d.sql': 'SELECT 4;' });
    const problems = await problemsOf(dir);
    expect(problems.join('\n')).toContain('duplicate migration version 1: 1_a.sql, 1_b.sql');
    expect(problems.join('\n')).toContain('duplicate migration version 2: 02_c.sql, 2_d.sql');
  });

  it('refuses .sql files that are not named like migrations', async () => {
    const dir = await folder({ 'schema.sql': 'SELECT 1;', '1_ok.sql': 'SELECT 1;' });
    expect(await problemsOf(dir)).toEqual([expect.stringMatching(/schema\.sql: not a migration file name/)]);
  });

  it('detects -- no-transaction on the first line only', async () => {
    const dir = await folder({
      '1_a.sql': '-- no-transaction\nCREATE INDEX CONCURRENTLY i ON t (x);\n',
      '2_b.sql': '\uFEFF-- no-transaction\r\nSELECT 1;\r\n',
      '3_c.sql': 'SELECT 1;\n-- no-transaction\n',
    });
    expect((await loadMigrations(dir)).map((m) => m.noTransaction)).toEqual([true, true, false]);
  });

  it('gives a CRLF checkout the same normalized checksum, and sqlx checksums of the raw bytes', async () => {
    const lf = 'CREATE TABLE t (\n  id int\n);\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = await folder({ '1_t.sql': lf });
    const b = await folder({ '1_t.sql': Buffer.from(crlf, 'utf8') });
    const [na] = await loadMigrations(a);
    const [nb] = await loadMigrations(b);
    expect(na!.checksum.equals(nb!.checksum)).toBe(true);
    expect(na!.checksum).toHaveLength(48); // SHA-384
    expect(nb!.upSql).toBe(lf); // executed text is normalised too

    const [sa] = await loadMigrations(a, { checksum: 'sqlx' });
    const [sb] = await loadMigrations(b, { checksum: 'sqlx' });
    expect(sa!.checksum.equals(sb!.checksum)).toBe(false);
    const raw = await readFile(path.join(b, '1_t.sql'));
    expect(sb!.checksum.equals(createHash('sha384').update(raw).digest())).toBe(true);
    expect(sa!.checksum.equals(na!.checksum)).toBe(true); // LF without BOM: both modes agree
  });

  it('checksums a reversible migration by its .up file', async () => {
    const dir = await folder({ '1_a.up.sql': 'CREATE TABLE a ();', '1_a.down.sql': 'DROP TABLE a;' });
    const [m] = await loadMigrations(dir, { checksum: 'sqlx' });
    expect(m!.checksum.equals(createHash('sha384').update('CREATE TABLE a ();').digest())).toBe(true);
  });

  it('reads a missing folder as no migrations', async () => {
    expect(await loadMigrations(path.join(await folder({}), 'nope'))).toEqual([]);
  });
});
