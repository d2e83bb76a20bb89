/**
 * The default database for `prepare`: PGlite (PostgreSQL compiled to WASM) in this process, with
 * the project's migrations applied by the same runner `sqlsure migrate` uses.
 *
 * It starts from the best snapshot there is (pglite-snapshot.ts): the project's snapshot of
 * exactly these migrations; else the newest one of a prefix of them (an appended migration costs
 * only that migration; an edited old one restarts from the snapshot before it); else the base
 * snapshot every project on the machine shares (no initdb); else initdb. Every migration is
 * parsed before PGlite is even loaded, so a syntax error costs no start-up.
 *
 * A snapshot is taken as soon as the database holds what it should (a CHECKPOINT, then the data
 * directory image) and written in the background while prepare describes; closing the database
 * waits for the write. PGlite's WebAssembly runs on V8's baseline compiler only (see below).
 */
import path from 'node:path';
import type { Extension, PGlite } from '@electric-sql/pglite';
import { removeLeftoverTempFiles } from '../cache/leftover-temp-files.js';
import { loadMigrations, MigrationFolderError } from '../migrate/load-migrations.js';
import { upScript, type Migration, type MigrationProblem } from '../migrate/migration.js';
import { placeStatements, planScript } from '../migrate/script-statements.js';
import { applyMigrationPlan, describeFailedStep } from '../migrator/apply-migrations.js';
import type { MigrationStatement } from '../migrator/migration-record.js';
import { pgliteConnection } from '../migrator/pglite-connection.js';
import { loadSqlParser } from '../source/sql-scanner.js';
import { captureDataDir, restoringFileSystem } from './pglite-data-dir.js';
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
import { startParams } from './pglite-start-params.js';
import { compiledPgliteWasm } from './pglite-wasm.js';
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
  const { db, report, snapshotWritten } = await startEmbeddedDatabase(migrations, {
    snapshotDir,
    userCacheDir: userCacheDirFor(),
    displayDir: options.migrations,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const { WireSession } = await import('./wire-session.js');
  const { pgliteChannel } = await import('./pglite-channel.js');
  return {
    session: new WireSession(pgliteChannel(db, () => closeAfterSnapshot(db, snapshotWritten))),
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

export interface EmbeddedStart {
  db: PGlite;
  report: EmbeddedStartReport;
  /** What a snapshot of `db` as it is now holds (watch mode grows it with appended migrations). */
  identity: SnapshotIdentity;
  /**
   * Settles once the snapshots this start took are on disk (at once when it took none); rejects
   * when the project snapshot could not be written. Close `db` only after it settles.
   */
  snapshotWritten: Promise<void>;
}

/**
 * A PGlite holding exactly `migrations`, started from the best snapshot there is, and what it took.
 * Throws EmbeddedSetupError (PGlite closed) when a migration does not parse or fails.
 */
export async function startEmbeddedDatabase(migrations: readonly Migration[], options: StartEmbeddedOptions): Promise<EmbeddedStart> {
  const progress = options.onProgress ?? (() => undefined);
  // Parse first: a syntax error anywhere is reported before PGlite is loaded.
  const { plans, extensionNames } = await planAll(migrations);
  const extensions = await loadPgliteExtensions(extensionNames);
  const identity: SnapshotIdentity = {
    pglite: pgliteVersion(),
    extensions: Object.keys(extensions).sort(),
    migrations: migrations.map((m) => [m.version.toString(), m.checksum.toString('hex')] as const),
  };
  // Compiled on V8's threads and the snapshot read, verified and decompressed on libuv's, while
  // PGlite's JavaScript loads (PGlite would compile only once it is constructed).
  const wasm = compiledPgliteWasm();
  let search: Promise<Awaited<ReturnType<typeof findLongestPrefix>>> | undefined = findLongestPrefix(options.snapshotDir, identity);
  const { PGlite, MemoryFS } = await import('@electric-sql/pglite');
  const report: EmbeddedStartReport = { start: 'initdb', snapshotMigrations: 0, applied: 0, migrations: migrations.length, snapshotSaved: false, baseSaved: false };
  const distrust = (reason: string) => {
    report.rebuiltBecause ??= reason;
  };
  const compiled = async () => {
    const pgliteWasmModule = await wasm;
    return pgliteWasmModule ? { pgliteWasmModule } : {};
  };
  const startFrom = async (image: Uint8Array, expected: number | undefined): Promise<PGlite> => {
    const started = new PGlite({ fs: restoringFileSystem(MemoryFS, image), extensions, startParams: startParams(PGlite), ...(await compiled()) });
    try {
      await started.waitReady;
      if (expected !== undefined) {
        // The snapshot must hold exactly the migrated schema it claims to.
        const { rows } = await started.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${BOOKKEEPING_TABLE} WHERE success`);
        if (rows[0]?.n !== expected) throw new Error(`it records ${rows[0]?.n ?? 0} migrations, expected ${expected}`);
      }
      return started;
    } catch (err) {
      await started.close().catch(() => undefined);
      throw err;
    }
  };

  let db: PGlite | undefined;
  // The project's newest usable snapshot; one that does not start is removed and the next tried.
  for (;;) {
    const { found, corrupt } = await (search ?? findLongestPrefix(options.snapshotDir, identity));
    search = undefined;
    if (corrupt) distrust(corrupt);
    if (!found) break;
    progress({ phase: 'start', from: 'snapshot', migrations: found.manifest.migrations.length });
    db = await startFrom(found.data, found.manifest.migrations.length).catch(async (err: Error) => {
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
      db = await startFrom(base.data, undefined).catch(async (err: Error) => {
        distrust(`a base snapshot that did not start (${err.message})`);
        await removeSnapshot(options.userCacheDir!, base.manifest).catch(() => undefined);
        return undefined;
      });
      if (db) report.start = 'base';
    }
  }
  const writes: Array<Promise<unknown>> = [];
  if (!db) {
    progress({ phase: 'initdb' });
    db = new PGlite({ extensions, startParams: startParams(PGlite), ...(await compiled()) });
    await db.waitReady;
    if (options.userCacheDir) {
      // Shared by every project on this machine; a cache that cannot be written only costs time.
      const { written } = await snapshotInBackground(db, options.userCacheDir, baseIdentity, KEEP_BASE_SNAPSHOTS);
      writes.push(written.then(() => (report.baseSaved = true), () => undefined));
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
      writes.push((await snapshotInBackground(db, options.snapshotDir, identity, KEEP_PROJECT_SNAPSHOTS)).written);
      report.snapshotSaved = true;
    }
  } catch (err) {
    await Promise.allSettled(writes);
    await db.close().catch(() => undefined);
    throw err;
  }
  const snapshotWritten = Promise.all(writes).then(() => undefined);
  // Awaited by whoever closes the database; until then a failed write must not count as unhandled.
  snapshotWritten.catch(() => undefined);
  return { db, report, identity, snapshotWritten };
}

/**
 * Takes the snapshot of `db` now (it must be idle: a CHECKPOINT, then the data directory image)
 * and writes it in the background; the returned promise settles when it is on disk.
 */
export async function snapshotInBackground(db: PGlite, dir: string, identity: SnapshotIdentity, keep: number): Promise<{ written: Promise<SnapshotManifest> }> {
  // Every change goes into the data files, so a start from the snapshot replays no WAL.
  await db.exec('CHECKPOINT');
  const written = writeSnapshot(dir, identity, captureDataDir(db), { keep });
  written.catch(() => undefined);
  return { written };
}

/** Closes the database once the snapshot it is writing is on disk; a failed write is the close's error. */
export async function closeAfterSnapshot(db: PGlite, written: Promise<unknown>): Promise<void> {
  try {
    await written;
  } finally {
    await db.close();
  }
}

/**
 * Every migration split and checked by PostgreSQL's parser (the problems of all of them at once),
 * and the extensions they create (as find-extensions.ts names them), from the same single parse.
 */
async function planAll(migrations: readonly Migration[]): Promise<{ plans: Map<Migration, { ok: true; statements: readonly MigrationStatement[] }>; extensionNames: string[] }> {
  await loadSqlParser();
  const plans = new Map<Migration, { ok: true; statements: readonly MigrationStatement[] }>();
  const extensionNames = new Set<string>();
  const problems: MigrationProblem[] = [];
  for (const m of migrations) {
    const script = upScript(m);
    const plan = planScript(script);
    if (!plan.ok) {
      problems.push(plan.problem);
      continue;
    }
    for (const s of plan.statements) {
      const name = (s.node.CreateExtensionStmt as { extname?: string } | undefined)?.extname;
      if (name) extensionNames.add(name);
    }
    plans.set(m, { ok: true, statements: placeStatements(script.sql, plan.statements) });
  }
  if (problems.length) throw new EmbeddedSetupError(problems);
  return { plans, extensionNames: [...extensionNames] };
}

