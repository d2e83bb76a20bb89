/**
 * `sqlsure verify --base`: the previous release's cached queries against the current migrations,
 * on a copy of the example project. The base is the cache a prepare of the unchanged copy wrote;
 * each case adds one migration and asks whether the base still works.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runSqlFiles, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { copyExample, makeProject, removeProject, runCli, type CliRun } from '../support/project-dir.js';

const reachable = await serverReachable();
const NEXT = 'migrations/0009_next.sql';

/** Every problem line (`file:line:col: error …`) of a plain-reporter run. */
const errorLines = (run: CliRun) => run.stderr.split('\n').filter((l) => /^\S+:\d+:\d+: error/.test(l));

describe.skipIf(!reachable)('verify --base against PostgreSQL', () => {
  /** The example as released: prepared against a server; its offline-cache is the base. */
  let released: string;
  let baseCache: string;
  const scratch: string[] = [];
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    released = await copyExample();
    const db = await createTestDatabase();
    databases.push(db);
    await runSqlFiles(db.url, path.join(released, 'migrations'));
    const prepared = await runCli(['prepare', '--database-url', db.url, '--force'], { cwd: released });
    expect(prepared.code, prepared.stderr).toBe(0);
    baseCache = await makeProject();
    await cp(path.join(released, 'offline-cache'), baseCache, { recursive: true });
  });
  afterAll(async () => {
    await Promise.all([released, baseCache, ...scratch].filter(Boolean).map(removeProject));
    await Promise.all(databases.map((d) => d.drop()));
  });

  /** The next release: the example plus one migration, applied to a fresh database; then verify. */
  async function verifyWith(migration: string, ...flags: string[]): Promise<CliRun> {
    const dir = await makeProject();
    scratch.push(dir);
    await cp(released, dir, { recursive: true });
    await writeFile(path.join(dir, NEXT), migration);
    const db = await createTestDatabase();
    databases.push(db);
    await runSqlFiles(db.url, path.join(dir, 'migrations'));
    const reporter = flags.includes('--reporter') ? [] : ['--reporter', 'plain'];
    return runCli(['verify', '--base', baseCache, '--database-url', db.url, ...reporter, ...flags], { cwd: dir });
  }

  it('finds nothing when no migration was added', async () => {
    const dir = await makeProject();
    scratch.push(dir);
    await cp(released, dir, { recursive: true });
    const db = await createTestDatabase();
    databases.push(db);
    await runSqlFiles(db.url, path.join(dir, 'migrations'));
    const run = await runCli(['verify', '--base', baseCache, '--database-url', db.url, '--reporter', 'plain'], { cwd: dir });
    expect(run.stderr).toMatch(/verify passed: the \d+ queries of .* still work .*\(0 new migrations\)/);
    expect(run.code).toBe(0);
  });

  it('adding a nullable column is safe', async () => {
    const run = await verifyWith('ALTER TABLE users ADD COLUMN nickname text;\n');
    expect(errorLines(run)).toEqual([]);
    expect(run.stderr).toContain('(1 new migration)');
    expect(run.code).toBe(0);
  });

  it('dropping a used column breaks: names every query using it, its base file:line and the migration', async () => {
    const run = await verifyWith('-- the old name goes\nALTER TABLE oauth_clients ADD COLUMN note text;\nALTER TABLE users DROP COLUMN display_name CASCADE;\n');
    expect(run.code).toBe(1);
    const lines = errorLines(run);
    expect(lines).toContain('queries/users.sql:4:1: error [42703]: GetUserById (previous release) no longer prepares: column "display_name" does not exist');
    expect(lines).toContain('queries/users.sql:29:1: error [42703]: CreateUser (previous release) no longer prepares: column "display_name" of relation "users" does not exist');
    // The server's error position, mapped into the base query file: `display_name` on the query's sixth line.
    expect(lines).toContain('queries/users.sql:39:15: error [42703]: UpdateUserProfile (previous release) no longer prepares: column "display_name" does not exist');
    // The statement that dropped it, not the other one of the same migration.
    expect(run.stderr).toContain(
      'hint: most likely migrations/0009_next.sql:3 (ALTER TABLE users DROP COLUMN display_name CASCADE): this migration breaks the previous release: mark it `-- sqlsure: breaking` or split it',
    );
    // A view the CASCADE dropped is pinned on the migration too.
    expect(lines.some((l) => l.includes('ListActiveSessionsForUser (previous release) no longer prepares: relation "active_sessions" does not exist'))).toBe(true);
    expect(run.stderr).not.toContain('no new migration names what this query uses');
    expect(lines.every((l) => /^queries\//.test(l))).toBe(true);
    expect(run.stderr).toMatch(/verify failed: \d+ of \d+ queries of .* break/);
  });

  it('narrowing a type breaks (the pgType the release decodes changes)', async () => {
    const run = await verifyWith('ALTER TABLE users ALTER COLUMN password_hash TYPE varchar(60);\n');
    expect(run.code).toBe(1);
    expect(errorLines(run)).toContain('queries/users.sql:10:1: error: GetUserByEmail (previous release): column password_hash is varchar now, was text');
    expect(run.stderr).toContain('most likely migrations/0009_next.sql:1 (ALTER TABLE users ALTER COLUMN password_hash TYPE varchar(60))');
  });

  it('a result column becoming nullable breaks; a parameter column refusing NULL breaks', async () => {
    const nullable = await verifyWith('ALTER TABLE users ALTER COLUMN status DROP NOT NULL;\n');
    expect(nullable.code).toBe(1);
    expect(errorLines(nullable)).toContain(
      'queries/users.sql:10:1: error: GetUserByEmail (previous release): column status may be NULL now (column users.status allows NULL), but the previous release reads it as never NULL',
    );

    const notNull = await verifyWith("UPDATE users SET display_name = '' WHERE display_name IS NULL;\nALTER TABLE users ALTER COLUMN display_name SET NOT NULL;\n");
    expect(notNull.code).toBe(1);
    const lines = errorLines(notNull);
    // `:displayName?` lets the old code pass NULL, which the column now refuses.
    expect(lines).toContain('queries/users.sql:29:1: error: CreateUser (previous release): parameter :displayName no longer accepts NULL, which the previous release may pass');
    // Results that became stricter are fine: GetUserById reads display_name, now never NULL.
    expect(lines.some((l) => l.includes('GetUserById'))).toBe(false);
    expect(notNull.stderr).toContain('most likely migrations/0009_next.sql:2 (ALTER TABLE users ALTER COLUMN display_name SET NOT NULL)');
  });

  it('a migration marked `-- sqlsure: breaking` is an acknowledged break: a note, exit 0; --strict fails', async () => {
    const migration = '-- sqlsure: breaking\nALTER TABLE users ALTER COLUMN status DROP NOT NULL;\n';
    const run = await verifyWith(migration);
    expect(errorLines(run)).toEqual([]);
    expect(run.stderr).toContain('queries/users.sql:10:1: note: GetUserByEmail (previous release): column status may be NULL now');
    expect(run.stderr).toContain('which is marked `-- sqlsure: breaking`: an acknowledged break');
    expect(run.stderr).toMatch(/verify passed: .*acknowledged \(marked breaking\)/);
    expect(run.code).toBe(0);

    const strict = await verifyWith(migration, '--strict');
    expect(errorLines(strict)).toContain(
      'queries/users.sql:10:1: error: GetUserByEmail (previous release): column status may be NULL now (column users.status allows NULL), but the previous release reads it as never NULL',
    );
    expect(strict.code).toBe(1);
  });

  it('a base entry naming a file outside the project is reported without reading that file', async () => {
    const crafted = await makeProject();
    scratch.push(crafted);
    await cp(baseCache, crafted, { recursive: true });
    for (const name of await readdir(crafted)) {
      const text = await readFile(path.join(crafted, name), 'utf8');
      if (text.includes('"name": "GetUserByEmail"')) await writeFile(path.join(crafted, name), text.replace('"source": "queries/users.sql:10"', '"source": "../../../../etc/passwd:1"'));
    }
    const dir = await makeProject();
    scratch.push(dir);
    await cp(released, dir, { recursive: true });
    await writeFile(path.join(dir, NEXT), 'ALTER TABLE users ALTER COLUMN status DROP NOT NULL;\n');
    const db = await createTestDatabase();
    databases.push(db);
    await runSqlFiles(db.url, path.join(dir, 'migrations'));
    const run = await runCli(['verify', '--base', crafted, '--database-url', db.url, '--reporter', 'pretty'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: ../../../../etc/passwd:1: GetUserByEmail (previous release): column status may be NULL now');
    expect(run.stderr).not.toContain('root:');
  });

  it('a server behind the current migrations is said to be so, instead of blaming each query', async () => {
    const dir = await makeProject();
    scratch.push(dir);
    await cp(released, dir, { recursive: true });
    await writeFile(path.join(dir, NEXT), 'ALTER TABLE users ADD COLUMN nickname text;\n');
    const db = await createTestDatabase();
    databases.push(db);
    // Only the first migration, recorded by the runner; the other eight are pending.
    await mkdir(path.join(dir, 'first'));
    await cp(path.join(dir, 'migrations/0001_types_and_domains.sql'), path.join(dir, 'first/0001_types_and_domains.sql'));
    const migrated = await runCli(['migrate', 'run', '--migrations', 'first', '--database-url', db.url], { cwd: dir });
    expect(migrated.code, migrated.stderr).toBe(0);
    const run = await runCli(['verify', '--base', baseCache, '--database-url', db.url, '--reporter', 'plain'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(errorLines(run)).toEqual(['migrations:1:1: error: 1 of 9 migrations applied to this database; run `sqlsure migrate run`']);
    expect(run.stderr).toContain('migrate this database first');
  });

  it('json reporter: one document on stdout with each break', async () => {
    const run = await verifyWith('ALTER TABLE users ALTER COLUMN status DROP NOT NULL;\n', '--reporter', 'json');
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { command: string; exitCode: number; problems: Array<{ file: string; line: number; message: string; query?: string }> };
    expect(doc.command).toBe('verify');
    expect(doc.exitCode).toBe(1);
    expect(doc.problems.some((p) => p.file === 'queries/users.sql' && p.line === 10 && p.query === 'GetUserByEmail')).toBe(true);
  });
});

describe('verify --base with the embedded database', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await copyExample();
  });
  afterAll(() => removeProject(dir));

  it('accepts the previous release as a project folder and as a git revision, without touching the work tree', async () => {
    // The previous release, checked out elsewhere: its project root (its offline-cache inside).
    const previous = await copyExample();
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
      git('init', '-q');
      git('add', '.');
      git('commit', '-q', '-m', 'release');
      await writeFile(path.join(dir, NEXT), 'ALTER TABLE users RENAME COLUMN display_name TO full_name;\n');

      const fromFolder = await runCli(['verify', '--base', previous, '--reporter', 'plain'], { cwd: dir, env: { DATABASE_URL: undefined } });
      expect(fromFolder.code).toBe(1);
      expect(errorLines(fromFolder)).toContain('queries/users.sql:4:1: error [42703]: GetUserById (previous release) no longer prepares: column "display_name" does not exist');
      expect(fromFolder.stderr).toContain('most likely migrations/0009_next.sql:1 (ALTER TABLE users RENAME COLUMN display_name TO full_name)');
      expect(fromFolder.stderr).toContain('against the current migrations (embedded PostgreSQL) (1 new migration)');

      const before = git('status', '--porcelain');
      const fromRevision = await runCli(['verify', '--base', 'HEAD', '--reporter', 'plain'], { cwd: dir, env: { DATABASE_URL: undefined } });
      expect(fromRevision.code).toBe(1);
      expect(errorLines(fromRevision)).toEqual(errorLines(fromFolder));
      expect(fromRevision.stderr).toContain('queries of HEAD:offline-cache break');
      expect(git('status', '--porcelain')).toBe(before);

      // Committed, the release is the parent revision: the same verdict, read through `HEAD~1`.
      git('add', NEXT);
      git('commit', '-q', '-m', 'next');
      const parent = await runCli(['verify', '--base', 'HEAD~1', '--reporter', 'plain'], { cwd: dir, env: { DATABASE_URL: undefined } });
      expect(parent.code).toBe(1);
      expect(errorLines(parent)).toEqual(errorLines(fromFolder));
    } finally {
      await removeProject(previous);
    }
  });

  it('a base that is neither a folder nor a revision, or holds no cache, is a usage error (exit 2)', async () => {
    const missing = await runCli(['verify', '--base', 'no-such-release'], { cwd: dir, env: { DATABASE_URL: undefined } });
    expect(missing.stderr).toContain('--base no-such-release: neither a folder nor a git revision');
    expect(missing.code).toBe(2);
    const option = await runCli(['verify', '--base=--output=x'], { cwd: dir, env: { DATABASE_URL: undefined } });
    expect(option.code).toBe(2);
    const empty = await makeProject({ 'README.md': 'nothing here\n' });
    try {
      const run = await runCli(['verify', '--base', empty], { cwd: dir, env: { DATABASE_URL: undefined } });
      expect(run.stderr).toContain('the folder holds no offline cache');
      expect(run.code).toBe(2);
    } finally {
      await removeProject(empty);
    }
    const noFlag = await runCli(['verify'], { cwd: dir });
    expect(noFlag.code).toBe(2);
  });

  it('keeps the work tree and the base untouched', async () => {
    const cacheBefore = await readFile(path.join(dir, 'offline-cache/schema.json'), 'utf8');
    await runCli(['verify', '--base', path.join(dir, 'offline-cache')], { cwd: dir, env: { DATABASE_URL: undefined } });
    expect(await readFile(path.join(dir, 'offline-cache/schema.json'), 'utf8')).toBe(cacheBefore);
  });
});
