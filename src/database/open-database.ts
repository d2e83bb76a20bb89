/** Opens the database `prepare` describes against. */
import { openServerChannel } from './pg-server-channel.js';
import { WireSession } from './wire-session.js';

export interface OpenDatabaseOptions {
  databaseUrl: string;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<WireSession> {
  return new WireSession(await openServerChannel(options.databaseUrl));
}
