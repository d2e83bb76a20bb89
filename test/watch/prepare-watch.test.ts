/**
 * `sqlsure prepare --watch`, end to end: the built CLI runs in a throwaway project while the test
 * edits files and waits for the cycle lines. One watch process per database walks through every
 * step, so PGlite starts once (from the test run's base snapshot: no initdb).
 */
import { appendFile, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, runCli } from '../support/project-dir.js';
import { save, WatchProcess } from '../support/watch-process.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function generatedText(project: string): Promise<string> {
  const files = (await filesUnder(path.join(project, 'generated'))).filter((f) => f.endsWith('.ts')).sort();
  return (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
}

const MIGRATION_1 = 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, display_name text);\n';
const USERS_SQL = '-- name: GetUser :one\nSELECT id, email FROM users WHERE id = :id;\n';
const LIST_SQL = '-- name: ListUsers :many\nSELECT * FROM users ORDER BY id;\n';

const projects: string[] = [];
const watches: WatchProcess[] = [];
afterAll(async () => {
  for (const w of watches) if (w.child.exitCode === null) await w.stop('SIGKILL');
  await Promise.all(projects.map(removeProject));
});

async function project(): Promise<string> {
  const dir = await makeProject({
    'migrations/1_users.sql': MIGRATION_1,
    'queries/users.sql': USERS_SQL,
    'queries/list.sql': LIST_SQL,
    'sqlsure.config.json': '{}\n',
  });
  projects.push(dir);
  return dir;
}

