/**
 * The default database for `prepare`: PGlite (PostgreSQL compiled to WASM) in this process, with
 * the project's migrations applied by the same runner `sqlsure migrate` uses.
 *
 * It starts from the best snapshot there is (pglite-snapshot.ts): the project's snapshot of
 * exactly these migrations; else the newest one of a prefix of them (an appended migration costs
 * only that migration; an edited old one restarts from the snapshot before it); else the base
 * snapshot every project on the machine shares (no initdb); else initdb. Every migration is
 * parsed before PGlite is even loaded, so a syntax error costs no start-up.
 */
import path from 'node:path';
import type { Extension, PGlite } from '@electric-sql/pglite';
import { removeLeftoverTempFiles } from '../cache/leftover-temp-files.js';
import { findExtensions } from '../migrate/find-extensions.js';
import { loadMigrations, MigrationFolderError } from '../migrate/load-migrations.js';
import { upScript, type Migration, type MigrationProblem } from '../migrate/migration.js';
import { planStatements } from '../migrate/script-statements.js';
import { applyMigrationPlan, describeFailedStep } from '../migrator/apply-migrations.js';
import type { MigrationStatement } from '../migrator/migration-record.js';
import { pgliteConnection } from '../migrator/pglite-connection.js';
import { loadSqlParser } from '../source/sql-scanner.js';
import { loadPgliteExtensions } from './pglite-extensions.js';
import {
  findLongestPrefix,
  KEEP_BASE_SNAPSHOTS,
  KEEP_PROJECT_SNAPSHOTS,
  readSnapshot,
  removeSnapshot,
  snapshotDirFor,
  userCacheDirFor,
  writeSnapshot,
  type SnapshotIdentity,
  type SnapshotManifest,
} from './pglite-snapshot.js';
import { pgliteVersion } from './pglite-version.js';
import type { WireSession } from './wire-session.js';

const BOOKKEEPING_TABLE = '_sqlsure_migrations';

/** What a long phase of bringing the embedded database up is doing now (for progress display). */
export type EmbeddedProgress =
  | { phase: 'initdb' }
  | { phase: 'start'; from: 'base' | 'snapshot'; migrations: number }
  | { phase: 'migrate'; done: number; total: number }
  | { phase: 'save' };

/** How the embedded database got to the current migrations. */
export interface EmbeddedStartReport {
  /** `initdb`: nothing reusable; `base`: the machine's post-initdb snapshot; `snapshot`: a project snapshot. */
  start: 'initdb' | 'base' | 'snapshot';
  /** Migrations the project snapshot it started from held (0 for initdb and base). */
  snapshotMigrations: number;
  /** Migrations applied on top of where it started. */
  applied: number;
  /** Migrations in the folder. */
  migrations: number;
  /** A project snapshot of every migration was written. */
  snapshotSaved: boolean;
  /** The base snapshot was written (this run paid initdb for the machine). */
  baseSaved: boolean;
  /** Set when a snapshot existed but could not be trusted (it is removed). */
  rebuiltBecause?: string;
}

export interface EmbeddedDatabase extends EmbeddedStartReport {
  session: WireSession;
  /** Kept for callers of the first format: `snapshot` when no migration had to run. */
  origin: 'snapshot' | 'migrations';
  snapshotDir: string;
}

/** The migrations could not be applied to the embedded database; `problems` say where. */
export class EmbeddedSetupError extends Error {
  constructor(readonly problems: MigrationProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'EmbeddedSetupError';
  }
}

export interface OpenEmbeddedOptions {
  root: string;
  /** Migrations folder relative to the root. */
  migrations: string;
  onProgress?: (progress: EmbeddedProgress) => void;
}

