/**
 * The type matrix, end to end: the matrix queries (test/runtime/type-matrix/matrix.ts) are
 * prepared by the real CLI into a temporary project, generated in each int8 mode, type-checked,
 * and run by child processes in TZ=UTC, America/New_York and Asia/Tokyo (one process per time
 * zone: TZ must be fixed before any Date exists) on a pg Pool, a pg transaction, PGlite and a bare
 * PGlite transaction — one of them with hostile global pg-types and PGlite parsers installed.
 * Every returned value must match its declared TypeScript type, and every parameter value of the
 * declared type must come back unchanged.
 */
import { spawn } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { makeProject, removeProject, REPO_ROOT, runCli, runTsc } from '../support/project-dir.js';
import { EXTRA_QUERIES, matrixQueries, SCHEMA } from './type-matrix/matrix.js';

const reachable = await serverReachable();
const TIME_ZONES = ['UTC', 'America/New_York', 'Asia/Tokyo'];
const HOSTILE_IN = 'Asia/Tokyo';

interface ChildReport {
  tz: string;
  failures: string[];
  checkedValues: number;
  roundTrips: number;
  unavailable: string[];
}

describe('type matrix: declared types are true on pg and PGlite in every time zone', () => {
  let database: TestDatabase | undefined;
  let dir = '';

  beforeAll(async () => {
    dir = await makeProject({
      'migrations/0001_matrix.sql': SCHEMA,
      'queries/matrix.sql': matrixQueries(),
      'queries/extra.sql': EXTRA_QUERIES,
      'sqlsure.string.json': JSON.stringify({ int8: 'string' }),
      'sqlsure.bigint.json': JSON.stringify({ int8: 'bigint' }),
      'sqlsure.number.json': JSON.stringify({ int8: 'number' }),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
        include: ['generated-*/**/*.ts'],
      }),
    });
    await mkdir(path.join(dir, 'node_modules'), { recursive: true });
    await symlink(REPO_ROOT, path.join(dir, 'node_modules', 'sqlsure'), 'dir');
    await symlink(path.join(REPO_ROOT, 'node_modules', '@types'), path.join(dir, 'node_modules', '@types'), 'dir');
    if (reachable) {
      database = await createTestDatabase('sqlsure_matrix');
      await runSql(database.url, SCHEMA);
    }
    // Without a server, prepare describes against the embedded PGlite instead.
    const env = { DATABASE_URL: database?.url };
    const prepared = await runCli(['prepare', '--root', dir, '--config', path.join(dir, 'sqlsure.string.json'), '--generated', 'generated-string'], { env, cwd: dir });
    expect(prepared.code, prepared.stdout + prepared.stderr).toBe(0);
    for (const mode of ['bigint', 'number']) {
      const generated = await runCli(['generate', '--root', dir, '--config', path.join(dir, `sqlsure.${mode}.json`), '--generated', `generated-${mode}`], { env, cwd: dir });
      expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    }
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) await removeProject(dir);
  });

  it('the generated modules of every int8 mode compile under --strict', async () => {
    const run = await runTsc(dir);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('every value has its declared type and every parameter round-trips, per time zone and driver', async () => {
    const reports = await Promise.all(TIME_ZONES.map((tz) => runChild(dir, tz, database?.url)));
    for (const report of reports) {
      expect(report.failures, `TZ=${report.tz}`).toEqual([]);
      // Not vacuous: four handles (two without a server) × three int8 modes × the whole matrix.
      expect(report.checkedValues).toBeGreaterThan(reachable ? 20_000 : 10_000);
      expect(report.roundTrips).toBeGreaterThan(reachable ? 2_500 : 1_200);
      // Only PGlite may lack xml (it is built without libxml).
      for (const u of report.unavailable) expect(u).toMatch(/^PGlite.* xml$/);
    }
  }, 600_000);
});

function runChild(dir: string, tz: string, databaseUrl: string | undefined): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, TZ: tz, MATRIX_PROJECT: dir, MATRIX_HOSTILE: tz === HOSTILE_IN ? '1' : '0' };
    if (databaseUrl) env.MATRIX_DATABASE_URL = databaseUrl;
    else delete env.MATRIX_DATABASE_URL;
    const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
    const child = spawn(tsx, [path.join(REPO_ROOT, 'test/runtime/type-matrix/child.ts')], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ChildReport);
      } catch {
        reject(new Error(`matrix child for TZ=${tz} exited ${code} without a report:\n${stdout}\n${stderr}`));
      }
    });
  });
}
