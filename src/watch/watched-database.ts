/**
 * The database `prepare --watch` keeps open between cycles, so a query edit costs a describe and
 * nothing else: no initdb, no migrations, no connection set-up.
 *
 * Embedded: the PGlite holds a known list of migrations. When the folder now holds that list plus
 * new files, only the new ones are applied to the open database and a snapshot of it is taken (so
 * the next plain `prepare` starts from there); when an old one changed (or a new extension is
 * needed), it is closed and started again through the normal path (snapshots).
 * Server: one connection, reopened when the URL changes or it broke. Migrations are the user's to
 * apply there (`sqlsure migrate run`); the schema fingerprint notices when they did.
 */
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { ResolvedConfig } from '../config/config.js';
import {
  closeAfterSnapshot,
  EmbeddedSetupError,
  loadProjectMigrations,
  snapshotInBackground,
  startEmbeddedDatabase,
  type EmbeddedProgress,
} from '../database/embedded-database.js';
import { pgliteChannel } from '../database/pglite-channel.js';
import { KEEP_PROJECT_SNAPSHOTS, snapshotDirFor, userCacheDirFor, type SnapshotIdentity } from '../database/pglite-snapshot.js';
import { WireSession } from '../database/wire-session.js';
import { findExtensions } from '../migrate/find-extensions.js';
import { upScript, type Migration, type MigrationProblem } from '../migrate/migration.js';
import { planStatements } from '../migrate/script-statements.js';
import { applyMigrationPlan, describeFailedStep, type StatementPlan } from '../migrator/apply-migrations.js';
import { pgliteConnection } from '../migrator/pglite-connection.js';
import { loadSqlParser } from '../source/sql-scanner.js';

/** The embedded database's bookkeeping table (as embedded-database.ts names it). */
const EMBEDDED_TABLE = '_sqlsure_migrations';

/** What a cycle had to do to the database before describing. */
export type DatabaseStep =
  | { kind: 'kept' }
  | { kind: 'opened'; embedded: boolean; started?: string }
  | { kind: 'applied'; migrations: string[] }
  | { kind: 'rebuilt'; because: string };

interface Embedded {
  kind: 'embedded';
  db: PGlite;
  session: WireSession;
  root: string;
  migrationsDir: string;
  extensions: string;
  /** `version:checksum` of every migration the database holds, in order. */
  applied: string[];
  /** What a snapshot of the database holds now. */
  identity: SnapshotIdentity;
  /** Snapshot writes still in flight; the database closes once they are on disk. */
  written: Promise<unknown>;
}

interface Server {
  kind: 'server';
  session: WireSession;
  url: string;
}

export class WatchedDatabase {
  #open: Embedded | Server | undefined;

  constructor(private readonly onProgress?: (progress: EmbeddedProgress) => void) {}

