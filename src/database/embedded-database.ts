/**
 * The default database for `prepare`: PGlite (PostgreSQL compiled to WASM) in this process, with
 * the project's migrations applied by the same runner `sqlsure migrate` uses. The migrated data
 * directory is snapshotted, keyed by the migrations, the PGlite version and the extensions.
 */
import path from 'node:path';
import { PGlite, type Extension } from '@electric-sql/pglite';
import { findExtensions } from '../migrate/find-extensions.js';
import { loadMigrations, MigrationFolderError } from '../migrate/load-migrations.js';
import type { Migration, MigrationProblem } from '../migrate/migration.js';
import { pgliteConnection } from '../migrator/pglite-connection.js';
import { applyMigrations, describeFailedStep } from '../migrate/run-migrations.js';
import { loadPgliteExtensions } from './pglite-extensions.js';
import { pgliteChannel } from './pglite-channel.js';
import { pgliteVersion } from './pglite-version.js';
import { readSnapshot, removeSnapshot, snapshotDirFor, snapshotKey, writeSnapshot } from './pglite-snapshot.js';
import { WireSession } from './wire-session.js';

const BOOKKEEPING_TABLE = '_sqlsure_migrations';

export interface EmbeddedDatabase {
  session: WireSession;
  /** Where the schema came from this time: a snapshot, or initdb + every migration. */
  origin: 'snapshot' | 'migrations';
  migrations: number;
  /** Set when a snapshot existed but could not be trusted. */
  rebuiltBecause?: string;
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
}

export async function openEmbeddedDatabase(options: OpenEmbeddedOptions): Promise<EmbeddedDatabase> {
  const migrationsDir = path.resolve(options.root, options.migrations);
  let migrations: Migration[];
  try {
    migrations = await loadMigrations(migrationsDir, { checksum: 'normalized', displayDir: options.migrations });
  } catch (err) {
    if (err instanceof MigrationFolderError) throw new EmbeddedSetupError(err.problems);
    throw err;
  }
  const extensionNames = await findExtensions(migrations);
  const extensions = await loadPgliteExtensions(extensionNames);
  const snapshotDir = snapshotDirFor(options.root);
  const key = snapshotKey({
    pglite: pgliteVersion(),
    extensions: Object.keys(extensions).sort(),
    migrations: migrations.map((m) => [m.version.toString(), m.checksum.toString('hex')]),
  });

  let rebuiltBecause: string | undefined;
  const snapshot = await readSnapshot(snapshotDir, key);
  if (snapshot.status === 'corrupt') rebuiltBecause = snapshot.reason;
  if (snapshot.status === 'found') {
    const db = await startFromSnapshot(snapshot.data, extensions, migrations.length).catch((err: Error) => {
      rebuiltBecause = `a snapshot that did not start (${err.message})`;
      return undefined;
    });
    if (db) return { session: sessionFor(db), origin: 'snapshot', migrations: migrations.length, snapshotDir };
    await removeSnapshot(snapshotDir, key);
  }

  const db = new PGlite({ extensions });
  await db.waitReady;
  const report = await applyMigrations(pgliteConnection(db), migrations, { table: BOOKKEEPING_TABLE, displayDir: options.migrations });
  if (!report.ok) {
    await db.close();
    const problems = [...report.problems];
    if (report.failed && problems.length === 0) problems.push({ message: describeFailedStep(report.failed, BOOKKEEPING_TABLE) });
    throw new EmbeddedSetupError(problems);
  }
  const dump = await db.dumpDataDir('gzip');
  await writeSnapshot(snapshotDir, key, Buffer.from(await dump.arrayBuffer()));
  return {
    session: sessionFor(db),
    origin: 'migrations',
    migrations: migrations.length,
    ...(rebuiltBecause ? { rebuiltBecause } : {}),
    snapshotDir,
  };
}

async function startFromSnapshot(data: Buffer, extensions: Record<string, Extension>, expected: number): Promise<PGlite> {
  const db = new PGlite({ loadDataDir: new Blob([data]), extensions });
  try {
    await db.waitReady;
    // The snapshot must hold exactly the migrated schema it claims to.
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${BOOKKEEPING_TABLE} WHERE success`);
    if (rows[0]?.n !== expected) throw new Error(`it records ${rows[0]?.n ?? 0} migrations, expected ${expected}`);
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

function sessionFor(db: PGlite): WireSession {
  return new WireSession(pgliteChannel(db, () => db.close()));
}
