/**
 * The deploy story end to end: an application that ships generated/_migrations.ts (compiled like
 * the rest of its code) and imports only it, `sqlsure/migrator` and its own driver applies the
 * example's migrations to an empty database — twice at once, each migration applied once — with
 * no migrations folder and no SQL parser in sight.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations, migrationPolicy } from '../../generated/_migrations.js';
import { migrate, verifySchema } from '../../src/migrator/index.js';
import { createTestDatabase, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { REPO_ROOT } from '../support/project-dir.js';

const VERSIONS = migrations.map((m) => m.version);

const APP = `import pg from 'pg';
import { migrate } from 'sqlsure/migrator';
import { migrations, migrationPolicy } from './_migrations.js';

const pool = new pg.Pool({ connectionString: process.argv[2] });
try {
  const report = await migrate(pool, migrations, { ...migrationPolicy, throwOnFailure: true });
  console.log(JSON.stringify(report.applied.map((a) => String(a.version))));
} finally {
  await pool.end();
}
`;

// Whatever the application loads besides its driver and sqlsure/migrator is a failure.
const HOOK = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  if (/^(libpg-query|@electric-sql\\\\/pglite|yargs|typescript|@pgtyped)(\\\\/|$)/.test(specifier)) throw new Error('the application loaded ' + specifier);
  return next(specifier, context);
}\`));
`;

describe('an application with embedded migrations', () => {
  let app: string;
  beforeAll(async () => {
    app = await mkdtemp(path.join(tmpdir(), 'sqlsure-app-'));
    const source = await readFile(path.join(REPO_ROOT, 'generated/_migrations.ts'), 'utf8');
    const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    await writeFile(path.join(app, '_migrations.js'), compiled);
    await writeFile(path.join(app, 'app.js'), APP);
    await writeFile(path.join(app, 'forbid.mjs'), HOOK);
    await writeFile(path.join(app, 'package.json'), '{ "type": "module" }\n');
    await mkdir(path.join(app, 'node_modules'));
    await symlink(REPO_ROOT, path.join(app, 'node_modules', 'sqlsure'), 'dir');
    await symlink(path.join(REPO_ROOT, 'node_modules', 'pg'), path.join(app, 'node_modules', 'pg'), 'dir');
  });
  afterAll(async () => {
    await rm(app, { recursive: true, force: true });
  });

  it('the example has migrations to embed', () => {
    expect(VERSIONS.length).toBeGreaterThanOrEqual(8);
    expect(migrationPolicy.table).toBe('_sqlsure_migrations');
    for (const m of migrations) expect(m.statements.length).toBeGreaterThan(0);
  });

  describe('on PostgreSQL', () => {
    let db: TestDatabase | undefined;
    beforeAll(async () => {
      if (await serverReachable()) db = await createTestDatabase('sqlsure_app');
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('two instances starting at once apply every migration exactly once', async (ctx) => {
      if (!db) return ctx.skip();
      const start = () =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', './forbid.mjs', 'app.js', db!.url], { cwd: app });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d) => (stdout += d));
          child.stderr.on('data', (d) => (stderr += d));
          child.on('close', (code) => resolve({ code, stdout, stderr }));
        });
      const runs = await Promise.all([start(), start()]);
      for (const r of runs) expect(r.code, r.stderr).toBe(0);
      const applied = runs.flatMap((r) => JSON.parse(r.stdout) as string[]);
      expect(applied.sort((a, b) => Number(a) - Number(b))).toEqual(VERSIONS);

      const pool = new pg.Pool({ connectionString: db.url });
      try {
        const { rows } = await pool.query(`SELECT version::text AS version, success FROM _sqlsure_migrations ORDER BY version`);
        expect(rows).toEqual(VERSIONS.map((version) => ({ version, success: true })));
        const verified = await verifySchema(pool, migrations, migrationPolicy);
        expect(verified.summary).toBe(`database schema is up to date: ${VERSIONS.length} migrations applied, newest ${VERSIONS.at(-1)}`);
        // The example's schema is really there.
        const tables = await pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('users', 'sessions', 'devices')`);
        expect(tables.rows[0].n).toBe(3);
      } finally {
        await pool.end();
      }
    });
  });

  it('on PGlite: two runs at once apply every migration exactly once', async () => {
    const db = new PGlite();
    try {
      const [a, b] = await Promise.all([migrate(db, migrations, migrationPolicy), migrate(db, migrations, migrationPolicy)]);
      expect(a.ok && b.ok).toBe(true);
      expect([...a.applied, ...b.applied].map((s) => String(s.version))).toEqual(VERSIONS);
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM _sqlsure_migrations WHERE success`);
      expect(rows[0]!.n).toBe(VERSIONS.length);
      expect((await verifySchema(db, migrations, migrationPolicy)).ok).toBe(true);
    } finally {
      await db.close();
    }
  });
});
