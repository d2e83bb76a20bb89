/**
 * `prepare` with no DATABASE_URL: PGlite built from the migrations, its snapshot reused, verified
 * and rebuilt when it cannot be trusted. Runs the real CLI (one PGlite per process).
 */
import { readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, makeProject, removeProject, REPO_ROOT, runCli, snapshotTree } from '../support/project-dir.js';

describe('embedded prepare (PGlite)', () => {
  let dir: string;
  let cacheDir: string;
  const prepare = (cwd = dir, ...args: string[]) => runCli(['prepare', ...args], { cwd, env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: cacheDir } });
  // An unchanged project does not start PGlite at all: --force makes these runs use the snapshot.
  const forced = () => prepare(dir, '--force');
  const snapshots = async () => (await readdir(cacheDir).catch(() => [] as string[])).filter((f) => f.startsWith('pglite-')).sort();

  beforeAll(async () => {
    dir = await copyExample();
    cacheDir = path.join(await makeProject(), 'cache');
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
  });

  it('does not start PGlite, nor load the parser or a driver, when the migrations and every query are unchanged', async () => {
    const before = await snapshotTree(dir);
    const forbid = ['forbid-drivers.mjs', 'forbid-parser.mjs'].flatMap((f) => ['--import', path.join(REPO_ROOT, 'test/support', f)]);
    const r = await runCli(['prepare'], { cwd: dir, env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: cacheDir }, nodeArgs: forbid });
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
    expect(r.stderr).toContain('initdb + 8 migrations applied, snapshot saved (replaced a snapshot whose bytes do not match its manifest)');
    expect((await forced()).stderr).toContain('started from the snapshot');
  });

  it('detects a snapshot whose write never finished', async () => {
    const manifest = (await snapshots()).find((f) => f.endsWith('.json'))!;
    await rm(path.join(cacheDir, manifest));
    const r = await forced();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('(replaced an unfinished snapshot (no manifest))');
  });

  it('a changed migration invalidates the snapshot', async () => {
    const files = (await readdir(path.join(dir, 'migrations'))).sort();
    await appendFile(path.join(dir, 'migrations', files[files.length - 1]!), '\nCOMMENT ON TABLE users IS \'people who sign in\';\n');
    const r = await prepare();
    expect(r.stderr).toContain('initdb + 8 migrations applied, snapshot saved');
    expect(r.stderr).toContain('the migrations changed since the last prepare: describing every query');
    expect(r.code).toBe(0);
    expect(await snapshots()).toHaveLength(4); // the old one is kept for switching back
  });
});

describe('embedded prepare with extensions and failures', () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = path.join(await makeProject(), 'cache');
  });
  afterAll(() => removeProject(path.dirname(cacheDir)));

  it('loads the PGlite contrib modules the migrations create', async () => {
    const project = await makeProject({
      'migrations/1_extensions.sql': 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";\nCREATE EXTENSION citext;\nCREATE EXTENSION pg_trgm;\n',
      'migrations/2_people.sql':
        'CREATE TABLE people (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), email citext NOT NULL, nick citext);\nCREATE INDEX people_email_trgm ON people USING gin (email gin_trgm_ops);\n',
      'queries/people.sql': '-- name: FindPeople :many\nSELECT id, email, nick, similarity(email, :q!) AS score FROM people WHERE email % :q!;\n',
    });
    try {
      const r = await runCli(['prepare'], { cwd: project, env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: cacheDir } });
      expect(r.stderr).toContain('prepared 1 of 1 queries');
      expect(r.code).toBe(0);
      const generated = (await snapshotTree(project))['generated/people.ts']!;
      expect(generated).toContain('email: string;');
      expect(generated).toContain('nick: string | null;');
      expect(generated).toContain('score: number | null;');
    } finally {
      await removeProject(project);
    }
  });

  it('reports a failing migration with file:line:col and SQLSTATE, exit 1', async () => {
    const project = await makeProject({
      'migrations/1_ok.sql': 'CREATE TABLE a (id int);\n',
      'migrations/2_bad.sql': '-- é\nCREATE TABLE b (id int);\nALTER TABLE a ADD COLUMN x nosuchtype;\n',
      'queries/a.sql': 'SELECT id FROM a;\n',
    });
    try {
      const r = await runCli(['prepare'], { cwd: project, env: { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: cacheDir } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/migrations\/2_bad\.sql:3:28: error \[42704\]: .*type "nosuchtype" does not exist/);
    } finally {
      await removeProject(project);
    }
  });
});
