/**
 * `sqlsure init` in an empty folder and in an existing app: what it writes, what it leaves alone,
 * and that `prepare` then `check` succeed on the result (embedded PostgreSQL, then offline).
 */
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeProject, removeProject, REPO_ROOT, runCli, snapshotTree } from '../support/project-dir.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await removeProject(dir);
  dir = undefined;
});

/** A project where `sqlsure` resolves to this repo (as after `npm install -D sqlsure`). */
async function linkSqlsure(project: string): Promise<void> {
  await mkdir(path.join(project, 'node_modules'), { recursive: true });
  await symlink(REPO_ROOT, path.join(project, 'node_modules/sqlsure'), 'dir');
}

describe('sqlsure init', () => {
  it('in an empty folder: config with $schema, a migration, a query; prepare and check then pass', async () => {
    dir = await makeProject();
    await linkSqlsure(dir);
    const init = await runCli(['init'], { cwd: dir, env: { DATABASE_URL: undefined } });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const config = JSON.parse(await readFile(path.join(dir, 'sqlsure.config.json'), 'utf8'));
    expect(config.$schema).toBe('./node_modules/sqlsure/schema/sqlsure.config.schema.json');
    // The $schema path resolves to the shipped schema.
    await expect(readFile(path.join(dir, config.$schema), 'utf8')).resolves.toContain('"properties"');
    const migrations = await readdir(path.join(dir, 'migrations'));
    expect(migrations).toHaveLength(1);
    expect(migrations[0]).toMatch(/^\d{14}_create_notes\.sql$/);
    expect(await readdir(path.join(dir, 'queries'))).toEqual(['notes.sql']);
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\n');
    // No package.json: none is created.
    await expect(readFile(path.join(dir, 'package.json'))).rejects.toThrow(/ENOENT/);
    expect(init.stdout).toMatch(/created sqlsure\.config\.json/);
    expect(init.stdout).toMatch(/npx sqlsure prepare/);
    expect(init.stdout).toMatch(/npx sqlsure check/);
    expect(init.stdout).toMatch(/runs-on: ubuntu-latest/);

    const prepare = await runCli(['prepare'], { cwd: dir, env: { DATABASE_URL: undefined } });
    expect(prepare.stderr).toMatch(/prepared 3 of 3 queries/);
    expect(prepare.code).toBe(0);
    const check = await runCli(['check'], { cwd: dir });
    expect(check.stderr).toMatch(/check passed/);
    expect(check.code).toBe(0);
  }, 120_000);

  it('in an existing app: adds scripts keeping the package.json format, never overwrites, says what it skipped', async () => {
    const pkg = '{\n    "name": "app",\n    "version": "1.0.0",\n    "scripts": {\n        "test": "vitest"\n    },\n    "dependencies": {\n        "pg": "^8.0.0"\n    }\n}\n';
    const ownQuery = '-- name: Now :one\nSELECT now() AS "at!";\n';
    dir = await makeProject({
      'package.json': pkg,
      '.gitignore': 'dist\n/node_modules\n',
      'sql/now.sql': ownQuery,
      'sqlsure.config.json': '{ "queries": "sql" }\n',
    });
    const before = await snapshotTree(dir);
    const init = await runCli(['init'], { cwd: dir });
    expect(init.code).toBe(0);
    const after = await snapshotTree(dir);
    // Existing files are untouched, except package.json which gains two scripts.
    for (const [file, content] of Object.entries(before)) if (file !== 'package.json') expect(after[file], file).toBe(content);
    expect(init.stdout).toMatch(/skipped sqlsure\.config\.json \(exists\)/);
    expect(init.stdout).toMatch(/skipped sql\/ example query \(the folder already holds queries\)/);
    expect(init.stdout).toMatch(/\.gitignore already ignores node_modules/);
    expect(await readFile(path.join(dir, 'package.json'), 'utf8')).toBe(
      '{\n    "name": "app",\n    "version": "1.0.0",\n    "scripts": {\n        "test": "vitest",\n        "sqlsure:prepare": "sqlsure prepare",\n        "sqlsure:check": "sqlsure check"\n    },\n    "dependencies": {\n        "pg": "^8.0.0"\n    }\n}\n',
    );
    // The migration went to the configured default folder; the example query did not (sql/ has queries).
    expect(after['queries/notes.sql']).toBeUndefined();
    expect(Object.keys(after).filter((f) => f.startsWith('migrations/'))).toHaveLength(1);

    // A second run changes nothing and says so.
    const again = await runCli(['init'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(await snapshotTree(dir)).toEqual(after);
    expect(again.stdout).toMatch(/package\.json already has the scripts sqlsure:prepare, sqlsure:check/);
    expect(again.stdout).toMatch(/skipped migrations\/ first migration \(the folder already holds migrations\)/);
  });

  it('a package.json that is not JSON is a usage error, and nothing is written', async () => {
    dir = await makeProject({ 'package.json': '{ "name": ' });
    const init = await runCli(['init'], { cwd: dir });
    expect(init.code).toBe(2);
    expect(init.stderr).toMatch(/package\.json:1:11: invalid JSON/);
    expect(Object.keys(await snapshotTree(dir))).toEqual(['package.json']);
  });
});
