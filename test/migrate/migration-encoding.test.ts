/**
 * Migration files are UTF-8. Bytes that are not would run as U+FFFD (a different schema than
 * written); a BOM is not SQL. Checksums: `normalized` hashes the text without BOM (a BOM added by
 * an editor is not a change), `sqlx` hashes the raw bytes, BOM included, exactly as sqlx does.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, MigrationFolderError } from '../../src/migrate/load-migrations.js';
import { makeProject } from '../support/project-dir.js';

async function folder(files: Record<string, Buffer>): Promise<string> {
  const dir = path.join(await makeProject(), 'migrations');
  await mkdir(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

describe('migration file encoding', () => {
  it('refuses bytes that are not UTF-8, naming the file, the line:col and the byte offset', async () => {
    const dir = await folder({
      '1_ok.sql': Buffer.from("CREATE TABLE t (name text DEFAULT 'café');\n"),
      '2_latin1.sql': Buffer.concat([Buffer.from("CREATE TABLE u ();\r\nCOMMENT ON TABLE u IS 'caf"), Buffer.from([0xe9]), Buffer.from("';\n")]),
    });
    const error = await loadMigrations(dir, { displayDir: 'migrations' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(MigrationFolderError);
    const problems = (error as MigrationFolderError).problems.filter((p) => /UTF-8/.test(p.message));
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'migrations/2_latin1.sql',
        position: expect.objectContaining({ line: 2, column: 27 }),
        message: 'invalid UTF-8 (byte 0xE9 at byte offset 46)',
        hint: expect.stringContaining('save the file as UTF-8'),
      }),
    ]);
  });

  it('strips a BOM from the SQL; normalized checksums ignore it, sqlx checksums keep the raw bytes', async () => {
    const sql = 'CREATE TABLE t (id int);\n';
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sql)]);
    const [bom] = await loadMigrations(await folder({ '1_t.sql': withBom }));
    const [plain] = await loadMigrations(await folder({ '1_t.sql': Buffer.from(sql) }));
    expect(bom!.upSql).toBe(sql);
    expect(bom!.checksum.equals(plain!.checksum)).toBe(true);
    const [sqlx] = await loadMigrations(await folder({ '1_t.sql': withBom }), { checksum: 'sqlx' });
    expect(sqlx!.checksum.equals(createHash('sha384').update(withBom).digest())).toBe(true);
  });
});

describe('NUL in a migration', () => {
  it('is refused at its position instead of silently ending the script there', async () => {
    const { loadSqlParser } = await import('../../src/source/sql-scanner.js');
    const { splitStatements } = await import('../../src/migrate/split-statements.js');
    await loadSqlParser();
    const outcome = splitStatements('CREATE TABLE a (id int);\nCREATE TABLE b (id int);\u0000\nCREATE TABLE c (id int);\n');
    expect(outcome).toEqual({ ok: false, message: 'NUL character (U+0000) in SQL text; PostgreSQL does not accept it', offset: 49 });
  });
});
