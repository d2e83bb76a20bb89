/**
 * `sqlsure migrate …` end to end against PostgreSQL: atomic migrations, error positions, refusals
 * and their escape hatches, revert, repair, info, dry runs, adopting a sqlx database.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { migrateInProcess } from '../support/migrate-in-process.js';
import { makeProject, removeProject, runCli } from '../support/project-dir.js';

const reachable = await serverReachable();

describe.skipIf(!reachable)('sqlsure migrate against PostgreSQL', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let dir: string;

  // In-process (the CLI's command function, output captured); one spawned CLI per exit code below.
  const migrate = (...args: string[]) => migrateInProcess([...args, '--database-url', db.url], dir);
  const migrateCli = (...args: string[]) => runCli(['migrate', ...args, '--database-url', db.url], { cwd: dir });
  const sql = async <T = Record<string, unknown>>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[];
  const exists = async (relation: string) => (await sql<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [relation]))[0]!.r !== null;
  const rows = async (table = '_sqlsure_migrations') =>
    sql<{ version: string; description: string; success: boolean; checksum: string; execution_time: string }>(
      `SELECT version::text, description, success, encode(checksum, 'hex') AS checksum, execution_time::text FROM ${table} ORDER BY version`,
    );
  const write = (name: string, content: string | Buffer) => writeFile(path.join(dir, 'migrations', name), content);
  const project = async (files: Record<string, string>) => {
    dir = await makeProject(Object.fromEntries(Object.entries(files).map(([k, v]) => [k.includes('/') ? k : `migrations/${k}`, v])));
    await mkdir(path.join(dir, 'migrations'), { recursive: true });
  };

  beforeAll(async () => {
    db = await createTestDatabase('sqlsure_migrate');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });
  beforeEach(async () => {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS ops CASCADE');
  });
  afterEach(async () => {
    if (dir) await removeProject(dir);
  });

  describe('run', () => {
    it('applies in order, prints durations, records sqlx-style rows, then has nothing to do', async () => {
      await project({ '2_b.sql': 'CREATE TABLE b (a_id int REFERENCES a);', '1_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);' });
      const r = await migrateCli('run'); // exit 0 from the real CLI
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/applied 1 \(a\) in [\d.]+ (µs|ms)\napplied 2 \(b\) in [\d.]+ (µs|ms)\napplied 2 migrations in/);
      const recorded = await rows();
      expect(recorded.map((x) => [x.version, x.description, x.success])).toEqual([['1', 'a', true], ['2', 'b', true]]);
      expect(recorded[0]!.checksum).toBe(createHash('sha384').update('CREATE TABLE a (id int PRIMARY KEY);').digest('hex'));
      expect(BigInt(recorded[0]!.execution_time) > 0n).toBe(true);
      const again = await migrate('run');
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('nothing to apply: the database is up to date');
    });

    it('rolls a failing migration back completely, points at file:line:col, and succeeds once fixed', async () => {
      // Non-ASCII (an astral emoji is two UTF-16 units, one code point) before the error on its line.
      const broken = "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n-- ünïcödé\nSELECT '😀é', nosuch FROM b;\n";
      await project({ '1_a.sql': 'CREATE TABLE a (id int);', '2_b.sql': broken, '3_c.sql': 'CREATE TABLE c (id int);' });
      const r = await migrateCli('run'); // exit 1 from the real CLI
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('migrations/2_b.sql:4:15: error [42703]: column "nosuch" does not exist');
      expect(r.stderr).toContain('migration 2 (b) failed to apply and was rolled back');
      expect(await exists('a')).toBe(true);
      expect(await exists('b')).toBe(false); // no partial schema
      expect(await exists('c')).toBe(false);
      expect((await rows()).map((x) => x.version)).toEqual(['1']); // no row

      await write('2_b.sql', broken.replace('nosuch', 'id'));
      const fixed = await migrate('run');
      expect(fixed.code).toBe(0);
      expect((await rows()).map((x) => x.version)).toEqual(['1', '2', '3']);
      expect(await sql('SELECT id FROM b')).toEqual([{ id: 1 }]);
    });

    it('locates an error without a server position at its statement, and syntax errors before running anything', async () => {
      await project({
        '1_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n\n  INSERT INTO a VALUES (1), (1);\n',
        '2_b.sql': 'CREATE TABLE b (id int);\nCREATE TABLE c (id int,);\n',
      });
      const r = await migrate('run');
      expect(r.code).toBe(1);
      // The syntax error in the second file is found before the first one runs.
      expect(r.stderr).toContain('migrations/2_b.sql:2:24: error [42601]: syntax error at or near ")"');
      expect(r.stderr).toContain('migrate run refused: nothing was applied');
      expect(await exists('a')).toBe(false);

      await write('2_b.sql', 'CREATE TABLE b (id int);\n');
      const dup = await migrate('run');
      expect(dup.code).toBe(1);
      expect(dup.stderr).toMatch(/migrations\/1_a\.sql:3:3: error \[23505\]: duplicate key value violates unique constraint "a_pkey" \(Key \(id\)=\(1\) already exists\.\)/);
    });

    it('suggests -- no-transaction when a statement cannot run in a transaction', async () => {
      await project({ '1_a.sql': 'CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_i ON a (id);\n' });
      const r = await migrate('run');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('migrations/1_a.sql:2:1: error [25001]: CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
      expect(r.stderr).toContain('hint: put `-- no-transaction` on the first line of the file');
      expect(await exists('a')).toBe(false);
    });

    it('runs -- no-transaction files statement by statement; a failure leaves a dirty row that blocks until repaired', async () => {
      const broken = "-- no-transaction\nCREATE INDEX CONCURRENTLY a_i ON a (id);\nSELECT 'é😀', nosuch FROM a;\nCREATE INDEX CONCURRENTLY a_j ON a (id);\n";
      await project({ '1_a.sql': 'CREATE TABLE a (id int);', '2_idx.sql': broken, '3_c.sql': 'CREATE TABLE c ();' });
      const r = await migrate('run');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('migrations/2_idx.sql:3:15: error [42703]: column "nosuch" does not exist');
      expect(r.stderr).toContain('migration 2 (idx) failed to apply outside a transaction after 1 of 3 statements; it is recorded as dirty (success = false)');
      expect(await exists('a_i')).toBe(true); // statements before the failure stay applied
      expect(await exists('a_j')).toBe(false);
      expect((await rows()).map((x) => [x.version, x.success])).toEqual([['1', true], ['2', false]]);

      const blocked = await migrate('run');
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain('migrations/2_idx.sql:1:1: error: migration 2 (idx) is dirty');
      expect(blocked.stderr).toContain('repair 2 --mark-applied');
      expect(await exists('c')).toBe(false);

      // A bare repair does not guess what the database looks like now.
      const bare = await migrate('repair', '2');
      expect(bare.code).toBe(1);
      expect(bare.stderr).toContain('migration 2 (idx) is dirty');

      // Undo by hand, fix the file, mark it pending: the next run applies it again.
      await client.query('DROP INDEX a_i');
      await write('2_idx.sql', broken.replace('nosuch', 'id'));
      const pending = await migrate('repair', '2', '--mark-pending');
      expect(pending.code).toBe(0);
      expect(pending.stderr).toContain('marked migration 2 (idx) as pending');
      const rerun = await migrate('run');
      expect(rerun.code).toBe(0);
      expect(rerun.stderr).toContain('applied 2 (idx)');
      expect((await rows()).map((x) => [x.version, x.success])).toEqual([['1', true], ['2', true], ['3', true]]);
      expect(await exists('a_j')).toBe(true);
    });

    it('repair --mark-applied records a dirty migration finished by hand as applied', async () => {
      await project({ '1_a.sql': '-- no-transaction\nCREATE TABLE a (id int);\nCREATE INDEX a_i ON a (nope);\n' });
      expect((await migrate('run')).code).toBe(1);
      await client.query('CREATE INDEX a_i ON a (id)');
      await write('1_a.sql', '-- no-transaction\nCREATE TABLE a (id int);\nCREATE INDEX a_i ON a (id);\n');
      const r = await migrate('repair', '1', '--mark-applied');
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/marked migration 1 \(a\) as applied \(it is no longer dirty\)\n {2}old: [0-9a-f]{96}\n {2}new: [0-9a-f]{96}/);
      expect((await rows()).map((x) => x.success)).toEqual([true]);
      expect((await migrate('run')).stderr).toContain('nothing to apply');
      // --mark-pending is only for dirty migrations.
      const refused = await migrate('repair', '1', '--mark-pending');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--mark-pending only clears a dirty migration');
    });

    it('applies up to --target-version', async () => {
      await project({ '1_a.sql': 'CREATE TABLE a ();', '2_b.sql': 'CREATE TABLE b ();', '3_c.sql': 'CREATE TABLE c ();' });
      expect((await migrate('run', '--target-version', '2')).code).toBe(0);
      expect((await rows()).map((x) => x.version)).toEqual(['1', '2']);
      const unknown = await migrate('run', '--target-version', '7');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('--target-version 7 is not a migration in migrations');
    });

    it('--dry-run prints what would run and changes nothing, not even the bookkeeping table', async () => {
      await project({ '1_a.sql': 'CREATE TABLE a ();', '2_b.sql': '-- no-transaction\nCREATE TABLE b ();' });
      const r = await migrate('run', '--dry-run');
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('would apply 1 (a)\nwould apply 2 (b) (outside a transaction)\ndry run: 2 migrations would be applied; nothing was changed');
      expect(await exists('_sqlsure_migrations')).toBe(false);
      expect(await exists('a')).toBe(false);
    });
  });

  describe('refusals and their escape hatches', () => {
    it('a modified migration: refused, accepted by alternateChecksums, recorded by repair', async () => {
      await project({ '1_a.sql': 'CREATE TABLE a (id int);', '2_b.sql': 'CREATE TABLE b ();' });
      expect((await migrate('run', '--target-version', '1')).code).toBe(0);
      const old = (await rows())[0]!.checksum;
      await write('1_a.sql', 'CREATE TABLE a (id int); -- a comment is a change too');

      const refused = await migrate('run');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`migrations/1_a.sql:1:1: error: migration 1 (a) was modified after it was applied (recorded checksum ${old.slice(0, 12)}…`);
      expect(refused.stderr).toContain('sqlsure migrate repair 1');
      expect(await exists('b')).toBe(false);

      await writeFile(path.join(dir, 'sqlsure.config.json'), JSON.stringify({ alternateChecksums: { '1': ['ffffff'] } }));
      expect((await migrate('run')).code).toBe(1); // a prefix of another checksum is no help
      await writeFile(path.join(dir, 'sqlsure.config.json'), JSON.stringify({ alternateChecksums: { '1': [old.slice(0, 8).toUpperCase()] } }));
      const accepted = await migrate('run');
      expect(accepted.code).toBe(0);
      expect(await exists('b')).toBe(true);
      expect((await migrate('info')).stdout).toMatch(new RegExp(`^1 +a +applied +${old.slice(0, 12)} +[\\d.]+ (µs|ms) +accepted by alternateChecksums$`, 'm'));

      await rm(path.join(dir, 'sqlsure.config.json'));
      expect((await migrate('run')).code).toBe(1);
      const repaired = await migrate('repair', '1');
      expect(repaired.code).toBe(0);
      const now = (await rows())[0]!.checksum;
      expect(repaired.stderr).toContain(`repaired migration 1 (a): recorded the checksum of the edited file\n  old: ${old}\n  new: ${now}`);
      expect(now).not.toBe(old);
      expect((await migrate('run')).code).toBe(0);
      expect((await migrate('repair', '1')).stderr).toContain('nothing to repair');
    });

    it('a missing migration: refused unless listed in allowMissing', async () => {
      await project({ '1_a.sql': 'CREATE TABLE a ();', '20240101000000_gone.sql': 'CREATE TABLE gone ();' });
      expect((await migrate('run')).code).toBe(0);
      await rm(path.join(dir, 'migrations/20240101000000_gone.sql'));
      await write('20240102000000_c.sql', 'CREATE TABLE c ();');
      const refused = await migrate('run');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('error: migration 20240101000000 (gone) was applied to the database, but its file is missing from migrations');
      expect(refused.stderr).toContain('"allowMissing"');
      await writeFile(path.join(dir, 'sqlsure.config.json'), JSON.stringify({ allowMissing: [20240101000000] }));
      const allowed = await migrate('run');
      expect(allowed.code).toBe(0);
      expect(await exists('c')).toBe(true);
    });

    it('an out-of-order migration: refused unless --allow-out-of-order', async () => {
      await project({ '1_a.sql': 'CREATE TABLE a ();', '3_c.sql': 'CREATE TABLE c ();' });
      expect((await migrate('run')).code).toBe(0);
      await write('2_b.sql', 'CREATE TABLE b ();');
      const refused = await migrate('run');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('migrations/2_b.sql:1:1: error: migration 2 (b) was never applied, but the newer migration 3 was');
      expect(refused.stderr).toContain('--allow-out-of-order');
      expect((await migrate('info')).stdout).toMatch(/2 +b +pending +[0-9a-f]{12} +out of order/);
      const allowed = await migrate('run', '--allow-out-of-order');
      expect(allowed.code).toBe(0);
      expect((await rows()).map((x) => x.version)).toEqual(['1', '2', '3']);
    });
  });

  describe('revert', () => {
    it('runs .down files newest first, each with deleting its row', async () => {
      await project({
        '1_a.up.sql': 'CREATE TABLE a (id int);',
        '1_a.down.sql': 'DROP TABLE a;',
        '2_b.up.sql': 'CREATE TABLE b (id int);',
        '2_b.down.sql': 'DROP TABLE b;',
        '3_c.up.sql': 'CREATE TABLE c (id int);',
        '3_c.down.sql': 'DROP TABLE c;\nSELECT nosuch;',
      });
      expect((await migrate('run')).code).toBe(0);
      const failing = await migrate('revert');
      expect(failing.code).toBe(1);
      expect(failing.stderr).toContain('migrations/3_c.down.sql:2:8: error [42703]: column "nosuch" does not exist');
      expect(await exists('c')).toBe(true); // rolled back together with the row deletion
      expect((await rows()).map((x) => x.version)).toEqual(['1', '2', '3']);

      await write('3_c.down.sql', 'DROP TABLE c;');
      const one = await migrate('revert');
      expect(one.code).toBe(0);
      expect(one.stderr).toMatch(/reverted 3 \(c\) in /);
      expect((await rows()).map((x) => x.version)).toEqual(['1', '2']);
      expect(await exists('c')).toBe(false);

      expect((await migrate('run')).code).toBe(0);
      const down = await migrate('revert', '--target-version', '1');
      expect(down.code).toBe(0);
      expect(down.stderr).toMatch(/reverted 3 \(c\)[^\n]*\nreverted 2 \(b\)/);
      expect((await rows()).map((x) => x.version)).toEqual(['1']);
      expect(await exists('a')).toBe(true);
      expect(await exists('b')).toBe(false);

      expect((await migrate('revert', '--target-version', '0')).code).toBe(0);
      expect(await rows()).toEqual([]);
      expect((await migrate('revert')).stderr).toContain('nothing to revert');
    });

    it('refuses to revert a simple migration', async () => {
      await project({ '1_a.sql': 'CREATE TABLE a ();' });
      expect((await migrate('run')).code).toBe(0);
      const r = await migrate('revert');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('migrations/1_a.sql:1:1: error: migration 1 (a) is a simple migration and cannot be reverted');
      expect(await exists('a')).toBe(true);
    });
  });

  it('compatibility floor: an older checkout runs past non-breaking newer migrations, and is refused past a breaking one', async () => {
    await project({
      '1_a.sql': 'CREATE TABLE a (old int, new int);',
      '2_b.sql': 'CREATE TABLE b ();',
      '3_drop_old.sql': '-- a comment first\n-- sqlsure: breaking\nALTER TABLE a DROP COLUMN old;',
    });
    expect((await migrate('run', '--target-version', '2')).code).toBe(0);
    // The checkout of the previous release: only 1.
    const three = await readFile(path.join(dir, 'migrations/3_drop_old.sql'), 'utf8');
    await rm(path.join(dir, 'migrations/3_drop_old.sql'));
    await rm(path.join(dir, 'migrations/2_b.sql'));
    const rollback = await migrate('run');
    expect(rollback.code).toBe(0);
    expect(rollback.stderr).toContain('note: the database has 1 migration applied by a newer release (2 (b); newer than 1, the newest this release knows); none is breaking, so this release can run on it');

    await write('2_b.sql', 'CREATE TABLE b ();');
    await write('3_drop_old.sql', three);
    expect((await migrate('run')).code).toBe(0);
    const info = await migrate('info');
    expect(info.stdout).toMatch(/\n3 +drop old +applied +[0-9a-f]{12} +\S+ \S+ +breaking\n/);
    expect(info.stdout.trimEnd().split('\n').at(-1)).toBe('compatibility floor: 3 (drop old), the newest applied breaking migration; releases whose newest migration is older refuse to start');

    await rm(path.join(dir, 'migrations/3_drop_old.sql'));
    const refused = await migrate('run');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: this database was migrated by a newer release that is not backwards compatible with this one: migration 3 (drop old) is breaking, and the newest migration this release knows is 2');
  });

  it('info lists version, description, status, checksum and duration', async () => {
    await project({
      '1_first.sql': 'CREATE TABLE a ();',
      '2_second.sql': 'CREATE TABLE b ();',
      '3_third.sql': 'CREATE TABLE c ();',
      '4_fourth.sql': 'CREATE TABLE d ();',
    });
    const before = await migrate('info');
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('4 pending (table _sqlsure_migrations, not created yet)');
    expect(await exists('_sqlsure_migrations')).toBe(false);

    expect((await migrate('run', '--target-version', '3')).code).toBe(0);
    await write('2_second.sql', 'CREATE TABLE b (); ');
    await rm(path.join(dir, 'migrations/3_third.sql'));
    await client.query(`INSERT INTO _sqlsure_migrations (version, description, success, checksum, execution_time) VALUES (5, 'broken', false, decode(repeat('00', 48), 'hex'), 0)`);
    const r = await migrate('info');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VERSION +DESCRIPTION +STATUS +CHECKSUM +DURATION +NOTE$/);
    expect(lines[1]).toMatch(/^1 +first +applied +[0-9a-f]{12} +[\d.]+ (µs|ms)$/);
    expect(lines[2]).toMatch(/^2 +second +modified +[0-9a-f]{12} +[\d.]+ (µs|ms) +file now [0-9a-f]{12}$/);
    expect(lines[3]).toMatch(/^3 +third +missing +[0-9a-f]{12} +[\d.]+ (µs|ms)$/);
    expect(lines[4]).toMatch(/^4 +fourth +pending +[0-9a-f]{12} +out of order$/); // the dirty 5 is newer
    expect(lines[5]).toMatch(/^5 +broken +dirty +000000000000 +0 µs$/);
    expect(lines.at(-1)).toBe('1 applied, 1 modified, 1 missing, 1 pending, 1 dirty (table _sqlsure_migrations)');
  });

  it('keeps its bookkeeping in a schema-qualified table, and with an unusual name', async () => {
    await project({ '1_a.sql': 'CREATE TABLE IF NOT EXISTS a (); SET search_path TO pg_catalog;', '2_b.sql': 'CREATE TABLE IF NOT EXISTS public.b ();' });
    const r = await migrate('run', '--table', 'ops.schema_migrations');
    expect(r.code).toBe(0);
    expect((await rows('ops.schema_migrations')).map((x) => x.version)).toEqual(['1', '2']);
    expect(await exists('_sqlsure_migrations')).toBe(false);
    await writeFile(path.join(dir, 'sqlsure.config.json'), JSON.stringify({ migrationsTable: 'ops."Odd ""Name"""' }));
    expect((await migrate('run')).code).toBe(0);
    expect((await rows('ops."Odd ""Name"""')).map((x) => x.version)).toEqual(['1', '2']);
  });

  it('adopts a sqlx database: --table _sqlx_migrations compares raw-byte checksums of CRLF files', async () => {
    const first = Buffer.from('CREATE TABLE a (\r\n  id int\r\n);\r\n');
    const second = Buffer.from('CREATE TABLE b ();\r\n');
    await project({});
    await write('20240101000000_a.sql', first);
    await write('20240102000000_b.sql', second);
    await write('20240103000000_c.sql', Buffer.from('CREATE TABLE c ();\r\n'));
    // What sqlx left behind: its table, its checksums (SHA-384 of the raw CRLF bytes).
    await client.query(`CREATE TABLE _sqlx_migrations (
      version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
      success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL)`);
    await client.query(first.toString());
    await client.query(second.toString());
    for (const [version, description, bytes] of [[20240101000000, 'a', first], [20240102000000, 'b', second]] as const) {
      await client.query('INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES ($1, $2, true, $3, 1000)', [
        version, description, createHash('sha384').update(bytes).digest(),
      ]);
    }
    // With normalized checksums the same files would look modified.
    const normalized = await migrate('run', '--table', '_sqlx_migrations', '--checksum', 'normalized');
    expect(normalized.code).toBe(1);
    expect(normalized.stderr).toContain('was modified after it was applied');

    const r = await migrate('run', '--table', '_sqlx_migrations');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^applied 20240103000000 \(c\) in [^\n]+\napplied 1 migration in/);
    const recorded = await rows('_sqlx_migrations');
    expect(recorded.map((x) => x.version)).toEqual(['20240101000000', '20240102000000', '20240103000000']);
    expect(recorded[2]!.checksum).toBe(createHash('sha384').update(await readFile(path.join(dir, 'migrations/20240103000000_c.sql'))).digest('hex'));
    expect(await exists('_sqlsure_migrations')).toBe(false);
  });

  describe('usage, configuration and connection errors', () => {
    it('exit 3 with one line when the database is unreachable', async () => {
      await project({ '1_a.sql': 'SELECT 1;' });
      const r = await runCli(['migrate', 'run', '--database-url', 'postgres://postgres@127.0.0.1:1/nope'], { cwd: dir });
      expect(r.code).toBe(3);
      expect(r.stderr.trim()).toBe('error: cannot reach the database at postgres://postgres@127.0.0.1:1/nope (ECONNREFUSED)');
    });

    it('exit 2 without a database, with a bad config value, or a bad table name', async () => {
      await project({ '1_a.sql': 'SELECT 1;' });
      const none = await runCli(['migrate', 'info'], { cwd: dir, env: { DATABASE_URL: undefined } });
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('no database');
      await writeFile(path.join(dir, 'sqlsure.config.json'), JSON.stringify({ allowMissing: ['x1'] }));
      const bad = await migrateCli('run');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('"allowMissing": "x1" is not a migration version');
      await writeFile(path.join(dir, 'sqlsure.config.json'), JSON.stringify({ migrationsChecksum: 'md5' }));
      expect((await migrateCli('run')).code).toBe(2);
      await rm(path.join(dir, 'sqlsure.config.json'));
      const table = await migrateCli('run', '--table', 'a.b.c');
      expect(table.code).toBe(2);
      expect(table.stderr).toContain('invalid migrations table name "a.b.c"');
      expect((await migrateCli('frobnicate')).code).toBe(2);
    });

    it('exit 1 for an invalid migrations folder, naming every problem', async () => {
      await project({ '1_a.sql': 'SELECT 1;', '1_b.sql': 'SELECT 2;', '2_c.up.sql': 'SELECT 3;' });
      const r = await migrate('run');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('migrations/1_a.sql:1:1: error: duplicate migration version 1: 1_a.sql, 1_b.sql');
      expect(r.stderr).toContain('migrations/2_c.up.sql:1:1: error: reversible migration 2 has no .down.sql file');
      expect(r.stderr).toContain('the migrations folder is not valid; nothing was done');
    });
  });
});
