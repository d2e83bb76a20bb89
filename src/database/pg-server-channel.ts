/**
 * A WireChannel to a real PostgreSQL server. `pg` does what it does well — TLS, startup and every
 * authentication method — and then hands over its socket: from there on, sqlsure reads the
 * backend messages itself, which is what allows describing hundreds of statements per round trip.
 */
import type pg from 'pg';
import { parse } from 'pg-protocol';
import type { BackendMessage } from 'pg-protocol/dist/messages.js';
import type { Socket } from 'node:net';
import type { WireChannel } from './wire-channel.js';
import { connectionUrlFor, redactUrl, scrubSecrets } from './redact-url.js';

export class DatabaseUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnreachableError';
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);

let pgModule: Promise<typeof pg> | undefined;

/**
 * pg probes for Cloudflare Workers when first imported; on Node < 21, which has no `navigator`,
 * by constructing a fetch `Response`, which loads Node's entire fetch implementation (~25 ms of
 * every prepare). A `navigator` present only during the import answers the probe instead.
 */
function loadPg(): Promise<typeof pg> {
  pgModule ??= (async () => {
    const global = globalThis as { navigator?: unknown };
    const stand = global.navigator === undefined;
    if (stand) global.navigator = { userAgent: `Node.js/${process.versions.node}` };
    try {
      return (await import('pg')).default;
    } finally {
      if (stand) delete global.navigator;
    }
  })();
  return pgModule;
}

export async function openServerChannel(databaseUrl: string, connectTimeoutMs = 10_000): Promise<WireChannel> {
  const connectionString = connectionUrlFor(databaseUrl);
  const { Client } = await loadPg();
  const client = new Client({
    connectionString,
    application_name: 'sqlsure',
    connectionTimeoutMillis: connectTimeoutMs,
  });
  let failure: ((error: Error) => void) | undefined;
  client.on('error', (error) => failure?.(error));
  try {
    await client.connect();
  } catch (err) {
    throw new DatabaseUnreachableError(describeConnectError(err, databaseUrl));
  }

  const connection = (client as unknown as { connection?: { stream?: Socket } }).connection;
  const stream = connection?.stream;
  if (!stream || typeof stream.removeAllListeners !== 'function') {
    await client.end();
    throw new Error('this version of pg does not expose its socket; sqlsure needs pg 8.x');
  }
  stream.setNoDelay(true);
  // Detach pg's message parser: from now on every byte the server sends is ours.
  stream.removeAllListeners('data');

  let handler: (message: BackendMessage) => void = () => {};
  void parse(stream, (message) => handler(message));
  stream.on('close', () => failure?.(new Error('the database connection closed unexpectedly')));
  let closing = false;

  return {
    send(bytes) {
      stream.write(bytes);
    },
    onMessage(h) {
      handler = h;
    },
    onFailure(h) {
      failure = (error) => {
        if (!closing) h(error);
      };
    },
    async close() {
      closing = true;
      await client.end().catch(() => undefined);
    },
  };
}

/** What went wrong connecting, with the URL shown redacted and no password left in the driver's words. */
export function describeConnectError(err: unknown, databaseUrl: string): string {
  const e = err as { code?: string; message?: string };
  const where = redactUrl(databaseUrl);
  const said = scrubSecrets(e.message ?? String(err), databaseUrl);
  if (e.code && UNREACHABLE_CODES.has(e.code)) return `cannot reach the database at ${where} (${e.code})`;
  if (e.code === '3D000') return `${said} (at ${where})`;
  if (e.code === '28P01' || e.code === '28000') return `authentication failed for ${where}: ${said}`;
  return `cannot connect to the database at ${where}: ${said}`;
}

/** Hides every password in a connection string before printing it (see redact-url.ts). */
export const redact = redactUrl;
