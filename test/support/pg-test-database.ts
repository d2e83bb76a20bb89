/**
 * Real PostgreSQL for tests: each test file creates its own randomly named database and drops it
 * afterwards. A server that cannot be reached fails the run (see unreachableServerMessage) —
 * except with SQLSURE_TEST_SKIP_PG=1, a deliberate opt-out that skips those suites loudly.
 * REQUIRE_REAL_PG=1 (CI) forbids even that opt-out.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether the developer explicitly chose to run without PostgreSQL (never in CI). */
export function skipPgRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SQLSURE_TEST_SKIP_PG === '1' && env.REQUIRE_REAL_PG !== '1';
}

/** Why a run stops when the server is unreachable, and the three ways forward. */
export function unreachableServerMessage(reason: string, env: NodeJS.ProcessEnv = process.env): string {
  const ci = env.REQUIRE_REAL_PG === '1' && env.SQLSURE_TEST_SKIP_PG === '1' ? '\n(REQUIRE_REAL_PG=1 is set, so SQLSURE_TEST_SKIP_PG=1 is ignored.)' : '';
  return (
    `PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${reason}).\n` +
    'The suites that need a real server cannot run, so the test run fails instead of passing without them.\n' +
    '  - start PostgreSQL 15 on 127.0.0.1:5432 (user postgres, trust auth), e.g. `pg_ctlcluster 15 main start`\n' +
    '    or `docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15`;\n' +
    '  - or point TEST_DATABASE_URL at a server where that user may CREATE DATABASE;\n' +
    '  - or run without them, knowingly: SQLSURE_TEST_SKIP_PG=1 npm test (those suites are reported as skipped).' +
    ci
  );
}

/** Connects once; resolves to the failure reason, or undefined when the server answers. */
export async function probeServer(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (err) {
    await client.end().catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    return e.code ? `${e.code}: ${e.message}` : e.message;
  }
}

let reachable: Promise<boolean> | undefined;

/**
 * Whether the test server answers. Unreachable: throws (failing the file) unless the developer
 * opted out with SQLSURE_TEST_SKIP_PG=1, in which case the suites using it are skipped loudly.
 */
export function serverReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const failure = await probeServer();
    if (failure === undefined) return true;
    if (!skipPgRequested()) throw new Error(unreachableServerMessage(failure));
    console.warn(`\n!!! SQLSURE_TEST_SKIP_PG=1: PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${failure}); suites that need a real server are SKIPPED.\n`);
    return false;
  })();
  return reachable;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'sqlsure_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs every `.sql` file of a folder in version order, each as one multi-statement script. */
export async function runSqlFiles(url: string, dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort((a, b) => versionOf(a) - versionOf(b) || (a < b ? -1 : 1));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const f of files) await client.query(await readFile(path.join(dir, f), 'utf8'));
  } finally {
    await client.end();
  }
}

export async function runSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function versionOf(file: string): number {
  return Number(/^(\d+)/.exec(file)?.[1] ?? 0);
}
