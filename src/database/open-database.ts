/**
 * Opens the database `prepare` describes against: the server at the configured URL, or else the
 * embedded PGlite built from the migrations. Each is imported only when chosen, so a run against
 * a server never loads PGlite and vice versa, and a run that needs no database loads neither.
 */
import type { EmbeddedProgress, EmbeddedStartReport } from './embedded-database.js';
import type { WireSession } from './wire-session.js';

export type { EmbeddedProgress };

export type DatabaseInfo =
  | { kind: 'server'; url: string }
  | ({ kind: 'embedded'; origin: 'snapshot' | 'migrations' } & EmbeddedStartReport);

export interface OpenDatabaseOptions {
  root: string;
  migrations: string;
  databaseUrl?: string;
  /** Long phases of starting the embedded database (initdb, migrations, snapshots). */
  onProgress?: (progress: EmbeddedProgress) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<{ session: WireSession; info: DatabaseInfo }> {
  if (options.databaseUrl) {
    const { WireSession } = await import('./wire-session.js');
    const { openServerChannel, redact } = await import('./pg-server-channel.js');
    return {
      session: new WireSession(await openServerChannel(options.databaseUrl)),
      info: { kind: 'server', url: redact(options.databaseUrl) },
    };
  }
  const { openEmbeddedDatabase } = await import('./embedded-database.js');
  const { session, snapshotDir: _dir, ...info } = await openEmbeddedDatabase({
    root: options.root,
    migrations: options.migrations,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { session, info: { kind: 'embedded', ...info } };
}