export async function openEmbeddedDatabase(options: OpenEmbeddedOptions): Promise<EmbeddedDatabase> {
  const migrations = await loadProjectMigrations(options.root, options.migrations);
  const snapshotDir = snapshotDirFor(options.root);
  const { db, report } = await startEmbeddedDatabase(migrations, {
    snapshotDir,
    userCacheDir: userCacheDirFor(),
    displayDir: options.migrations,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const { WireSession } = await import('./wire-session.js');
  const { pgliteChannel } = await import('./pglite-channel.js');
  return {
    session: new WireSession(pgliteChannel(db, () => db.close())),
    origin: report.applied === 0 ? 'snapshot' : 'migrations',
    snapshotDir,
    ...report,
  };
}

/** The migrations folder, read as the embedded database's bookkeeping table records them. */
export async function loadProjectMigrations(root: string, migrationsDir: string): Promise<Migration[]> {
  try {
    return await loadMigrations(path.resolve(root, migrationsDir), { checksum: 'normalized', displayDir: migrationsDir });
  } catch (err) {
    if (err instanceof MigrationFolderError) throw new EmbeddedSetupError(err.problems);
    throw err;
  }
}

export interface StartEmbeddedOptions {
  /** Where the project's snapshots live. */
  snapshotDir: string;
  /** Where the machine's base snapshots live; none: initdb is never shared. */
  userCacheDir?: string | undefined;
  /** How the migrations folder appears in messages. */
  displayDir: string;
  onProgress?: (progress: EmbeddedProgress) => void;
}

/**
 * A PGlite holding exactly `migrations`, started from the best snapshot there is, and what it took.
 * Throws EmbeddedSetupError (PGlite closed) when a migration does not parse or fails.
 */
export async function startEmbeddedDatabase(migrations: readonly Migration[], options: StartEmbeddedOptions): Promise<{ db: PGlite; report: EmbeddedStartReport }> {
  const progress = options.onProgress ?? (() => undefined);
  // Parse first: a syntax error anywhere is reported before PGlite is loaded.
  const plans = await planAll(migrations);
  const extensions = await loadPgliteExtensions(await findExtensions(migrations));
  const identity: SnapshotIdentity = {
    pglite: pgliteVersion(),
    extensions: Object.keys(extensions).sort(),
    migrations: migrations.map((m) => [m.version.toString(), m.checksum.toString('hex')] as const),
  };
  const { PGlite } = await import('@electric-sql/pglite');
  const report: EmbeddedStartReport = { start: 'initdb', snapshotMigrations: 0, applied: 0, migrations: migrations.length, snapshotSaved: false, baseSaved: false };
  const distrust = (reason: string) => {
    report.rebuiltBecause ??= reason;
  };

  let db: PGlite | undefined;
  // The project's newest usable snapshot; one that does not start is removed and the next tried.
  for (;;) {
    const { found, corrupt } = await findLongestPrefix(options.snapshotDir, identity);
    if (corrupt) distrust(corrupt);
    if (!found) break;
    progress({ phase: 'start', from: 'snapshot', migrations: found.manifest.migrations.length });
    db = await startFrom(PGlite, found.data, extensions, found.manifest.migrations.length).catch(async (err: Error) => {
      distrust(`a snapshot that did not start (${err.message})`);
      await removeSnapshot(options.snapshotDir, found.manifest);
      return undefined;
    });
    if (db) {
      report.start = 'snapshot';
      report.snapshotMigrations = found.manifest.migrations.length;
      break;
    }
  }
  const baseIdentity: SnapshotIdentity = { ...identity, migrations: [] };
  if (!db && options.userCacheDir) {
    removeLeftoverTempFiles(options.userCacheDir);
    const base = await readSnapshot(options.userCacheDir, baseIdentity).catch(() => ({ status: 'absent' as const }));
    if (base.status === 'corrupt') distrust(`a base snapshot: ${base.reason}`);
    if (base.status === 'found') {
      progress({ phase: 'start', from: 'base', migrations: 0 });
      db = await startFrom(PGlite, base.data, extensions, undefined).catch(async (err: Error) => {
        distrust(`a base snapshot that did not start (${err.message})`);
        await removeSnapshot(options.userCacheDir!, base.manifest).catch(() => undefined);
        return undefined;
      });
      if (db) report.start = 'base';
    }
  }
  if (!db) {
    progress({ phase: 'initdb' });
    db = new PGlite({ extensions });
    await db.waitReady;
    if (options.userCacheDir) {
      // Shared by every project on this machine; a cache that cannot be written only costs time.
      progress({ phase: 'save' });
      report.baseSaved = await saveSnapshot(db, options.userCacheDir, baseIdentity, KEEP_BASE_SNAPSHOTS).then(() => true, () => false);
    }
  }

  try {
    const total = migrations.length - report.snapshotMigrations;
    if (total > 0) {
      progress({ phase: 'migrate', done: 0, total });
      const run = await applyMigrationPlan(pgliteConnection(db), migrations, (m) => plans.get(m)!, {
        table: BOOKKEEPING_TABLE,
        displayDir: options.displayDir,
        onApplied: () => progress({ phase: 'migrate', done: ++report.applied, total }),
      });
      if (!run.ok) {
        const problems = [...run.problems];
        if (run.failed && problems.length === 0) problems.push({ message: describeFailedStep(run.failed, BOOKKEEPING_TABLE) });
        throw new EmbeddedSetupError(problems);
      }
      progress({ phase: 'save' });
      await saveSnapshot(db, options.snapshotDir, identity, KEEP_PROJECT_SNAPSHOTS);
      report.snapshotSaved = true;
    }
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return { db, report };
}

/** Every migration split and checked by PostgreSQL's parser; the problems of all of them at once. */
async function planAll(migrations: readonly Migration[]): Promise<Map<Migration, { ok: true; statements: readonly MigrationStatement[] }>> {
  await loadSqlParser();
  const plans = new Map<Migration, { ok: true; statements: readonly MigrationStatement[] }>();
  const problems: MigrationProblem[] = [];
  for (const m of migrations) {
    const plan = planStatements(upScript(m));
    if (plan.ok) plans.set(m, plan);
    else problems.push(plan.problem);
  }
  if (problems.length) throw new EmbeddedSetupError(problems);
  return plans;
}

async function startFrom(PGliteClass: typeof PGlite, data: Buffer, extensions: Record<string, Extension>, expected: number | undefined): Promise<PGlite> {
  const db = new PGliteClass({ loadDataDir: new Blob([data]), extensions });
  try {
    await db.waitReady;
    if (expected !== undefined) {
      // The snapshot must hold exactly the migrated schema it claims to.
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${BOOKKEEPING_TABLE} WHERE success`);
      if (rows[0]?.n !== expected) throw new Error(`it records ${rows[0]?.n ?? 0} migrations, expected ${expected}`);
    }
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

async function saveSnapshot(db: PGlite, dir: string, identity: SnapshotIdentity, keep: number): Promise<SnapshotManifest> {
  const dump = await db.dumpDataDir('gzip');
  return writeSnapshot(dir, identity, Buffer.from(await dump.arrayBuffer()), { keep, gzip: true });
}
