/**
 * A statement nested deeply enough overflows the JavaScript stack inside PGlite's WASM parser.
 * PGlite swallows that RangeError without PostgreSQL's error recovery, so its Parse gets no
 * answer at all and the Describe pipelined after it fails with `26000 unnamed prepared statement
 * does not exist`. The session must name the real problem, keep it on that statement, and keep
 * describing the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { pgliteChannel } from '../../src/database/pglite-channel.js';
import { WireSession } from '../../src/database/wire-session.js';
import { pgliteConnection } from '../../src/migrator/pglite-connection.js';

/** 500 nested scalar subqueries: far past PGlite's stack (it fails from about 140). */
const DEEP = 'SELECT ' + '(SELECT '.repeat(500) + '1' + ')'.repeat(500) + ' AS deep';

describe('deeply nested statements on PGlite', () => {
  let db: PGlite;
  let session: WireSession;

  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
    session = new WireSession(pgliteChannel(db, () => db.close()));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('reports the statement as too deeply nested, not as 26000, and still describes the others', async () => {
    const statements = ['SELECT 1 AS a', DEEP, 'SELECT $1::int AS b', DEEP, 'SELECT 3 AS c'];
    const results = await session.describeAll(statements);
    expect(results.map((r) => (r.ok ? r.fields?.map((f) => f.name).join() : r.error.code))).toEqual(['a', '54001', 'b', '54001', 'c']);
    const failed = results[1]!;
    if (failed.ok) throw new Error('unreachable');
    expect(failed.error.message).toMatch(/nested too deeply/);
    expect(failed.error.hint).toMatch(/DATABASE_URL/);
    expect(results[2]).toMatchObject({ ok: true, paramTypeIds: [23] });
  });

  it('keeps the same verdict whatever the pipeline window, and the session stays usable', async () => {
    for (const window of [1, 2, 256]) {
      const results = await session.describeAll(['SELECT 1 AS a', DEEP, 'SELECT 2 AS b'], window);
      expect(results.map((r) => (r.ok ? 'ok' : r.error.code)), `window ${window}`).toEqual(['ok', '54001', 'ok']);
    }
    expect(await session.query('SELECT 41 + 1')).toEqual([['42']]);
  });
});

describe('deeply nested migration statements on PGlite', () => {
  it('fail with 54001 instead of silently doing nothing and being recorded as applied', async () => {
    const db = new PGlite();
    await db.waitReady;
    try {
      const conn = pgliteConnection(db);
      // Comment-only and ordinary statements are not mistaken for it.
      await expect(conn.exec('CREATE TABLE before_deep (id int)')).resolves.toBeUndefined();
      await expect(conn.exec('-- nothing here;')).resolves.toBeUndefined();
      await expect(conn.exec('SET search_path = public')).resolves.toBeUndefined();
      const deepView = 'CREATE VIEW deep AS SELECT ' + '(SELECT '.repeat(1000) + '1' + ')'.repeat(1000) + ' AS x';
      await expect(conn.exec(deepView)).rejects.toMatchObject({ code: '54001', message: expect.stringMatching(/nested too deeply/) });
    } finally {
      await db.close();
    }
  });
});
