/**
 * `prepare` with no DATABASE_URL: PGlite built from the migrations, its snapshots reused, verified
 * and rebuilt when they cannot be trusted; initdb paid once for the machine (the base snapshot).
 * Runs the real CLI (one PGlite per process). Snapshots that grow with appended migrations are in
 * embedded-snapshots-grow.test.ts, extensions and failing migrations in
 * embedded-prepare-failures.test.ts: separate files, so vitest's workers run them side by side.
 */
import { appendFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, makeProject, removeProject, REPO_ROOT, runCli, snapshotTree } from '../support/project-dir.js';

describe('embedded prepare (PGlite)', () => {
  let dir: string;
  let cacheDir: string;
  let userCacheDir: string;
  const prepare = (cwd = dir, ...args: string[]) =>
    runCli(['prepare', ...args], { cwd, env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: cacheDir, SQLSURE_USER_CACHE_DIR: userCacheDir } });
  // An unchanged project does not start PGlite at all: --force makes these runs use the snapshot.
  const forced = () => prepare(dir, '--force');
  const snapshots = async () => (await readdir(cacheDir).catch(() => [] as string[])).filter((f) => f.startsWith('pglite-')).sort();

  beforeAll(async () => {
    dir = await copyExample();
    cacheDir = path.join(await makeProject(), 'cache');
    userCacheDir = path.join(path.dirname(cacheDir), 'user-cache');
  });
  afterAll(async () => {
    await removeProject(dir);
    await removeProject(path.dirname(cacheDir));
  });

  it('reproduces the committed cache and modules (prepared against PostgreSQL 15) byte for byte', async () => {
    const before = await snapshotTree(dir);
    const r = await prepare();
    expect(r.stderr).toContain('embedded PostgreSQL (PGlite): initdb + 8 migrations applied, snapshot saved');
    expect(r.stderr).toContain('(no changes)');
    expect(r.code).toBe(0);
    expect(await snapshotTree(dir)).toEqual(before);
    expect(await snapshots()).toHaveLength(2); // data + manifest
    // initdb was paid once for the machine: the base snapshot is in the user's cache.
    expect((await readdir(userCacheDir)).filter((f) => f.startsWith('pglite-'))).toHaveLength(2);
  }, 180_000); // a cold prepare: initdb (over 60 s under a load average of 25)

  it('does not start PGlite, nor load the parser or a driver, when the migrations and every query are unchanged', async () => {
    const before = await snapshotTree(dir);
    const forbid = ['forbid-drivers.mjs', 'forbid-parser.mjs'].flatMap((f) => ['--import', path.join(REPO_ROOT, 'test/support', f)]);
    const r = await runCli(['prepare'], { cwd: dir, env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: cacheDir, SQLSURE_USER_CACHE_DIR: userCacheDir }, nodeArgs: forbid });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('nothing to describe: the schema and every query are unchanged since the last prepare');
    expect(r.stderr).toMatch(/: 0 described, \d+ unchanged \(no changes\)/);
    expect(r.stderr).not.toContain('PGlite');
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('starts a forced run from the snapshot, without initdb or migrations', async () => {
    const r = await forced();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('embedded PostgreSQL (PGlite): started from the snapshot of 8 migrations');
    expect(r.stderr).not.toContain('initdb');
    expect(r.stderr).toMatch(/: \d+ described, 0 unchanged \(no changes\)/);
  });

  it('detects a corrupt snapshot, rebuilds it, and never trusts it', async () => {
    const data = (await snapshots()).find((f) => f.endsWith('.tar.gz'))!;
    await writeFile(path.join(cacheDir, data), 'not a tarball');
    const r = await forced();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'started from the base snapshot (no initdb) + 8 migrations applied, snapshot saved (replaced a snapshot whose bytes do not match its manifest)',
    );
    expect((await forced()).stderr).toContain('started from the snapshot');
   }, 180_000); // two prepares

  it('never uses a data file whose manifest was not written, and removes it once it is old', async () => {
    const manifest = (await snapshots()).find((f) => f.endsWith('.json'))!;
    const data = (await snapshots()).find((f) => f.endsWith('.tar.gz'))!;
    await rm(path.join(cacheDir, manifest));
    const old = new Date(Date.now() - 60 * 60 * 1000);
    await utimes(path.join(cacheDir, data), old, old);
    const r = await forced();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('started from the base snapshot (no initdb) + 8 migrations applied, snapshot saved');
    expect(await snapshots()).not.toContain(data);
    expect(await snapshots()).toHaveLength(2);
  });

  it('an edited migration restarts from the snapshot before it (here: the base), and keeps the old one', async () => {
    const files = (await readdir(path.join(dir, 'migrations'))).sort();
    await appendFile(path.join(dir, 'migrations', files[files.length - 1]!), '\nCOMMENT ON TABLE users IS \'people who sign in\';\n');
    const r = await prepare();
    expect(r.stderr).toContain('started from the base snapshot (no initdb) + 8 migrations applied, snapshot saved');
    expect(r.stderr).not.toContain('initdb +');
    expect(r.stderr).toContain('the migrations changed since the last prepare: describing every query');
    expect(r.code).toBe(0);
    expect(await snapshots()).toHaveLength(4); // the old one is kept for switching back
  });
});
