/**
 * Opens the database `prepare` describes against: the server at the configured URL, or else the
 * embedded PGlite built from the migrations. Each is imported only when chosen, so a run against
 * a server never loads PGlite and vice versa, and a run that needs no database loads neither.
 */
import type { WireSession } from './wire-session.js';

export type DatabaseInfo =
  | { kind: 'server'; url: string }
  | { kind: 'embedded'; origin: 'snapshot' | 'migrations'; migrations: number; rebuiltBecause?: string };

export interface OpenDatabaseOptions {
  root: string;
  migrations: string;
  databaseUrl?: string;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<{ session: WireSession; info: DatabaseInfo }> {
  const { WireSession } = await import('./wire-session.js');
  if (options.databaseUrl) {
    const { openServerChannel, redact } = await import('./pg-server-channel.js');
    return {
      session: new WireSession(await openServerChannel(options.databaseUrl)),
      info: { kind: 'server', url: redact(options.databaseUrl) },
    };
  }
  const { openEmbeddedDatabase } = await import('./embedded-database.js');
  const db = await openEmbeddedDatabase({ root: options.root, migrations: options.migrations });
  return {
    session: db.session,
    info: {
      kind: 'embedded',
      origin: db.origin,
      migrations: db.migrations,
      ...(db.rebuiltBecause ? { rebuiltBecause: db.rebuiltBecause } : {}),
    },
  };
}
