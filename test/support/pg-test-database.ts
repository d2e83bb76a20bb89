/**
 * Real PostgreSQL for tests: each test file creates its own randomly named database and drops it
 * afterwards. Without a reachable server the suite is skipped loudly — unless REQUIRE_REAL_PG=1
 * (CI), where that is a failure.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | undefined;

/** Whether the test server answers; throws under REQUIRE_REAL_PG=1 when it does not. */
export function serverReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (err) {
      if (process.env.REQUIRE_REAL_PG === '1') {
        throw new Error(`REQUIRE_REAL_PG=1 but PostgreSQL at ${TEST_DATABASE_URL} is unreachable: ${(err as Error).message}`);
      }
      console.warn(
        `\n!!! PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${(err as Error).message}); ` +
          'suites that need a real server are SKIPPED. Set TEST_DATABASE_URL or REQUIRE_REAL_PG=1.\n',
      );
      return false;
    }
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
