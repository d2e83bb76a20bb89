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
      const results = await db.exec(sql);
      if (unanswered(results) && hasStatement(sql)) throw UNANSWERED_STATEMENT();
    },
  };
}

/**
 * PGlite swallows a JavaScript stack overflow in its WASM (a statement nested deeply enough)
 * without PostgreSQL's error recovery: the statement silently does nothing and its result carries
 * no command tag. Run as a migration, it would be recorded as applied.
 */
function unanswered(results: unknown): boolean {
  return Array.isArray(results) && results.length > 0 && results.every((r) => (r as { command?: unknown })?.command === undefined);
}

function hasStatement(sql: string): boolean {
  return sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/[\s;]/g, '') !== '';
}

const UNANSWERED_STATEMENT = () =>
  Object.assign(new Error('statement is nested too deeply: the embedded database (PGlite) ran out of stack and did not run it'), {
    code: '54001',
    severity: 'ERROR',
    hint: 'reduce the nesting (e.g. with a CTE), or prepare against a PostgreSQL server with DATABASE_URL',
  });

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
