/**
 * verifySchema and migrate from `sqlsure/migrator`, in every state a start-up can meet, on a real
 * PostgreSQL (through a pg Pool) and on PGlite.
 */
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrationInfo } from '../../src/migrate/migration-info.js';
import { formatInfoTable } from '../../src/migrate/format-info-table.js';
import type { Migration } from '../../src/migrate/migration.js';
import { pgliteConnection } from '../../src/migrator/database-handle.js';
import { migrate, verifySchema, SchemaVerificationError, MigrateError, type EmbeddedMigration, type MigratorDatabase } from '../../src/migrator/index.js';
import { createTestDatabase, serverReachable, type TestDatabase } from '../support/pg-test-database.js';

const sha384 = (text: string) => createHash('sha384').update(text).digest('hex');

/** A migration as generated/_migrations.ts carries it; the checksum is of the statements joined. */
function mig(version: number, statements: string[], flags: { noTransaction?: boolean; breaking?: boolean; description?: string } = {}): EmbeddedMigration {
  const description = flags.description ?? `step ${version}`;
  return {
    version: String(version),
    description,
    file: `migrations/${version}_${description.replace(/ /g, '_')}.sql`,
    checksum: sha384(statements.join(';\n')),
    noTransaction: flags.noTransaction ?? false,
    breaking: flags.breaking ?? false,
    statements: statements.map((sql, i) => ({ line: i + 1, column: 1, sql })),
  };
}

const ONE = mig(1, ['CREATE TABLE accounts (id int PRIMARY KEY)']);
const TWO = mig(2, ['ALTER TABLE accounts ADD COLUMN email text']);
const THREE = mig(3, ['CREATE TABLE notes (id int)']);
const TWO_EDITED = { ...mig(2, ['ALTER TABLE accounts ADD COLUMN email text ']), description: TWO.description, file: TWO.file };

interface Target {
  db: MigratorDatabase;
  /** Counts statements sent through `db` by verifySchema. */
  counted: () => { db: MigratorDatabase; count: () => number };
  sql: (text: string) => Promise<Array<Record<string, unknown>>>;
  close: () => Promise<void>;
}

const kinds: Array<[string, () => Promise<Target | undefined>]> = [
  [
    'PostgreSQL (pg Pool)',
    async () => {
      if (!(await serverReachable())) return undefined;
      const database: TestDatabase = await createTestDatabase('sqlsure_migrator');
      const pool = new pg.Pool({ connectionString: database.url, max: 4 });
      return {
        db: pool,
        counted: () => {
          let n = 0;
          const wrapper = { query: (text: string, values?: unknown[]) => (n++, pool.query(text, values)) };
          return { db: wrapper, count: () => n };
        },
        sql: async (text) => (await pool.query(text)).rows,
        close: async () => {
          await pool.end();
          await database.drop();
        },
      };
    },
  ],
  [
    'PGlite',
    async () => {
      const db = new PGlite();
      await db.waitReady;
      return {
        db,
        counted: () => {
          let n = 0;
          const wrapper = { query: (text: string, params?: unknown[]) => (n++, db.query(text, params)), exec: (text: string) => db.exec(text) };
          return { db: wrapper, count: () => n };
        },
        sql: async (text) => ((await db.exec(text)).at(-1)?.rows ?? []) as Array<Record<string, unknown>>,
        close: () => db.close(),
      };
    },
  ],
];

