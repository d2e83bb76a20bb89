/**
 * No password is ever printed, wherever a connection string is shown; a malformed DATABASE_URL
 * is a configuration error (exit 2), not an unreachable database (exit 3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionUrlFor, connectionUrlProblem, redactUrl, scrubSecrets } from '../../src/database/redact-url.js';
import { createTestDatabase, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, runCli } from '../support/project-dir.js';

const SECRET = 'S3cr3t-pw';

describe('redactUrl', () => {
  it.each([
    [`postgres://app:${SECRET}@db:5432/x`, 'postgres://app:***@db:5432/x'],
    [`postgres://app@db/x?password=${SECRET}&sslmode=require`, 'postgres://app@db/x?password=***&sslmode=require'],
    [`postgresql://app:${SECRET}@db/x?sslpassword=${SECRET}2`, 'postgresql://app:***@db/x?sslpassword=***'],
    [`host=db user=app password=${SECRET} dbname=x`, 'host=db user=app password=*** dbname=x'],
    [`host=db password='${SECRET} with \\' quote' dbname=x`, 'host=db password=*** dbname=x'],
    [`postgres://app:${SECRET}@[bad/x?password=${SECRET}`, 'postgres://app:***@[bad/x?password=***'],
    ['postgres://app@db/x', 'postgres://app@db/x'],
  ])('%s → %s', (input, shown) => {
    expect(redactUrl(input)).toBe(shown);
    expect(redactUrl(input)).not.toContain(SECRET);
  });

  it('scrubs the passwords of a connection string out of a driver message', () => {
    expect(scrubSecrets(`database "x" says ${SECRET} and ${SECRET}2`, `postgres://a:${SECRET}@h/x?sslpassword=${SECRET}2`)).toBe('database "x" says *** and ***');
  });
});

describe('connectionUrlProblem', () => {
  it('accepts postgres:// and postgresql:// URLs, libpq key-value strings and socket paths', () => {
    for (const ok of ['postgres://u@h/db', 'postgresql://u:p@h:5433/db?sslmode=disable', 'postgresql:///db?host=/tmp', '/var/run/postgresql db', 'host=h dbname=d']) {
      expect(connectionUrlProblem(ok), ok).toBeUndefined();
    }
  });
  it('refuses other schemes, unparseable URLs and key-value strings, and plain words, showing them redacted', () => {
    expect(connectionUrlProblem(`mysql://u:${SECRET}@h/db`)).toBe('the database URL mysql://u:***@h/db has scheme "mysql:"; expected postgres:// or postgresql://');
    expect(connectionUrlProblem(`postgres://u:${SECRET}@h:port/db`)).toBe('the database URL postgres://u:***@h:port/db is not a valid URL');
    expect(connectionUrlProblem(`host=h password=${SECRET} bogus=1`)).toBe('the connection string host=h password=*** bogus=1 has unknown parameter bogus');
    expect(connectionUrlProblem(`host=h password='${SECRET}`)).toMatch(/^the connection string host=h password=\*\*\* cannot be read: unexpected text at character 17$/);
    expect(connectionUrlProblem('localhost')).toMatch(/is not a connection URL/);
  });
  it('turns a key-value string into the equivalent URL (pg reads only URLs)', () => {
    expect(connectionUrlFor(`host=db port=5433 user='me you' password='it\\'s' dbname=app sslmode=require`)).toBe("postgresql://me%20you:it's@db:5433/app?sslmode=require");
    expect(connectionUrlFor('host=/var/run/postgresql dbname=app')).toBe('postgresql:///app?host=%2Fvar%2Frun%2Fpostgresql');
    expect(connectionUrlFor('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});

const exampleProject = () =>
  makeProject({
    'migrations/1_t.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n',
    'queries/t.sql': '-- name: GetT :maybe\nSELECT id FROM t WHERE id = :id;\n',
  });

describe('the CLI', () => {
  it.each([`mysql://u:${SECRET}@127.0.0.1/db`, `postgres://u:${SECRET}@127.0.0.1:nope/db`, `host=127.0.0.1 password=${SECRET} bogus=1`, 'nonsense'])(
    'DATABASE_URL=%s is a configuration error (exit 2) for prepare and migrate, and shows no password',
    async (url) => {
      const root = await exampleProject();
      for (const args of [['prepare'], ['migrate', 'info']]) {
        const r = await runCli(args, { cwd: root, env: { DATABASE_URL: url } });
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(/the (database URL|connection string) .* (has scheme|is not a valid URL|has unknown parameter|is not a connection URL)/);
        expect(r.stdout + r.stderr).not.toContain(SECRET);
      }
    },
  );

  it('an unreachable server is exit 3, and its message shows no password', async () => {
    const root = await exampleProject();
    const url = `postgres://u:${SECRET}@127.0.0.1:1/db?password=${SECRET}x&sslpassword=${SECRET}y`;
    for (const args of [['prepare'], ['migrate', 'info']]) {
      const r = await runCli(args, { cwd: root, env: { DATABASE_URL: url } });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain('cannot reach the database at postgres://u:***@127.0.0.1:1/db?password=***&sslpassword=***');
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
  });
});

const reachable = await serverReachable();

describe.skipIf(!reachable)('against a server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('"describing against …" and migrate output show the URL with every password masked', async () => {
    const root = await exampleProject();
    // Trust authentication: the passwords are sent nowhere that checks them, but they are in the URL.
    const url = new URL(db.url);
    url.password = SECRET;
    url.searchParams.set('sslpassword', `${SECRET}2`);
    const run = await runCli(['migrate', 'run'], { cwd: root, env: { DATABASE_URL: url.toString() } });
    expect(run.code, run.stderr).toBe(0);
    const prepare = await runCli(['prepare'], { cwd: root, env: { DATABASE_URL: url.toString() } });
    expect(prepare.code, prepare.stderr).toBe(0);
    expect(prepare.stdout + prepare.stderr).toMatch(/describing against postgres:\/\/postgres:\*\*\*@/);
    for (const r of [run, prepare]) expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('a libpq key-value connection string works, shown with its password masked', async () => {
    const root = await exampleProject();
    const url = new URL(db.url);
    const keyValue = `host=${url.hostname} port=${url.port || 5432} user=${url.username} password='${SECRET} x' dbname=${url.pathname.slice(1)}`;
    const run = await runCli(['migrate', 'run'], { cwd: root, env: { DATABASE_URL: keyValue } });
    expect(run.code, run.stderr).toBe(0);
    const prepare = await runCli(['prepare'], { cwd: root, env: { DATABASE_URL: keyValue } });
    expect(prepare.code, prepare.stderr).toBe(0);
    expect(prepare.stderr).toContain(`describing against host=${url.hostname} port=${url.port || 5432} user=${url.username} password=*** dbname=`);
    for (const r of [run, prepare]) expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});
