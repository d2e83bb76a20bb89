/**
 * The query language and runtime end to end, on real PostgreSQL and on PGlite: the fixture in
 * test/fixtures/features (native and pgtyped-format queries, camelCase, int8 as number, a column
 * type override with an import) is prepared against a server, checked offline, type-checked with
 * tsc, and every generated function is run on both drivers — cardinality errors, IN-lists and bulk
 * inserts including empty and single-element lists, rows renamed at runtime, int8 modes at 2^53 + 1,
 * and transactions with savepoints.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { NoRowsError, TooManyRowsError, transaction, type Queryable } from 'sqlsure/runtime';
import { freshPGlite } from '../support/fresh-pglite.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate } from '../../src/codegen/generate.js';
import { createTestDatabase, runSqlFiles, serverReachable, type TestDatabase } from '../support/pg-test-database.js';
import { copyFixture, removeProject, REPO_ROOT, runCli, runTsc } from '../support/project-dir.js';

const reachable = await serverReachable();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Module = Record<string, (db: Queryable, params?: any) => Promise<any>>;

const BEYOND = '9007199254740993'; // 2^53 + 1
const SAFE = '9007199254740991'; // 2^53 - 1

describe.skipIf(!reachable)('query language features, end to end', () => {
  let db: TestDatabase;
  let project: string;
  let pool: pg.Pool;
  let pglite: PGlite;
  let books: Module;
  let authors: Module;
  let booksBigint: Module;
  let booksString: Module;

  beforeAll(async () => {
    db = await createTestDatabase('sqlsure_features');
    await runSqlFiles(db.url, path.join(REPO_ROOT, 'test/fixtures/features/migrations'));
    project = await copyFixture('features');
    const prepared = await runCli(['prepare', '--database-url', db.url], { cwd: project });
    expect(prepared.stderr).toContain('prepared 21 of 21 queries');
    expect(prepared.code).toBe(0);
    // The same cache, generated with the other int8 modes (codegen needs no database).
    for (const int8 of ['bigint', 'string'] as const) {
      const r = await generate({ root: project, generated: `gen-${int8}`, int8 });
      expect(r.problems).toEqual([]);
    }
    books = await import(path.join(project, 'generated/books.ts'));
    authors = await import(path.join(project, 'generated/authors.ts'));
    booksBigint = await import(path.join(project, 'gen-bigint/books.ts'));
    booksString = await import(path.join(project, 'gen-string/books.ts'));
    pool = new pg.Pool({ connectionString: db.url, max: 3 });
    pglite = await freshPGlite();
    await pglite.exec(await readFile(path.join(REPO_ROOT, 'test/fixtures/features/migrations/1_schema.sql'), 'utf8'));
  });
  afterAll(async () => {
    await pool?.end();
    await pglite?.close();
    await db?.drop();
    if (project) await removeProject(project);
  });

  it('passes check offline, and tsc accepts the consumer (camelCase, overrides, enums, expansion types)', async () => {
    const check = await runCli(['check'], { cwd: project });
    expect(check.stderr).toContain('check passed');
    expect(check.code).toBe(0);
    const tsc = await runTsc(project);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('compiles expansions to fixed statements with server-typed arrays', async () => {
    const source = await readFile(path.join(project, 'generated/books.ts'), 'utf8');
    expect(source).toContain('WHERE id = ANY($1::int8[]) ORDER BY id');
    expect(source).toContain('WHERE mood = ANY($1::mood[])');
    expect(source).toContain('SELECT * FROM unnest($1::int4[], $2::text[], $3::int4[], $4::mood[], $5::jsonb[])');
    const pgtyped = await readFile(path.join(project, 'generated/authors.ts'), 'utf8');
    expect(pgtyped).toContain('WHERE (full_name, birth_year) IN (SELECT * FROM unnest($1::text[], $2::int4[]))');
    expect(pgtyped).toContain('WHERE (full_name, birth_year) = ($1, $2)');
    const enums = await readFile(path.join(project, 'generated/_enums.ts'), 'utf8');
    expect(enums).toContain('export const moodValues = ["happy", "sad", "meh"] as const;');
  });

  describe.each([
    ['PostgreSQL 15', () => pool as Queryable],
    ['PGlite', () => pglite as Queryable],
  ])('on %s', (_name, handle) => {
    let q: Queryable;
    let authorA: number;
    let authorB: number;

    beforeEach(async () => {
      q = handle();
      await q.query('TRUNCATE books, authors, counters RESTART IDENTITY CASCADE');
      [{ id: authorA }, { id: authorB }] = await authors.insertAuthors!(q, {
        authors: [
          { fullName: 'Ursula', birthYear: 1929 },
          { fullName: 'Anon', birthYear: null },
        ],
      });
    });

    const insert = (titles: string[], authorId = authorA) =>
      books.insertBooks!(q, { books: titles.map((title) => ({ authorId, title, rank: null, mood: null, meta: {} })) });

    describe('cardinalities', () => {
      it(':one throws NoRowsError on no row and TooManyRowsError on two', async () => {
        await expect(books.getBook!(q, { id: 999 })).rejects.toThrow(NoRowsError);
        await expect(books.getBook!(q, { id: 999 })).rejects.toThrow('GetBook: expected exactly one row, got 0');
        await insert(['Earthsea']);
        await expect(books.onlyBookOfAuthor!(q, { authorId: authorA })).resolves.toMatchObject({ title: 'Earthsea' });
        await insert(['Tehanu']);
        const error = await books.onlyBookOfAuthor!(q, { authorId: authorA }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TooManyRowsError);
        expect(error).toMatchObject({ queryName: 'OnlyBookOfAuthor', rowCount: 2 });
      });

      it(':maybe returns null or the row, and throws on two rows', async () => {
        await expect(books.findBookByTitle!(q, { title: 'Dune' })).resolves.toBeNull();
        await insert(['Dune']);
        await expect(books.findBookByTitle!(q, { title: 'Dune' })).resolves.toEqual({ id: 1, title: 'Dune' });
        await insert(['Dune'], authorB);
        await expect(books.findBookByTitle!(q, { title: 'Dune' })).rejects.toThrow(new TooManyRowsError('FindBookByTitle', 2, 'at most one row'));
      });

      it(':many, :exec and :execrows', async () => {
        await insert(['A', 'B']);
        await expect(books.booksByIds!(q, { ids: [1, 2] })).resolves.toHaveLength(2);
        await expect(books.retitleBook!(q, { id: 1, title: 'A2' })).resolves.toBeUndefined();
        await expect(books.setMeta!(q, { id: 2, meta: { isbn: 'x' } })).resolves.toBe(1);
        await expect(books.setMeta!(q, { id: 99, meta: {} })).resolves.toBe(0);
      });
    });

    describe('IN-lists', () => {
      beforeEach(async () => {
        await books.insertBooks!(q, {
          books: [
            { authorId: authorA, title: 'one', rank: 1, mood: 'happy', meta: {} },
            { authorId: authorA, title: 'two', rank: 2, mood: 'sad', meta: {} },
            { authorId: authorB, title: 'three', rank: null, mood: null, meta: {} },
          ],
        });
      });

      it('an empty list matches nothing (IN) and everything (NOT IN), with no syntax error', async () => {
        await expect(books.booksByIds!(q, { ids: [] })).resolves.toEqual([]);
        await expect(books.booksNotIn!(q, { ids: [] })).resolves.toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
        await expect(books.booksByMoods!(q, { moods: [] })).resolves.toEqual([]);
        await expect(books.deleteBooks!(q, { ids: [] })).resolves.toBe(0);
        await expect(authors.findAuthorsByIds!(q, { ids: [] })).resolves.toEqual([]);
      });

      it('single and several elements', async () => {
        await expect(books.booksByIds!(q, { ids: [2] })).resolves.toEqual([{ id: 2, title: 'two' }]);
        await expect(books.booksByIds!(q, { ids: [3, 1, 42] })).resolves.toEqual([
          { id: 1, title: 'one' },
          { id: 3, title: 'three' },
        ]);
        await expect(books.booksNotIn!(q, { ids: [1, '2'] })).resolves.toEqual([{ id: 3 }]);
        await expect(books.booksByMoods!(q, { moods: ['sad', 'happy'] })).resolves.toEqual([
          { id: 1, mood: 'happy' },
          { id: 2, mood: 'sad' },
        ]);
        await expect(authors.findAuthorsByIds!(q, { ids: [authorB] })).resolves.toEqual([{ id: authorB, fullName: 'Anon', birthYear: null }]);
        await expect(books.deleteBooks!(q, { ids: [1, 3] })).resolves.toBe(2);
      });
    });

    describe('bulk inserts', () => {
      it('unnest: empty, single and several rows, NULLs and JSON included', async () => {
        await expect(books.insertBooks!(q, { books: [] })).resolves.toEqual([]);
        const [single] = await insert(['solo']);
        expect(single).toEqual({ id: 1, authorId: authorA, title: 'solo', rank: null, mood: null, meta: {} });
        const many = await books.insertBooks!(q, {
          books: [
            { authorId: authorA, title: 'x', rank: 3, mood: 'meh', meta: { isbn: '978', pages: 10 } },
            { authorId: authorB, title: 'y', rank: null, mood: 'happy', meta: { tags: ['a', 'b'] } },
          ],
        });
        expect(many).toEqual([
          { id: 2, authorId: authorA, title: 'x', rank: 3, mood: 'meh', meta: { isbn: '978', pages: 10 } },
          { id: 3, authorId: authorB, title: 'y', rank: null, mood: 'happy', meta: { tags: ['a', 'b'] } },
        ]);
        await expect(books.countBooks!(q)).resolves.toEqual({ bookCount: 3 });
      });

      it('runtime expansion (an array-typed field): empty, single and several rows', async () => {
        await expect(books.insertTaggedBooks!(q, { books: [] })).resolves.toBe(0);
        await expect(books.insertTaggedBooks!(q, { books: [{ authorId: authorA, title: 't1', tags: ['a', null] }] })).resolves.toBe(1);
        await expect(
          books.insertTaggedBooks!(q, {
            books: [
              { authorId: authorA, title: 't2', tags: [] },
              { authorId: authorA, title: 't3', tags: ['b,c', '"q"'] },
            ],
          }),
        ).resolves.toBe(2);
        await expect(books.tagsOfAuthor!(q, { authorId: authorA })).resolves.toEqual([
          { title: 't1', tags: ['a', null] },
          { title: 't2', tags: [] },
          { title: 't3', tags: ['b,c', '"q"'] },
        ]);
      });

      it('pgtyped rows, tuples and tuple lists', async () => {
        await expect(authors.insertAuthors!(q, { authors: [] })).resolves.toEqual([]);
        await expect(authors.findAuthor!(q, { author: { fullName: 'Ursula', birthYear: 1929 } })).resolves.toEqual({ id: authorA });
        await expect(authors.findAuthor!(q, { author: { fullName: 'Ursula', birthYear: 1930 } })).resolves.toBeNull();
        await expect(authors.authorsMatching!(q, { pairs: [] })).resolves.toEqual([]);
        await expect(authors.authorsMatching!(q, { pairs: [{ name: 'Ursula', year: 1929 }] })).resolves.toEqual([{ id: authorA }]);
        await expect(authors.countAuthors!(q)).resolves.toEqual({ total: 2 });
      });
    });

    it('renames snake_case columns to camelCase in the runtime rows', async () => {
      await insert(['k']);
      const row = await books.getBook!(q, { id: 1 });
      expect(Object.keys(row)).toEqual(['id', 'authorId', 'title', 'rank', 'mood', 'meta']);
    });

    describe('int8 modes', () => {
      it('number: exact up to 2^53 - 1, throws at 2^53 + 1 instead of rounding', async () => {
        await books.setCounter!(q, { name: 'edge', value: SAFE });
        await expect(books.getCounter!(q, { name: 'edge' })).resolves.toEqual({ name: 'edge', value: Number.MAX_SAFE_INTEGER, valueList: [Number.MAX_SAFE_INTEGER, null] });
        await books.setCounter!(q, { name: 'big', value: BEYOND });
        await expect(books.getCounter!(q, { name: 'big' })).rejects.toThrow(RangeError);
        await expect(books.getCounter!(q, { name: 'big' })).rejects.toThrow(/column "value": int8 value 9007199254740993 is beyond/);
      });

      it('bigint and string: exact at 2^53 + 1, whatever the driver returned', async () => {
        await books.setCounter!(q, { name: 'big', value: 9007199254740993n });
        await expect(booksBigint.getCounter!(q, { name: 'big' })).resolves.toEqual({ name: 'big', value: 9007199254740993n, valueList: [9007199254740993n, null] });
        await expect(booksString.getCounter!(q, { name: 'big' })).resolves.toEqual({ name: 'big', value: BEYOND, valueList: [BEYOND, null] });
        await expect(booksBigint.countBooks!(q)).resolves.toEqual({ bookCount: 0n });
        await expect(booksString.countBooks!(q)).resolves.toEqual({ bookCount: '0' });
      });
    });

    describe('transactions', () => {
      // Rolled-back inserts still use up serial ids, hence the generous range.
      const names = async () => (await authors.findAuthorsByIds!(q, { ids: Array.from({ length: 20 }, (_, i) => i + 1) })).map((a: { fullName: string }) => a.fullName);
      const add = (tx: Queryable, fullName: string) => authors.insertAuthors!(tx, { authors: [{ fullName, birthYear: null }] });

      it('commits', async () => {
        const result = await transaction(q, async (tx) => {
          await add(tx, 'C');
          return 'done';
        });
        expect(result).toBe('done');
        expect(await names()).toEqual(['Ursula', 'Anon', 'C']);
      });

      it('rolls back on throw and rethrows', async () => {
        const boom = new Error('boom');
        await expect(
          transaction(q, async (tx) => {
            await add(tx, 'C');
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await names()).toEqual(['Ursula', 'Anon']);
      });

      it('nests with savepoints: an inner failure undoes only the inner work', async () => {
        await transaction(q, async (tx) => {
          expect(tx.depth).toBe(0);
          await add(tx, 'outer-1');
          await expect(
            transaction(tx, async (inner) => {
              expect(inner.depth).toBe(1);
              await add(inner, 'inner-failed');
              throw new Error('inner');
            }),
          ).rejects.toThrow('inner');
          await transaction(tx, async (inner) => {
            await add(inner, 'inner-ok');
            await transaction(inner, (deeper) => add(deeper, 'deeper-ok'));
          });
          await add(tx, 'outer-2');
        });
        expect(await names()).toEqual(['Ursula', 'Anon', 'outer-1', 'inner-ok', 'deeper-ok', 'outer-2']);
      });

      it('refuses queries on the handle once the transaction is over', async () => {
        let leaked: Queryable | undefined;
        await transaction(q, async (tx) => {
          leaked = tx;
        });
        await expect(leaked!.query('SELECT 1')).rejects.toThrow('already committed or rolled back');
      });

      it('does not commit a transaction whose error was swallowed inside', async () => {
        await expect(
          transaction(q, async (tx) => {
            await add(tx, 'C');
            // Swallowed on purpose, after checking that it did fail.
            await expect(tx.query('SELECT 1/0')).rejects.toThrow('division by zero');
          }),
        ).rejects.toThrow(/rolled back/);
        expect(await names()).toEqual(['Ursula', 'Anon']);
      });
    });
  });

  describe('transactions on pg specifics', () => {
    it('releases the pool client after commit and after rollback', async () => {
      await transaction(pool, async (tx) => tx.query('SELECT 1'));
      await expect(
        transaction(pool, async () => {
          throw new Error('x');
        }),
      ).rejects.toThrow('x');
      expect(pool.totalCount - pool.idleCount).toBe(0);
      expect(pool.waitingCount).toBe(0);
    });

    it('works on a single pg Client, with an isolation level', async () => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const level = await transaction(client, async (tx) => (await tx.query('SHOW transaction_isolation')).rows[0], { isolationLevel: 'serializable' });
        expect(level).toEqual({ transaction_isolation: 'serializable' });
        await expect(transaction(client, async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
        // The connection is usable (not left inside a transaction).
        expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await client.end();
      }
    });
  });
});
