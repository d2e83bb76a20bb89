/**
 * `transaction(db, async (tx) => …)`: BEGIN, run the callback, COMMIT — or ROLLBACK when it
 * throws, and rethrow. `tx` is a Queryable, so every generated function accepts it. Calling
 * `transaction(tx, …)` inside nests with a SAVEPOINT: an inner failure rolls back only the inner
 * work. Works on:
 * - a pg `Pool`: a client is checked out for the transaction and always released (destroyed if
 *   the rollback itself failed, so a broken connection never returns to the pool);
 * - a pg `Client` / `PoolClient`: BEGIN/COMMIT on that connection;
 * - PGlite: its own `transaction()`, which also keeps other callers' queries out meanwhile; a
 *   PGlite transaction object passed in is treated as already open (savepoints).
 * The handle refuses queries once its transaction is over, so a stray `await` after the
 * callback cannot run outside it (or on a released client).
 */
import { CONNECTION, type Queryable, type QueryResultLike } from './queryable.js';

export interface TransactionOptions {
  isolationLevel?: 'read committed' | 'repeatable read' | 'serializable';
  readOnly?: boolean;
}

/** A transaction (or savepoint) in progress. */
export interface Transaction extends Queryable {
  /** 0 for the outermost transaction, 1 for a savepoint inside it, and so on. */
  readonly depth: number;
}

interface PoolLike extends Queryable {
  connect(): Promise<Queryable & { release(destroy?: boolean | Error): void }>;
  totalCount: number;
}

interface PgliteLike extends Queryable {
  transaction<T>(callback: (tx: Queryable) => Promise<T>): Promise<T>;
}

class TransactionHandle implements Transaction {
  readonly depth: number;
  readonly #connection: Queryable;
  #open = true;

  constructor(connection: Queryable, depth: number) {
    this.#connection = connection;
    this.depth = depth;
  }

  query(text: string, values?: unknown[]): Promise<QueryResultLike> {
    if (!this.#open) return Promise.reject(new Error('this transaction is already committed or rolled back'));
    return this.#connection.query(text, values);
  }

  /** The driver handle, for generated code's own query options (runtime/driver-query.ts). */
  [CONNECTION](): Queryable {
    if (!this.#open) throw new Error('this transaction is already committed or rolled back');
    return this.#connection;
  }

  /** A savepoint inside this transaction. */
  nested(): TransactionHandle {
    return new TransactionHandle(this.#connection, this.depth + 1);
  }

  end(): void {
    this.#open = false;
  }
}

export async function transaction<T>(db: Queryable, callback: (tx: Transaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  if (db instanceof TransactionHandle) return savepoint(db, callback);
  if (isPglite(db)) {
    return db.transaction(async (pgliteTx) => {
      const tx = new TransactionHandle(pgliteTx, 0);
      try {
        const settings = transactionSettings(options);
        if (settings) await tx.query(`SET TRANSACTION${settings}`);
        return await callback(tx);
      } finally {
        tx.end();
      }
    });
  }
  if (isPgliteTransaction(db)) return savepoint(new TransactionHandle(db, 0), callback);
  if (isPool(db)) {
    const client = await db.connect();
    let broken = false;
    try {
      return await run(client, callback, options, () => {
        broken = true;
      });
    } finally {
      client.release(broken);
    }
  }
  return run(db, callback, options, () => undefined);
}

async function run<T>(connection: Queryable, callback: (tx: Transaction) => Promise<T>, options: TransactionOptions, onBroken: () => void): Promise<T> {
  await connection.query(`BEGIN${transactionSettings(options)}`);
  const tx = new TransactionHandle(connection, 0);
  let result: T;
  try {
    result = await callback(tx);
  } catch (err) {
    tx.end();
    await connection.query('ROLLBACK').catch(onBroken);
    throw err;
  }
  tx.end();
  const commit = (await connection.query('COMMIT')) as QueryResultLike & { command?: string };
  // COMMIT of a transaction an error already aborted (and the callback swallowed) rolls back.
  if (commit.command === 'ROLLBACK') {
    throw new Error('the transaction was rolled back: a statement in it failed and the error was caught inside the callback');
  }
  return result;
}

let savepointCounter = 0;

async function savepoint<T>(outer: TransactionHandle, callback: (tx: Transaction) => Promise<T>): Promise<T> {
  const name = `sqlsure_savepoint_${++savepointCounter}`;
  await outer.query(`SAVEPOINT ${name}`);
  const inner = outer.nested();
  try {
    const result = await callback(inner);
    inner.end();
    await outer.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (err) {
    inner.end();
    // If even this fails the outer transaction is lost anyway; the callback's error says why.
    await outer.query(`ROLLBACK TO SAVEPOINT ${name}`).then(() => outer.query(`RELEASE SAVEPOINT ${name}`)).catch(() => undefined);
    throw err;
  }
}

function transactionSettings(options: TransactionOptions): string {
  const parts: string[] = [];
  if (options.isolationLevel) {
    if (!['read committed', 'repeatable read', 'serializable'].includes(options.isolationLevel)) {
      throw new Error(`unknown isolation level "${options.isolationLevel}"`);
    }
    parts.push(`ISOLATION LEVEL ${options.isolationLevel.toUpperCase()}`);
  }
  if (options.readOnly) parts.push('READ ONLY');
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

function isPglite(db: Queryable): db is PgliteLike {
  return typeof (db as Partial<PgliteLike>).transaction === 'function';
}

/** PGlite's own transaction object: `rollback()` and a `closed` flag. */
function isPgliteTransaction(db: Queryable): boolean {
  const candidate = db as { rollback?: unknown; closed?: unknown };
  return typeof candidate.rollback === 'function' && typeof candidate.closed === 'boolean';
}

function isPool(db: Queryable): db is PoolLike {
  return typeof (db as Partial<PoolLike>).connect === 'function' && typeof (db as Partial<PoolLike>).totalCount === 'number';
}