describe.each(kinds)('verifySchema and migrate on %s', (_kind, open) => {
  let t: Target | undefined;
  beforeEach(async (ctx) => {
    t = await open();
    if (!t) ctx.skip();
  });
  afterEach(async () => {
    await t?.close();
  });

  it('an empty database: every known migration pending; then up to date, in one query', async () => {
    const before = await verifySchema(t!.db, [ONE, TWO]);
    expect(before.ok).toBe(false);
    expect(before.problems.map((p) => [p.kind, 'version' in p ? p.version : undefined])).toEqual([['pending', 1n], ['pending', 2n]]);
    expect(before.summary).toBe('database schema does not match this build: 2 pending (1, 2)');
    await expect(verifySchema(t!.db, [ONE, TWO], { throwOnProblem: true })).rejects.toThrow(SchemaVerificationError);

    const run = await migrate(t!.db, [ONE, TWO]);
    expect(run.ok).toBe(true);
    expect(run.applied.map((a) => a.version)).toEqual([1n, 2n]);
    expect(run.summary).toBe('migrations: applied 1 (step 1), 2 (step 2)');

    const { db, count } = t!.counted();
    const after = await verifySchema(db, [ONE, TWO], { throwOnProblem: true });
    expect(after).toMatchObject({ ok: true, problems: [], notices: [], applied: 2, known: 2 });
    expect(after.summary).toBe('database schema is up to date: 2 migrations applied, newest 2');
    expect(count()).toBe(1);
    expect((await migrate(t!.db, [ONE, TWO])).summary).toBe('migrations: the database is up to date');
  });

  it('pending: a build with a migration the database does not have yet', async () => {
    await migrate(t!.db, [ONE]);
    const r = await verifySchema(t!.db, [ONE, TWO]);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ kind: 'pending', version: 2n, description: 'step 2', message: 'migration 2 (step 2) has not been applied' }]);
  });

  it('unknown applied: refused, unless listed in allowMissing', async () => {
    await migrate(t!.db, [ONE, TWO, THREE]);
    const refused = await verifySchema(t!.db, [ONE, THREE]);
    expect(refused.ok).toBe(false);
    expect(refused.problems).toEqual([{ kind: 'unknown-applied', version: 2n, description: 'step 2', message: 'migration 2 (step 2) is applied but unknown to this build' }]);
    expect(refused.summary).toBe('database schema does not match this build: 1 applied but unknown to this build (2)');

    const allowed = await verifySchema(t!.db, [ONE, THREE], { allowMissing: ['2'] });
    expect(allowed.ok).toBe(true);
    expect(allowed.notices.map((n) => [n.kind, n.version])).toEqual([['allowed-missing', 2n]]);
    expect((await migrate(t!.db, [ONE, THREE], { allowMissing: [2] })).ok).toBe(true);
    expect((await migrate(t!.db, [ONE, THREE])).ok).toBe(false);
  });

  it('a changed checksum: refused, unless the recorded one is an alternate', async () => {
    await migrate(t!.db, [ONE, TWO]);
    const refused = await verifySchema(t!.db, [ONE, TWO_EDITED]);
    expect(refused.ok).toBe(false);
    expect(refused.problems).toMatchObject([{ kind: 'checksum-mismatch', version: 2n, recorded: TWO.checksum, expected: TWO_EDITED.checksum }]);
    const migrateRefused = await migrate(t!.db, [ONE, TWO_EDITED]);
    expect(migrateRefused.ok).toBe(false);
    expect(migrateRefused.problems[0]!.message).toContain('was modified after it was applied');
    await expect(migrate(t!.db, [ONE, TWO_EDITED], { throwOnFailure: true })).rejects.toThrow(MigrateError);

    const policy = { alternateChecksums: { '2': [TWO.checksum.slice(0, 12)] } };
    const accepted = await verifySchema(t!.db, [ONE, TWO_EDITED], policy);
    expect(accepted.ok).toBe(true);
    expect(accepted.notices).toMatchObject([{ kind: 'alternate-checksum', version: 2n, recorded: TWO.checksum }]);
    expect((await migrate(t!.db, [ONE, TWO_EDITED], policy)).ok).toBe(true);
  });

  it('dirty: a no-transaction migration that failed part-way', async () => {
    const broken = mig(2, ['CREATE TABLE half (id int)', 'SELECT no_such_column FROM half'], { noTransaction: true });
    const run = await migrate(t!.db, [ONE, broken]);
    expect(run.ok).toBe(false);
    expect(run.failed).toMatchObject({ version: 2n, dirty: true, completed: 1, total: 2 });
    expect(run.problems[0]).toMatchObject({ file: broken.file, position: { line: 2, column: 8 }, code: '42703' });
    const r = await verifySchema(t!.db, [ONE, broken]);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.kind)).toEqual(['dirty']);
    expect(r.summary).toBe('database schema does not match this build: 1 dirty (2)');
    expect((await migrate(t!.db, [ONE, broken])).problems[0]!.message).toContain('is dirty');
  });

  it('a database past a breaking migration refuses an older build; past non-breaking ones it starts with a notice', async () => {
    const dropOld = mig(4, ['ALTER TABLE accounts DROP COLUMN email'], { breaking: true, description: 'drop email' });
    // The newer release: 1, 2, 3 (non-breaking), then 4 (breaking).
    expect((await migrate(t!.db, [ONE, TWO, THREE])).ok).toBe(true);

    // A rollback to the release that knew only 1 and 2: 3 is newer but not breaking.
    const older = await verifySchema(t!.db, [ONE, TWO]);
    expect(older.ok).toBe(true);
    expect(older.notices).toMatchObject([{ kind: 'newer-applied', version: 3n }]);
    expect(older.summary).toBe('database schema is up to date: 2 migrations applied, newest 2; 1 newer from a later release, none breaking (3)');
    const olderRun = await migrate(t!.db, [ONE, TWO]);
    expect(olderRun.ok).toBe(true);
    expect(olderRun.applied).toEqual([]);
    expect(olderRun.notices[0]).toContain('applied by a newer release (3 (step 3)');

    expect((await migrate(t!.db, [ONE, TWO, THREE, dropOld])).applied.map((a) => a.version)).toEqual([4n]);
    for (const build of [[ONE, TWO], [ONE, TWO, THREE]]) {
      const r = await verifySchema(t!.db, build);
      expect(r.ok).toBe(false);
      expect(r.compatibilityFloor).toEqual({ version: 4n, description: 'drop email' });
      expect(r.problems).toEqual([
        {
          kind: 'incompatible',
          floor: { version: 4n, description: 'drop email' },
          newestKnown: build.at(-1)!.version === '3' ? 3n : 2n,
          message: `this database was migrated by a newer release that is not backwards compatible with this one: migration 4 (drop email) is breaking, and the newest migration this release knows is ${build.at(-1)!.version}`,
        },
      ]);
      expect(r.summary).toBe(r.problems[0]!.message);
      const refused = await migrate(t!.db, build);
      expect(refused.ok).toBe(false);
      expect(refused.problems[0]!.message).toBe(r.problems[0]!.message);
    }
    // The release with the breaking migration, and later ones, are fine.
    expect((await verifySchema(t!.db, [ONE, TWO, THREE, dropOld])).ok).toBe(true);
    const five = mig(5, ['CREATE TABLE later (id int)']);
    expect((await migrate(t!.db, [ONE, TWO, THREE, dropOld, five])).ok).toBe(true);
    expect((await verifySchema(t!.db, [ONE, TWO, THREE, dropOld])).notices.map((n) => n.kind)).toEqual(['newer-applied']);
    expect(await t!.sql(`SELECT version::text AS version, description FROM _sqlsure_migrations_compat`)).toEqual([{ version: '4', description: 'drop email' }]);
  });

  it('a breaking migration run outside a transaction raises the floor only once it succeeded', async () => {
    const failing = mig(2, ['CREATE INDEX CONCURRENTLY accounts_id ON accounts (id)', 'SELECT nope'], { noTransaction: true, breaking: true });
    await migrate(t!.db, [ONE, failing]);
    expect((await verifySchema(t!.db, [ONE])).problems.map((p) => p.kind)).toEqual(['dirty']);
    expect(await t!.sql(`SELECT * FROM _sqlsure_migrations_compat`)).toEqual([]);
  });

  it('adopts a sqlx database: --table _sqlx_migrations with raw-byte checksums', async () => {
    // What sqlx leaves behind: its table layout, one applied migration, a checksum of the file's bytes.
    const file = 'CREATE TABLE accounts (id int PRIMARY KEY);\r\n';
    await t!.sql(`CREATE TABLE _sqlx_migrations (
      version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
      success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL);
      CREATE TABLE accounts (id int PRIMARY KEY);
      INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
        VALUES (1, 'step 1', true, decode('${sha384(file)}', 'hex'), 1000)`);
    const sqlxOne = { ...ONE, checksum: sha384(file) };
    const policy = { table: '_sqlx_migrations' };
    const before = await verifySchema(t!.db, [sqlxOne, TWO], policy);
    expect(before.problems.map((p) => p.kind)).toEqual(['pending']);
    const run = await migrate(t!.db, [sqlxOne, TWO], policy);
    expect(run.ok).toBe(true);
    expect(run.applied.map((a) => a.version)).toEqual([2n]);
    expect((await verifySchema(t!.db, [sqlxOne, TWO], policy)).ok).toBe(true);
    expect(await t!.sql(`SELECT version::text AS version, success FROM _sqlx_migrations ORDER BY version`)).toEqual([
      { version: '1', success: true },
      { version: '2', success: true },
    ]);
    expect(await t!.sql(`SELECT to_regclass('_sqlsure_migrations') IS NULL AS absent`)).toEqual([{ absent: true }]);
  });
});

describe('migrate info shows the compatibility floor', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  afterAll(async () => {
    await db.close();
  });

  it('names the newest applied breaking migration and marks breaking ones', async () => {
    const dropOld = mig(2, ['ALTER TABLE accounts ADD COLUMN x int'], { breaking: true, description: 'drop old' });
    await migrate(db, [ONE, dropOld]);
    const local = [ONE, dropOld].map(
      (m): Migration => ({ version: BigInt(m.version), description: m.description, file: m.file, kind: 'simple', upSql: '', checksum: Buffer.from(m.checksum, 'hex'), noTransaction: m.noTransaction, breaking: m.breaking }),
    );
    const info = await migrationInfo(pgliteConnection(db), local);
    expect(info.compatibilityFloor).toEqual({ version: 2n, description: 'drop old' });
    const table = formatInfoTable(info).split('\n');
    expect(table[2]).toMatch(/^2 +drop old +applied +[0-9a-f]{12} +\S+ \S+ +breaking$/);
    expect(table.at(-1)).toBe('compatibility floor: 2 (drop old), the newest applied breaking migration; releases whose newest migration is older refuse to start');
  });
});
