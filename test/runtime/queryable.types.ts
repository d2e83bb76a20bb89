/**
 * Compile-time proof that real driver handles satisfy `Queryable`. Not a vitest file: checked by
 * `npx tsc -p test/runtime/tsconfig.json`. Nothing here runs.
 */
import type { PGlite, PGliteInterface, Transaction } from '@electric-sql/pglite';
import type { Client, Pool, PoolClient } from 'pg';
import { transaction as runInTransaction, type Queryable, type Transaction as TransactionHandle } from '../../src/runtime/index.js';

declare const pool: Pool;
declare const client: Client;
declare const poolClient: PoolClient;
declare const pglite: PGlite;
declare const pgliteInterface: PGliteInterface;
declare const transaction: Transaction;

export const handles: Queryable[] = [pool, client, poolClient, pglite, pgliteInterface, transaction];

// And the check is not vacuous: something without a fitting `query` is rejected.
// @ts-expect-error -- query must accept (text, values) and resolve to something with rows
export const notQueryable: Queryable = { query: (text: number) => Promise.resolve({ rows: [text] }) };
// @ts-expect-error -- a result without rows is not a QueryResultLike
export const noRows: Queryable = { query: () => Promise.resolve({ rowCount: 1 }) };

// transaction() takes every handle, and its `tx` is a Queryable again (so generated functions and
// nested transactions accept it).
export const transactions = [pool, client, poolClient, pglite, transaction].map((db) =>
  runInTransaction(db, async (tx: TransactionHandle) => {
    const inner: Queryable = tx;
    return runInTransaction(inner, async (nested) => nested.depth);
  }),
);
