/**
 * A WireChannel over an in-process PGlite: frontend bytes go to `execProtocolRaw`, and the
 * backend bytes that come back are parsed by the same pg-protocol parser a socket uses.
 */
import type { PGliteInterface } from '@electric-sql/pglite';
import { Parser } from 'pg-protocol/dist/parser.js';
import type { BackendMessage } from 'pg-protocol/dist/messages.js';
import type { WireChannel } from './wire-channel.js';

export function pgliteChannel(db: PGliteInterface, close: () => Promise<void>): WireChannel {
  const parser = new Parser();
  let handler: (message: BackendMessage) => void = () => {};
  let failure: (error: Error) => void = () => {};
  // execProtocolRaw calls must not interleave: each batch is answered in full before the next.
  let queue: Promise<void> = Promise.resolve();
  return {
    send(bytes) {
      queue = queue.then(async () => {
        try {
          const response = await db.execProtocolRaw(bytes, { syncToFs: false });
          parser.parse(Buffer.from(response.buffer, response.byteOffset, response.byteLength), (m) => handler(m));
        } catch (err) {
          failure(err instanceof Error ? err : new Error(String(err)));
        }
      });
    },
    onMessage(h) {
      handler = h;
    },
    onFailure(h) {
      failure = h;
    },
    close,
  };
}
