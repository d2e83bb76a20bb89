/**
 * A file standing where sqlsure must create a folder (its local cache, the offline cache, the
 * generated folder) is a configuration error naming that file (exit 2), not a raw ENOTDIR.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../support/project-dir.js';

const project = () =>
  makeProject({
    'migrations/1_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n',
    'queries/t.sql': '-- name: GetT :maybe\nSELECT id FROM t WHERE id = :id;\n',
  });
const noDatabase = { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: undefined };

describe('folders blocked by a file', () => {
  it('node_modules/.cache is a file: prepare and check say so, exit 2', async () => {
    const root = await project();
    await mkdir(path.join(root, 'node_modules'));
    await writeFile(path.join(root, 'node_modules/.cache'), 'not a folder');
    for (const command of ['prepare', 'check']) {
      const r = await runCli([command], { cwd: root, env: noDatabase });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${path.join(root, 'node_modules/.cache')} is a file, so ${path.join(root, 'node_modules/.cache/sqlsure')} cannot be a folder`);
      expect(r.stderr).not.toMatch(/ENOTDIR|tool-identity/);
    }
  });

  it('SQLSURE_CACHE_DIR below a file: exit 2 with the file named', async () => {
    const root = await project();
    const r = await runCli(['prepare'], { cwd: root, env: { ...noDatabase, SQLSURE_CACHE_DIR: path.join(root, 'queries/t.sql/cache') } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${path.join(root, 'queries/t.sql')} is a file`);
    expect(r.stderr).toContain('set SQLSURE_CACHE_DIR to a folder');
  });

  it.each(['offline-cache', 'generated'])('the %s folder is a file: prepare says so, exit 2, and writes nothing', async (folder) => {
    const root = await project();
    await writeFile(path.join(root, folder), 'a file');
    const r = await runCli(['prepare'], { cwd: root, env: noDatabase });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${path.join(root, folder)} is a file, not a folder`);
    expect(r.stderr).not.toMatch(/ENOTDIR/);
  });

  it.each(['check', 'generate'])('the offline-cache folder is a file: %s says so, exit 2', async (command) => {
    const root = await project();
    await writeFile(path.join(root, 'offline-cache'), 'a file');
    const r = await runCli([command], { cwd: root, env: noDatabase });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${path.join(root, 'offline-cache')} is a file, not a folder`);
    expect(r.stderr).not.toMatch(/ENOTDIR/);
  });
});
