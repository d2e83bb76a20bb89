/**
 * `prepare` with no DATABASE_URL: PGlite built from the migrations, its snapshots reused (grown by
 * appended migrations, shared after initdb by every project), verified and rebuilt when they
 * cannot be trusted. Runs the real CLI (one PGlite per process).
 */
import { cp, readdir, readFile, rm, utimes, writeFile, appendFile } from 'node:fs/promises';
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
  });

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

describe('embedded snapshots that grow with the migrations', () => {
  let dir: string;
  let work: string;
  let userCacheDir: string;
  const envFor = (cache: string, user = userCacheDir) => ({ DATABASE_URL: undefined, SQLSURE_CACHE_DIR: cache, SQLSURE_USER_CACHE_DIR: user });
  const prepare = (cwd = dir, nodeArgs: string[] = []) => runCli(['prepare'], { cwd, env: envFor(path.join(work, 'cache')), nodeArgs });
  const manifests = async () => (await readdir(path.join(work, 'cache'))).filter((f) => /^pglite-[0-9a-f]+\.json$/.test(f));
  const migration = (name: string, sql: string) => writeFile(path.join(dir, 'migrations', name), sql);
  const outputs = async (project: string) => {
    const tree = await snapshotTree(project);
    return Object.fromEntries(Object.entries(tree).filter(([f]) => f.startsWith('generated/') || f.startsWith('offline-cache/')));
  };

  beforeAll(async () => {
    dir = await copyExample();
    work = await makeProject();
    userCacheDir = path.join(work, 'user-cache');
    const first = await prepare();
    expect(first.stderr).toContain('initdb + 8 migrations applied, snapshot saved');
    expect(first.code).toBe(0);
  });
  afterAll(async () => {
    await removeProject(dir);
    await removeProject(work);
  });

  it('an appended migration is applied on top of the previous snapshot, and the outputs equal a cold run byte for byte', async () => {
    await migration('0009_user_notes.sql', 'CREATE TABLE user_notes (id bigserial PRIMARY KEY, user_id uuid NOT NULL REFERENCES users (id), body text);\n');
    await writeFile(path.join(dir, 'queries', 'notes.sql'), '-- name: NotesOf :many\nSELECT n.id, n.body, u.email FROM user_notes n JOIN users u ON u.id = n.user_id WHERE n.user_id = :userId!;\n');
    const r = await prepare();
    expect(r.stderr).toContain('embedded PostgreSQL (PGlite): applied 1 new migration on top of the snapshot of 8, snapshot saved');
    expect(r.stderr).not.toContain('initdb');
    expect(r.code).toBe(0);
    expect((await snapshotTree(dir))['generated/notes.ts']).toContain('body: string | null;');

    // The same project, prepared cold (no snapshot anywhere, its own machine cache).
    const cold = await makeProject();
    try {
      for (const sub of ['queries', 'migrations', 'sqlsure.config.json']) await cp(path.join(dir, sub), path.join(cold, sub), { recursive: true });
      const c = await runCli(['prepare'], { cwd: cold, env: envFor(path.join(cold, '.cache'), path.join(cold, '.user-cache')) });
      expect(c.stderr).toContain('initdb + 9 migrations applied');
      expect(c.code).toBe(0);
      expect(await outputs(cold)).toEqual(await outputs(dir));
    } finally {
      await removeProject(cold);
    }
   }, 180_000);

  it('an edited old migration restarts from the newest snapshot before it; switching back reuses the newer one', async () => {
    await migration('0010_user_notes_index.sql', 'CREATE INDEX user_notes_user ON user_notes (user_id);\n');
    expect((await prepare()).stderr).toContain('applied 1 new migration on top of the snapshot of 9, snapshot saved');
    const file = path.join(dir, 'migrations', '0009_user_notes.sql');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('body text', 'body text NOT NULL'));
    const edited = await prepare();
    expect(edited.stderr).toContain('applied 2 new migrations on top of the snapshot of 8, snapshot saved');
    expect(edited.code).toBe(0);
    expect((await snapshotTree(dir))['generated/notes.ts']).toContain('body: string;');
    await writeFile(file, original);
    const back = await prepare();
    expect(back.stderr).toContain('started from the snapshot of 10 migrations');
    expect(back.code).toBe(0);
    expect((await snapshotTree(dir))['generated/notes.ts']).toContain('body: string | null;');
    // A bounded set: 8, 9, 10 and the edited 10; the next one pushes the least recently used out.
    expect(await manifests()).toHaveLength(4);
    await migration('0011_more.sql', 'CREATE INDEX user_notes_body ON user_notes (body);\n');
    expect((await prepare()).stderr).toContain('applied 1 new migration on top of the snapshot of 10, snapshot saved');
    expect(await manifests()).toHaveLength(4);
   }, 300_000); // five prepares: minutes when the shared machine is loaded

  it('a syntax error in an appended migration is reported at file:line:col without loading PGlite', async () => {
    await migration('0012_broken.sql', 'CREATE INDEX ok_index ON user_notes (id);\nCREATE TABLE broken (id int,, x text);\n');
    const r = await prepare(dir, ['--import', path.join(REPO_ROOT, 'test/support/forbid-pglite.mjs')]);
    expect(r.stderr).not.toContain('PGlite was loaded');
    expect(r.stderr).toMatch(/migrations\/0012_broken\.sql:2:29: error \[42601\]: syntax error at or near ","/);
    expect(r.code).toBe(1);
    await rm(path.join(dir, 'migrations', '0012_broken.sql'));
  });

  it('a syntax error in a query is reported at file:line:col without loading PGlite; the other queries keep their output', async () => {
    // Settled first: with the migrations prepared, only the new query is left to do.
    expect((await prepare()).code).toBe(0);
    const before = await snapshotTree(dir);
    await writeFile(path.join(dir, 'queries', 'typo.sql'), '-- name: Typo :many\nSELECT id,, email\nFROM users WHERE id = :id!;\n');
    try {
      const r = await prepare(dir, ['--import', path.join(REPO_ROOT, 'test/support/forbid-pglite.mjs')]);
      expect(r.stderr).not.toContain('PGlite was loaded');
      expect(r.stderr).toMatch(/queries\/typo\.sql:2:11: error \[42601\]: Typo: syntax error at or near ","/);
      expect(r.code).toBe(1);
      const after = await snapshotTree(dir);
      for (const f of Object.keys(before).filter((f) => f.startsWith('generated/') || f.startsWith('offline-cache/query-'))) expect(after[f]).toBe(before[f]);
    } finally {
      await rm(path.join(dir, 'queries', 'typo.sql'));
    }
  });

  it('a second project on the same machine starts from the base snapshot: no initdb', async () => {
    const other = await makeProject({
      'migrations/1_items.sql': 'CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);\n',
      'queries/items.sql': '-- name: ItemNames :many\nSELECT name FROM items;\n',
    });
    try {
      const r = await runCli(['prepare'], { cwd: other, env: envFor(path.join(other, '.cache')) });
      expect(r.stderr).toContain('embedded PostgreSQL (PGlite): started from the base snapshot (no initdb) + 1 migration applied, snapshot saved');
      expect(r.code).toBe(0);
    } finally {
      await removeProject(other);
    }
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
