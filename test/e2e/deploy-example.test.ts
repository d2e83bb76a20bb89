/**
 * examples/deploy.ts, run as the README shows it (`npx tsx examples/deploy.ts migrate|start`)
 * against a scratch PostgreSQL database: `start` refuses a database that lacks the migrations,
 * `migrate` applies them from generated/_migrations.ts, and `start` then accepts the schema.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { REPO_ROOT, type CliRun } from '../support/project-dir.js';

const reachable = await serverReachable();
/** Three tsx processes, each compiling the example on start: slow on a loaded machine. */
const SLOW = 300_000;

function deploy(command: string, databaseUrl: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['examples/deploy.ts', command], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe.skipIf(!reachable)('examples/deploy.ts', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlsure_deploy_example');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('start refuses an unmigrated database; migrate applies every migration; start then accepts it', async () => {
    const before = await deploy('start', db.url);
    expect(before.code, before.stderr).toBe(1);
    expect(before.stderr).toMatch(/run the migrations first/);
    const migrate = await deploy('migrate', db.url);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stderr).toMatch(/applied 1 \(types and domains\).* 8 \(session last seen\)/);
    const after = await deploy('start', db.url);
    expect(after.code, after.stderr).toBe(0);
  }, SLOW);
});
