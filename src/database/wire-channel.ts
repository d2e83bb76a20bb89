/**
 * A raw PostgreSQL frontend/backend protocol channel, already past startup and authentication.
 * A real server (a socket that `pg` authenticated) and PGlite (in-process `execProtocolRaw`) both
 * implement it, so describe and catalog look-ups run over one code path.
 */
import type { BackendMessage } from 'pg-protocol/dist/messages.js';

export interface WireChannel {
  /** Writes frontend messages; order is preserved. */
  send(bytes: Buffer): void;
  /** Sets the single receiver of every backend message, in order. */
  onMessage(handler: (message: BackendMessage) => void): void;
  /** Called once if the channel breaks (socket closed, PGlite crashed). */
  onFailure(handler: (error: Error) => void): void;
  close(): Promise<void>;
}
