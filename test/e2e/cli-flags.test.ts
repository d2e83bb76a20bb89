/**
 * Flags whose behaviour is tested through the library but that no other test passes on the
 * command line: the CLI must hand them to the library as the README says.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, makeProject, removeProject, runCli } from '../support/project-dir.js';

/** Spawned CLIs, one of them starting the embedded PostgreSQL: minutes on a loaded machine. */
const SLOW = 300_000;
let dir: string | undefined;
afterEach(async () => {
  if (dir) await removeProject(dir);
  dir = undefined;
});

describe('migrate add --sequential, --timestamp, --reversible', () => {
  it('--sequential starts a sequence, --timestamp then uses the UTC time, --reversible makes a pair', async () => {
    dir = await makeProject({ 'migrations/.keep': '' });
    const env = { DATABASE_URL: undefined };
    const seq = await runCli(['migrate', 'add', 'first', '--sequential'], { cwd: dir, env });
    expect(seq.code, seq.stderr).toBe(0);
    expect(seq.stdout.trim()).toBe(path.join('migrations', '0001_first.sql'));
    const stamp = await runCli(['migrate', 'add', 'second', '--timestamp'], { cwd: dir, env });
    expect(stamp.code, stamp.stderr).toBe(0);
    expect(stamp.stdout.trim()).toMatch(/^migrations[/\\]\d{14}_second\.sql$/);
    const both = await runCli(['migrate', 'add', 'x', '--sequential', '--timestamp'], { cwd: dir, env });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/mutually exclusive/);

    const pairs = await makeProject({ 'migrations/.keep': '' });
    try {
      const rev = await runCli(['migrate', 'add', 'users', '--reversible', '--sequential'], { cwd: pairs, env });
      expect(rev.code, rev.stderr).toBe(0);
      expect((await readdir(path.join(pairs, 'migrations'))).filter((f) => f.endsWith('.sql')).sort()).toEqual(['0001_users.down.sql', '0001_users.up.sql']);
    } finally {
      await removeProject(pairs);
    }
  }, SLOW);
});

describe('--sources on the command line', () => {
  it('prepare and check read the TypeScript sources the flag names, as the "sources" key would', async () => {
    dir = await copyFixture('pgtyped-ts-app');
    const configFile = path.join(dir, 'sqlsure.config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
    const globs = config.sources as string[];
    delete config.sources;
    await writeFile(configFile, JSON.stringify(config));
    const env = { DATABASE_URL: undefined };
    const prepare = await runCli(['prepare', '--sources', ...globs], { cwd: dir, env });
    expect(prepare.code, prepare.stderr).toBe(0);
    await expect(readFile(path.join(dir, 'src/users.types.ts'), 'utf8')).resolves.toMatch(/export interface I\w+Query/);
    const check = await runCli(['check', '--sources', ...globs], { cwd: dir });
    expect(check.code, check.stderr).toBe(0);
    // Without the flag the templates are not read: their cache entries are orphans.
    const without = await runCli(['check'], { cwd: dir });
    expect(without.code).toBe(1);
  }, SLOW);
});
