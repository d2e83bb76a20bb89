/**
 * `prepare` with no DATABASE_URL as a project's migrations grow: an appended migration is applied
 * on top of the previous snapshot (and gives what a cold run gives), an edited old one restarts
 * from the newest snapshot before it, syntax errors are reported without loading PGlite, and a
 * second project starts from the machine's base snapshot. Runs the real CLI (one PGlite per
 * process). The projects here start from the test run's base snapshot (SQLSURE_USER_CACHE_DIR of
 * vitest.config.ts, written by the global setup): the initdb path is embedded-prepare.test.ts's.
 */
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, makeProject, removeProject, REPO_ROOT, runCli, snapshotTree } from '../support/project-dir.js';

describe('embedded snapshots that grow with the migrations', () => {
  let dir: string;
  let work: string;
  // The run's machine cache, holding the base snapshot since the global setup.
  const userCacheDir = process.env.SQLSURE_USER_CACHE_DIR;
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
    expect(userCacheDir, 'SQLSURE_USER_CACHE_DIR (set by vitest.config.ts)').toBeTruthy();
    const first = await prepare();
    expect(first.stderr).toContain('started from the base snapshot (no initdb) + 8 migrations applied, snapshot saved');
    expect(first.code).toBe(0);
  });
  afterAll(async () => {
    await removeProject(dir);
    await removeProject(work);
  });

  it('an appended migration is applied on top of the previous snapshot, and the outputs equal a cold run byte for byte', async () => {
    await migration('0009_user_notes.sql', 'CREATE TABLE user_notes (id bigserial PRIMARY KEY, user_id uuid NOT NULL REFERENCES users (id), body text);\n');
    await writeFile(path.join(dir, 'queries', 'notes.sql'), '-- name: NotesOf :many\nSELECT n.id, n.body, u.email FROM user_notes n JOIN users u ON u.id = n.user_id WHERE n.user_id = :userId!;\n');
    // The same project, prepared cold (no snapshot anywhere, its own machine cache), at the same time.
    const cold = await makeProject();
    try {
      for (const sub of ['queries', 'migrations', 'sqlsure.config.json']) await cp(path.join(dir, sub), path.join(cold, sub), { recursive: true });
      const [r, c] = await Promise.all([
        prepare(),
        runCli(['prepare'], { cwd: cold, env: envFor(path.join(cold, '.cache'), path.join(cold, '.user-cache')) }),
      ]);
      expect(r.stderr).toContain('embedded PostgreSQL (PGlite): applied 1 new migration on top of the snapshot of 8, snapshot saved');
      expect(r.stderr).not.toContain('initdb');
      expect(r.code).toBe(0);
      expect((await snapshotTree(dir))['generated/notes.ts']).toContain('body: string | null;');
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