describe('prepare --watch on the embedded database', () => {
  it('rewrites edited queries, applies appended migrations, rebuilds on an edited one, survives a broken query and config, follows the config, stops on SIGTERM', async () => {
    const dir = await project();
    const watch = new WatchProcess(dir, { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: path.join(dir, '.cache') });
    watches.push(watch);
    await watch.waitFor(/watching .*queries/);
    expect(await generatedText(dir)).toContain('getUser');

    // A query edit: only that query is described, its module rewritten, the database kept.
    // Written in place (an editor without safe write): a cycle may see it empty first; the last one counts.
    await writeFile(path.join(dir, 'queries/users.sql'), '-- name: GetUser :one\nSELECT id, email, display_name FROM users WHERE id = :id;\n');
    const edited = await watch.waitFor(/users\.sql changed → 1 query described/);
    expect(edited.line).toMatch(/→ 1 query described, 1 module written in \d+ ms$/);
    expect(edited.line).not.toMatch(/embedded database/);
    expect(await generatedText(dir)).toContain('display_name');

    // An appended migration: applied to the open database; SELECT * now returns its column.
    expect(await generatedText(dir)).not.toContain('nickname');
    await save(path.join(dir, 'migrations/2_nickname.sql'), 'ALTER TABLE users ADD COLUMN nickname text;\n');
    const migrated = await watch.waitFor(/2_nickname\.sql changed/);
    expect(migrated.line).toMatch(/migration 2_nickname\.sql applied/);
    expect(migrated.line).not.toMatch(/error|rebuilt|started/);
    expect(await generatedText(dir)).toContain('nickname');

    // An edited old migration: the database is rebuilt through the normal path (snapshots).
    await save(path.join(dir, 'migrations/1_users.sql'), MIGRATION_1.replace('display_name text', 'display_name text, bio text'));
    const rebuilt = await watch.waitFor(/1_users\.sql changed/);
    expect(rebuilt.line).toMatch(/embedded database rebuilt \(an applied migration changed\)/);
    expect(rebuilt.line).not.toMatch(/error/);
    expect(await generatedText(dir)).toContain('bio');

    // A broken query: its error is printed with file:line:col, the watch goes on; fixed: recovered.
    await save(path.join(dir, 'queries/users.sql'), '-- name: GetUser :one\nSELEC id FROM users WHERE id = :id;\n');
    const broken = await watch.waitFor(/users\.sql changed/);
    expect(broken.line).toMatch(/1 error/);
    expect(broken.before.join('\n')).toMatch(/queries\/users\.sql:2:1.*SELEC/);
    await save(path.join(dir, 'queries/users.sql'), '-- name: GetUser :one\nSELECT id, nickname FROM users WHERE id = :id;\n');
    const fixed = await watch.waitFor(/users\.sql changed/);
    expect(fixed.line).toMatch(/→ 1 query described, 1 module written/);
    expect(fixed.line).not.toMatch(/error/);
    expect(await generatedText(dir)).toContain('nickname');

    // Saved the way editors do (a new file renamed over the old one), twice: still seen each time.
    for (const column of ['email', 'display_name']) {
      await writeFile(path.join(dir, 'queries/users.sql.swap'), `-- name: GetUser :one\nSELECT id, nickname, ${column} FROM users WHERE id = :id;\n`);
      await rename(path.join(dir, 'queries/users.sql.swap'), path.join(dir, 'queries/users.sql'));
      const saved = await watch.waitFor(/changed → /);
      expect(saved.line).toMatch(/^users\.sql changed → 1 query described, 1 module written/);
    }

    // A broken appended migration: reported at its file, the open database kept; fixed: applied.
    await save(path.join(dir, 'migrations/3_age.sql'), 'ALTER TABLE users ADD COLUM age int;\n');
    const badMigration = await watch.waitFor(/3_age\.sql changed/);
    expect(badMigration.line).toMatch(/failed in \d+ ms; still watching$/);
    expect(badMigration.before.join('\n')).toMatch(/migrations\/3_age\.sql:1:/);
    await save(path.join(dir, 'migrations/3_age.sql'), 'ALTER TABLE users ADD COLUMN age int;\n');
    const goodMigration = await watch.waitFor(/3_age\.sql changed/);
    expect(goodMigration.line).toMatch(/migration 3_age\.sql applied/);
    expect(goodMigration.line).not.toMatch(/rebuilt|started|error/);
    expect(await generatedText(dir)).toContain('age');

    // A broken config is reported and survived; a valid one regenerates the modules.
    await save(path.join(dir, 'sqlsure.config.json'), '{ "camelCase": tru }\n');
    const badConfig = await watch.waitFor(/sqlsure\.config\.json changed/);
    expect(badConfig.line).toMatch(/failed in \d+ ms; still watching$/);
    await save(path.join(dir, 'sqlsure.config.json'), '{ "camelCase": true }\n');
    const config = await watch.waitFor(/sqlsure\.config\.json changed/);
    expect(config.line).toMatch(/0 queries described, 2 modules written/);
    const camel = await generatedText(dir);
    expect(camel).toMatch(/^\s+displayName: string \| null;$/m);
    expect(camel).not.toMatch(/^\s+display_name: string \| null;$/m);

    // A deleted query folder is an error, not the end; it coming back is noticed.
    const usersText = await readFile(path.join(dir, 'queries/users.sql'), 'utf8');
    const listText = await readFile(path.join(dir, 'queries/list.sql'), 'utf8');
    const { rm, mkdir } = await import('node:fs/promises');
    await rm(path.join(dir, 'queries'), { recursive: true });
    await watch.waitFor(/failed in \d+ ms; still watching$/);
    await mkdir(path.join(dir, 'queries'));
    await save(path.join(dir, 'queries/list.sql'), listText);
    await save(path.join(dir, 'queries/users.sql'), usersText);
    await appendFile(path.join(dir, 'queries/users.sql'), '\n');
    await watch.waitFor(/changed → .*described, .*written in \d+ ms$/);

    expect(await watch.stop('SIGTERM')).toBe(0);
    expect(watch.lines.join('\n')).toContain('stopped watching');
    expect((await filesUnder(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 240_000);
});

describe('prepare --watch snapshots what it applied', () => {
  it('a migration appended during the watch is in the snapshot the next plain prepare starts from', async () => {
    const dir = await project();
    const env = { DATABASE_URL: undefined, SQLSURE_CACHE_DIR: path.join(dir, '.cache') };
    const watch = new WatchProcess(dir, env);
    watches.push(watch);
    await watch.waitFor(/watching .*queries/);
    await save(path.join(dir, 'migrations/2_nickname.sql'), 'ALTER TABLE users ADD COLUMN nickname text;\n');
    expect((await watch.waitFor(/2_nickname\.sql changed/)).line).toMatch(/migration 2_nickname\.sql applied/);
    expect(await watch.stop('SIGTERM')).toBe(0);

    // Neither initdb nor the appended migration again: the watch left a snapshot of both migrations.
    const next = await runCli(['prepare', '--force'], { cwd: dir, env });
    expect(next.stderr).toContain('embedded PostgreSQL (PGlite): started from the snapshot of 2 migrations');
    expect(next.code).toBe(0);
    expect((await filesUnder(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 180_000);
});

describe('prepare --watch over a real server', async () => {
  const reachable = await serverReachable();
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await db?.drop();
  });

  it.skipIf(!reachable)('keeps the connection and rewrites an edited query; exits 0 on SIGINT', async () => {
    db = await createTestDatabase('sqlsure_watch');
    await runSql(db.url, MIGRATION_1);
    const dir = await project();
    const watch = new WatchProcess(dir, { DATABASE_URL: db.url, SQLSURE_CACHE_DIR: path.join(dir, '.cache') });
    watches.push(watch);
    await watch.waitFor(/watching/);
    await save(path.join(dir, 'queries/users.sql'), '-- name: GetUser :one\nSELECT id, display_name FROM users WHERE id = :id;\n');
    const edited = await watch.waitFor(/users\.sql changed → 1 query described/);
    expect(edited.line).toMatch(/→ 1 query described, 1 module written in \d+ ms$/);
    expect(edited.line).not.toMatch(/connected/);
    expect(await generatedText(dir)).toContain('display_name');

    // The schema changed on the server (as `migrate run` would): the next cycle notices it.
    await runSql(db.url, 'ALTER TABLE users ADD COLUMN nickname text;');
    await appendFile(path.join(dir, 'queries/list.sql'), '\n');
    await watch.waitFor(/list\.sql changed → .*described/);
    expect(await generatedText(dir)).toContain('nickname');

    expect(await watch.stop('SIGINT')).toBe(0);
    expect((await filesUnder(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