  /** Brings the database in line with the config and the migrations folder; the session to describe with. */
  async ready(config: ResolvedConfig): Promise<{ session: WireSession; embedded: boolean; step: DatabaseStep }> {
    if (config.databaseUrl) {
      const held = this.#open;
      if (held?.kind === 'server' && held.url === config.databaseUrl) return { session: held.session, embedded: false, step: { kind: 'kept' } };
      await this.close();
      const { openServerChannel } = await import('../database/pg-server-channel.js');
      const session = new WireSession(await openServerChannel(config.databaseUrl));
      this.#open = { kind: 'server', session, url: config.databaseUrl };
      return { session, embedded: false, step: { kind: 'opened', embedded: false } };
    }
    const migrations = await loadProjectMigrations(config.root, config.migrations);
    const ids = migrations.map(identity);
    const extensions = (await findExtensions(migrations)).sort().join(',');
    const held = this.#open;
    if (held?.kind === 'embedded' && held.root === config.root && held.migrationsDir === config.migrations && held.extensions === extensions) {
      const isPrefix = held.applied.length <= ids.length && held.applied.every((id, i) => ids[i] === id);
      if (isPrefix) {
        const added = migrations.slice(held.applied.length);
        if (added.length === 0) return { session: held.session, embedded: true, step: { kind: 'kept' } };
        await this.#applyAppended(held, migrations, added, config.migrations);
        held.applied = ids;
        held.identity = { ...held.identity, migrations: migrations.map((m) => [m.version.toString(), m.checksum.toString('hex')] as const) };
        const { written } = await snapshotInBackground(held.db, snapshotDirFor(config.root), held.identity, KEEP_PROJECT_SNAPSHOTS);
        // A snapshot that cannot be written costs the next prepare time, not this watch its database.
        held.written = Promise.all([held.written, written.catch(() => undefined)]);
        return { session: held.session, embedded: true, step: { kind: 'applied', migrations: added.map((m) => path.basename(m.file)) } };
      }
    }
    const because = !held ? undefined : held.kind === 'server' ? 'the database URL was removed' : held.extensions !== extensions ? 'the extensions changed' : 'an applied migration changed';
    await this.close();
    const { db, report, identity: holds, snapshotWritten } = await startEmbeddedDatabase(migrations, {
      snapshotDir: snapshotDirFor(config.root),
      userCacheDir: userCacheDirFor(),
      displayDir: config.migrations,
      ...(this.onProgress ? { onProgress: this.onProgress } : {}),
    });
    const opened: Embedded = {
      kind: 'embedded',
      db,
      session: new WireSession(pgliteChannel(db, () => closeAfterSnapshot(db, opened.written))),
      root: config.root,
      migrationsDir: config.migrations,
      extensions,
      applied: ids,
      identity: holds,
      written: snapshotWritten.catch(() => undefined),
    };
    const session = opened.session;
    this.#open = opened;
    const started = report.start === 'snapshot' ? `from the snapshot of ${report.snapshotMigrations}` : report.start === 'base' ? 'from the base snapshot' : 'with initdb';
    return {
      session,
      embedded: true,
      step: because ? { kind: 'rebuilt', because } : { kind: 'opened', embedded: true, started: `${started}, ${report.applied} migration${report.applied === 1 ? '' : 's'} applied` },
    };
  }

  /**
   * Applies migrations appended since the database was built. On failure the database is closed
   * (a `-- no-transaction` migration may have left part of itself behind); the next cycle
   * rebuilds it through the normal path, which reports the same problem until it is fixed.
   */
  async #applyAppended(held: Embedded, all: Migration[], added: Migration[], displayDir: string): Promise<void> {
    await loadSqlParser();
    const plans = new Map<Migration, StatementPlan>();
    const problems: MigrationProblem[] = [];
    for (const m of added) {
      const plan = planStatements(upScript(m));
      if (plan.ok) plans.set(m, plan);
      else problems.push(plan.problem);
    }
    // A syntax error leaves the open database untouched and usable.
    if (problems.length) throw new EmbeddedSetupError(problems);
    try {
      const run = await applyMigrationPlan(pgliteConnection(held.db), all, (m) => plans.get(m) ?? { ok: true, statements: [] }, {
        table: EMBEDDED_TABLE,
        displayDir,
      });
      if (!run.ok) {
        const found = [...run.problems];
        if (run.failed && found.length === 0) found.push({ message: describeFailedStep(run.failed, EMBEDDED_TABLE) });
        throw new EmbeddedSetupError(found);
      }
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  /** Whether a session is open (a failed cycle may have closed it). */
  get isOpen(): boolean {
    return this.#open !== undefined;
  }

  /** Drops a server connection after a failure it may have caused; it is reopened next cycle. */
  async dropServer(): Promise<void> {
    if (this.#open?.kind === 'server') await this.close();
  }

  async close(): Promise<void> {
    const held = this.#open;
    this.#open = undefined;
    if (held) await held.session.close().catch(() => undefined);
  }
}

function identity(m: Migration): string {
  return `${m.version}:${m.checksum.toString('hex')}`;
}

