/**
 * What the application passes as `db`: a pg `Pool`, a connected pg `Client` (or pool client), or
 * PGlite — told apart by shape, so `sqlsure/migrator` never imports pg or PGlite (they are the
 * application's dependencies, and it may use either).
 */
import type { MigrationConnection } from './migration-connection.js';

/** The part of `pg.Client` / `pg.PoolClient` used here. */
export interface PgClientLike {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The part of `pg.Pool` used here. */
export interface PgPoolLike extends PgClientLike {
  connect(): Promise<PgClientLike & { release(err?: Error | boolean): void }>;
  readonly totalCount: number;
  readonly idleCount: number;
}

/** The part of `PGliteInterface` used here. */
export interface PGliteDatabaseLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<unknown>;
}

export type MigratorDatabase = PgPoolLike | PgClientLike | PGliteDatabaseLike;

export interface Session {
  connection: MigrationConnection;
  release(): void;
}

/** Runs waiting for a single-session handle (a Client, PGlite), per handle. */
const queues = new WeakMap<object, Promise<void>>();

/**
 * One session for a whole run: the advisory lock, BEGIN/COMMIT and the bookkeeping must share it,
 * so a pool lends one client until the run ends. A Client or PGlite IS one session, and the
 * advisory lock does not exclude its own session, so runs on the same handle in this process
 * take turns instead.
 */
export async function openSession(db: MigratorDatabase): Promise<Session> {
  if (!isPool(db)) {
    const connection = anyConnection(db);
    const before = queues.get(db) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    queues.set(db, before.then(() => mine));
    await before;
    return { connection, release: () => done() };
  }
  const client = await db.connect();
  let released = false;
  return {
    connection: pgConnection(client),
    release: () => {
      if (!released) client.release();
      released = true;
    },
  };
}

/** For single statements (verifySchema): a pool may run them on any of its clients. */
export function statementConnection(db: MigratorDatabase): MigrationConnection {
  return anyConnection(db);
}

function anyConnection(db: MigratorDatabase): MigrationConnection {
  if (isPglite(db)) return pgliteConnection(db);
  if (typeof (db as PgClientLike)?.query !== 'function') {
    throw new TypeError('sqlsure/migrator: db must be a pg Pool, a connected pg Client, or a PGlite instance');
  }
  return pgConnection(db);
}

export function pgliteConnection(db: PGliteDatabaseLike): MigrationConnection {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      return (await db.query(sql, params)).rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
  };
}

export function pgConnection(client: PgClientLike): MigrationConnection {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<T[]> {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string): Promise<void> {
      // Without values pg uses the simple query protocol, which accepts any utility statement.
      await client.query(sql);
    },
  };
}

function isPool(db: MigratorDatabase): db is PgPoolLike {
  const d = db as Partial<PgPoolLike>;
  return typeof d.connect === 'function' && typeof d.totalCount === 'number' && typeof d.idleCount === 'number';
}

/** pg clients have no `exec`; PGlite (and PGliteWorker) run scripts with it. */
function isPglite(db: MigratorDatabase): db is PGliteDatabaseLike {
  const d = db as Partial<PGliteDatabaseLike>;
  return typeof d.exec === 'function' && typeof d.query === 'function';
}
