/**
 * Pipelined describe against a real server: many statements in flight, a bounded window, and
 * errors that stay with the statement that caused them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerChannel } from '../../src/database/pg-server-channel.js';
import { serverFingerprint } from '../../src/database/schema-fingerprint.js';
import { WireSession } from '../../src/database/wire-session.js';
import type { WireChannel } from '../../src/database/wire-channel.js';
import { CATALOG_SETTINGS } from '../../src/database/catalog-query.js';
import { loadCatalog } from '../../src/database/catalog.js';
import { emptyNeeds, loadRelationCatalog } from '../../src/database/relation-catalog.js';
import { createTestDatabase, runSql, serverReachable, type TestDatabase } from '../support/pg-test-database.js';

const reachable = await serverReachable();

describe.skipIf(!reachable)('pipelined describe', () => {
  let db: TestDatabase;
  let session: WireSession;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runSql(db.url, 'CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, nickname text);');
    session = new WireSession(await openServerChannel(db.url));
  });
  afterAll(async () => {
    await session?.close();
    await db?.drop();
  });

  const BROKEN = [
    { sql: 'SELECT nmae FROM people', code: '42703', message: 'column "nmae" does not exist' },
    { sql: 'SELECT id FROM no_such_table', code: '42P01', message: 'relation "no_such_table" does not exist' },
    { sql: 'SELECT id FROM people WHERE name = 1 + $1::text', code: '42883', message: 'operator does not exist' },
    { sql: 'SELECT no_such_function(id) FROM people', code: '42883', message: 'no_such_function' },
  ];

  it('reports each error on its own statement and still describes every other one, across many windows', async () => {
    const statements: string[] = [];
    const expected: Array<(typeof BROKEN)[number] | number> = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 37 === 5) {
        const broken = BROKEN[i % BROKEN.length]!;
        statements.push(broken.sql);
        expected.push(broken);
      } else {
        // Each good statement has a distinct shape: the result tells which one it was.
        statements.push(`SELECT id, name AS n${i} FROM people WHERE id = $1`);
        expected.push(i);
      }
    }
    for (const window of [1, 7, 64, 256]) {
      const results = await session.describeAll(statements, window);
      expect(results).toHaveLength(statements.length);
      results.forEach((r, i) => {
        const want = expected[i]!;
        if (typeof want === 'number') {
          expect(r.ok, `statement ${i} with window ${window}`).toBe(true);
          if (r.ok) {
            expect(r.fields?.map((f) => f.name)).toEqual(['id', `n${want}`]);
            expect(r.paramTypeIds).toEqual([23]);
          }
        } else {
          expect(r.ok, `statement ${i} with window ${window}`).toBe(false);
          if (!r.ok) {
            expect(r.error.code).toBe(want.code);
            expect(r.error.message).toContain(want.message);
          }
        }
      });
    }
    // The session is still usable after all those errors.
    expect(await session.query('SELECT 1::text')).toEqual([['1']]);
  });

  it('fingerprints the schema with the simple protocol: no Parse, and a schema change changes it', async () => {
    const before = session.parsesSent;
    const first = await serverFingerprint(session);
    expect(await serverFingerprint(session)).toBe(first);
    expect(session.parsesSent).toBe(before);
    await runSql(db.url, 'ALTER TABLE people ALTER COLUMN nickname SET NOT NULL;');
    const altered = await serverFingerprint(session);
    expect(altered).not.toBe(first);
    await runSql(db.url, "CREATE TYPE mood AS ENUM ('happy');");
    const withEnum = await serverFingerprint(session);
    expect(withEnum).not.toBe(altered);
    await runSql(db.url, "ALTER TYPE mood ADD VALUE 'sad';");
    const withLabel = await serverFingerprint(session);
    expect(withLabel).not.toBe(withEnum);
    // Dropped and recreated identically: same names, new OIDs — the same fingerprint.
    await runSql(db.url, "DROP TYPE mood; CREATE TYPE mood AS ENUM ('happy', 'sad');");
    const recreated = await serverFingerprint(session);
    expect(recreated).toBe(withLabel);
    await runSql(db.url, 'CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql AS $$ SELECT x * 2 $$;');
    const withFunction = await serverFingerprint(session);
    expect(withFunction).not.toBe(recreated);
    await runSql(db.url, 'CREATE OR REPLACE FUNCTION twice(x int) RETURNS int LANGUAGE sql STRICT AS $$ SELECT x * 2 $$;');
    expect(await serverFingerprint(session)).not.toBe(withFunction);
  });

  describe('catalog look-ups without JIT', () => {
    // Every plan passes jit_above_cost = 0: PostgreSQL JIT-compiles whatever it plans, unless told not to.
    let jitSession: WireSession;
    const sent: Buffer[] = [];
    beforeAll(async () => {
      const channel = await openServerChannel(db.url);
      const recording: WireChannel = { ...channel, send: (bytes) => (sent.push(Buffer.from(bytes)), channel.send(bytes)) };
      jitSession = new WireSession(recording);
      await jitSession.simpleQuery("SET jit = on; SET jit_above_cost = 0");
    });
    afterAll(() => jitSession?.close());

    const planUsesJit = async (settings?: Record<string, string>) => {
      const [[plan]] = (await jitSession.query('EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM pg_type', [], settings)) as [[string]];
      return 'JIT' in (JSON.parse(plan) as Array<Record<string, unknown>>)[0]!;
    };

    it('settings given to a query hold for it alone, in the same round trip, and its rows are its own', async () => {
      const [[available]] = (await jitSession.query('SELECT pg_jit_available()::text')) as [[string]];
      expect(available, 'this PostgreSQL cannot JIT-compile (no LLVM), so the test cannot tell').toBe('true');
      expect(await planUsesJit()).toBe(true);
      expect(await planUsesJit(CATALOG_SETTINGS)).toBe(false);
      expect(await jitSession.query("SELECT current_setting('jit'), $1::text", ['x'], { jit: 'off', work_mem: '2MB' })).toEqual([['off', 'x']]);
      const [[jitAfter, workMemAfter]] = (await jitSession.query("SELECT current_setting('jit'), current_setting('work_mem')")) as [[string, string]];
      expect(jitAfter).toBe('on');
      expect(workMemAfter).not.toBe('2MB');
      expect(await planUsesJit()).toBe(true);
    });

    it('every catalog request carries the settings', async () => {
      const oid = Number((await jitSession.query("SELECT 'people'::regclass::oid::text"))[0]![0]);
      sent.length = 0;
      const catalog = await loadCatalog(jitSession, [23, 25, 1007], [{ tableOid: oid, attnum: 1 }]);
      expect(catalog.columns.get(`${oid}:1`)?.column).toBe('id');
      const needs = emptyNeeds();
      needs.relations.add('people');
      needs.functions.add('lower');
      needs.operators.add('=');
      const relations = await loadRelationCatalog(jitSession, needs);
      expect(relations.relations.size).toBe(1);
      expect(sent.length).toBeGreaterThanOrEqual(5);
      for (const bytes of sent) expect(bytes.toString('latin1')).toContain('set_config');
    });
  });
});
