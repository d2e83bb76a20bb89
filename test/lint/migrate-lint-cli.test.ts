/**
 * `sqlsure migrate lint` on a copy of the example: which migrations are new (committed
 * migrations.json, --base, pending in DATABASE_URL, --all), exit codes, config severities, reporters.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { copyExample, REPO_ROOT, removeProject, runCli, type CliRun } from '../support/project-dir.js';

const NEXT = 'migrations/0009_next.sql';
const NEXT_SQL = `-- Speed up lookups by address; sessions no longer know their device.

CREATE INDEX sessions_ip_idx ON sessions (ip_address);

-- sqlsure-lint-ignore set-not-null: sessions is tiny in every deployment
ALTER TABLE sessions ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE sessions DROP COLUMN device_id;
`;
const offline = { DATABASE_URL: undefined };
const lines = (run: CliRun, level = 'error') => run.stderr.split('\n').filter((l) => new RegExp(`^\\S+:\\d+:\\d+: ${level}`).test(l));

describe('sqlsure migrate lint', () => {
  let dir: string;
  const scratch: string[] = [];
  beforeAll(async () => {
    dir = await copyExample();
    scratch.push(dir);
  });
  afterAll(async () => {
    for (const d of scratch) await removeProject(d);
  });

  it('passes on the example: nothing new, and --all finds nothing on its migrations', async () => {
    const none = await runCli(['migrate', 'lint', '--root', dir], { env: offline });
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('0 of 8 migrations: migrations not yet in offline-cache/migrations.json');
    const all = await runCli(['migrate', 'lint', '--root', dir, '--all'], { env: offline });
    expect(all.code, all.stderr).toBe(0);
    expect(all.stderr).toContain('8 of 8 migrations');
  });

  it('fails on a new migration that would lock or break production, naming rule, position and queries', async () => {
    await writeFile(path.join(dir, NEXT), NEXT_SQL);
    const run = await runCli(['migrate', 'lint', '--root', dir, '--reporter', 'plain'], { env: offline });
    expect(run.code, run.stderr).toBe(1);
    expect(lines(run).map((l) => l.replace(/\]:.*/, ']'))).toEqual([
      'migrations/0009_next.sql:3:1: error [require-concurrent-index]',
      'migrations/0009_next.sql:7:1: error [drop-in-use]',
    ]);
    expect(run.stderr).toMatch(/DROP COLUMN sessions\.device_id: \d+ cached quer(y uses|ies use) it: \w+ \(queries\/sessions\.sql:\d+\)/);
    expect(run.stderr).toContain('hint: use CREATE INDEX CONCURRENTLY');
    expect(run.stderr).toContain('1 of 9 migrations: migrations not yet in offline-cache/migrations.json, 1 ignored by comment');
  });

  it('--base <folder> lints the migrations the previous release did not have', async () => {
    const run = await runCli(['migrate', 'lint', '--root', dir, '--base', REPO_ROOT, '--reporter', 'json'], { env: offline });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.command).toBe('migrate lint');
    expect(doc.problems.map((p: { code: string; line: number; column: number; severity: string }) => [p.code, p.line, p.column, p.severity])).toEqual([
      ['require-concurrent-index', 3, 1, 'error'],
      ['drop-in-use', 7, 1, 'error'],
    ]);
    expect(run.stderr).toContain('migrations not in offline-cache');
  });

  it('--base <git revision> reads that revision\'s committed cache without touching the work tree', async () => {
    const repo = await copyExample();
    scratch.push(repo);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'release');
    await writeFile(path.join(repo, NEXT), NEXT_SQL);
    const run = await runCli(['migrate', 'lint', '--root', repo, '--base', 'HEAD', '--reporter', 'plain'], { env: offline, cwd: repo });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('1 of 9 migrations: migrations not in HEAD:offline-cache');
    expect(lines(run)).toHaveLength(2);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' })).toBe('?? migrations/0009_next.sql\n');
    const none = await runCli(['migrate', 'lint', '--root', repo, '--base', 'no-such-release'], { env: offline, cwd: repo });
    expect(none.code).toBe(2);
  });

  it('rules set to "warn" report without failing; "off" silences; an unknown rule name is a config error', async () => {
    const config = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(path.join(dir, 'sqlsure.config.json'), 'utf8')));
    const write = (rules: Record<string, string>) => writeFile(path.join(dir, 'sqlsure.config.json'), JSON.stringify({ ...config, lint: { rules } }));
    await write({ 'require-concurrent-index': 'warn', 'drop-in-use': 'off' });
    const warned = await runCli(['migrate', 'lint', '--root', dir, '--reporter', 'plain'], { env: offline });
    expect(warned.code, warned.stderr).toBe(0);
    expect(lines(warned, 'warning').map((l) => l.replace(/\]:.*/, ']'))).toEqual(['migrations/0009_next.sql:3:1: warning [require-concurrent-index]']);
    expect(lines(warned)).toEqual([]);
    const github = await runCli(['migrate', 'lint', '--root', dir, '--reporter', 'github'], { env: offline });
    expect(github.stdout).toMatch(/^::warning file=.*0009_next\.sql,line=3,col=1/m);
    await write({ 'require-concurent-index': 'warn' });
    const bad = await runCli(['migrate', 'lint', '--root', dir], { env: offline });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rule "require-concurent-index"');
    await write({ 'require-concurrent-index': 'loud' });
    expect((await runCli(['migrate', 'lint', '--root', dir], { env: offline })).code).toBe(2);
    await writeFile(path.join(dir, 'sqlsure.config.json'), JSON.stringify(config));
  });

  it('"lint": { "inCheck": true } makes check lint the new migrations too (offline)', async () => {
    const fresh = await copyExample();
    scratch.push(fresh);
    const configFile = path.join(fresh, 'sqlsure.config.json');
    const config = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(configFile, 'utf8')));
    await writeFile(configFile, JSON.stringify({ ...config, lint: { inCheck: true } }));
    const clean = await runCli(['check', '--root', fresh, '--reporter', 'plain'], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect(clean.code, clean.stderr).toBe(0);
    await writeFile(path.join(fresh, NEXT), NEXT_SQL);
    const run = await runCli(['check', '--root', fresh, '--reporter', 'plain'], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect(run.code, run.stderr).toBe(1);
    expect(lines(run).filter((l) => l.includes(': error [')).map((l) => l.replace(/\]:.*/, ']')), run.stderr).toEqual([
      'migrations/0009_next.sql:3:1: error [require-concurrent-index]',
      'migrations/0009_next.sql:7:1: error [drop-in-use]',
    ]);
    expect(run.stderr).toContain('2 migration lint errors');
    await writeFile(configFile, JSON.stringify(config));
    const off = await runCli(['check', '--root', fresh, '--reporter', 'plain'], { env: offline });
    expect(off.stderr).not.toContain('[require-concurrent-index]');
  });

  it('an unreachable database to compare with exits 3; --all with --base is a usage error', async () => {
    const run = await runCli(['migrate', 'lint', '--root', dir, '--database-url', 'postgres://nobody@127.0.0.1:1/none'], { env: offline });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('cannot reach the database');
    expect((await runCli(['migrate', 'lint', '--root', dir, '--all', '--base', REPO_ROOT], { env: offline })).code).toBe(2);
  });

  it('an unparsable new migration fails with its position', async () => {
    const broken = await copyExample();
    scratch.push(broken);
    await writeFile(path.join(broken, NEXT), 'SELECT 1;\nCREATE INDEX ON sessions (;\n');
    const run = await runCli(['migrate', 'lint', '--root', broken, '--reporter', 'plain'], { env: offline });
    expect(run.code).toBe(1);
    expect(lines(run)[0]).toMatch(/^migrations\/0009_next\.sql:2:\d+: error \[syntax\]: syntax error/);
  });
});

const reachable = await serverReachable();

describe.skipIf(!reachable)('sqlsure migrate lint against DATABASE_URL', () => {
  let dir: string;
  let db: TestDatabase;
  beforeAll(async () => {
    dir = await copyExample();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    await removeProject(dir);
  });

  it('lints the migrations pending in the database', async () => {
    const applied = await runCli(['migrate', 'run', '--root', dir, '--target-version', '7'], { env: { DATABASE_URL: db.url } });
    expect(applied.code, applied.stderr).toBe(0);
    await mkdir(path.join(dir, 'migrations'), { recursive: true });
    await writeFile(path.join(dir, NEXT), NEXT_SQL);
    const run = await runCli(['migrate', 'lint', '--root', dir, '--reporter', 'plain'], { env: { DATABASE_URL: db.url } });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('2 of 9 migrations: migrations pending in the database');
    expect(lines(run).length).toBe(2);
  });
});
