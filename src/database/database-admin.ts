/**
 * `sqlsure database create | drop`: the database named by a connection URL, created or dropped
 * through the server's maintenance database (`postgres`; `template1` when the target is `postgres`).
 * The name is always quoted as an identifier.
 */
import { ConfigError } from '../config/config.js';
import { connectionUrlFor, redactUrl } from './redact-url.js';
import { DatabaseUnreachableError, describeConnectError } from './pg-server-channel.js';

export interface DatabaseTarget {
  /** The database name, decoded from the URL's path. */
  name: string;
  /** The same server and credentials, connected to the maintenance database. */
  maintenanceUrl: string;
  /** The URL with its password hidden, for messages. */
  shown: string;
}

export function databaseTarget(databaseUrl: string): DatabaseTarget {
  const url = new URL(connectionUrlFor(databaseUrl));
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    throw new ConfigError(`the database URL ${redactUrl(databaseUrl)} has a database name that is not valid percent-encoding`);
  }
  if (!name) throw new ConfigError(`the database URL ${redactUrl(databaseUrl)} names no database (expected postgres://host/<name>)`);
  url.pathname = `/${name === 'postgres' ? 'template1' : 'postgres'}`;
  return { name, maintenanceUrl: url.toString(), shown: redactUrl(databaseUrl) };
}

/** A server-side failure (permission denied, database in use): a failed command, exit 1. */
export class DatabaseCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseCommandError';
  }
}

async function withMaintenanceClient<T>(target: DatabaseTarget, use: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: target.maintenanceUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new DatabaseUnreachableError(describeConnectError(err, target.maintenanceUrl));
  }
  try {
    return await use(client);
  } catch (err) {
    const e = err as { code?: string; message?: string; hint?: string };
    if (!e.code) throw err;
    const hint = e.code === '55006' ? '; close its connections, or drop it with --force (terminates them)' : e.hint ? `; ${e.hint}` : '';
    throw new DatabaseCommandError(`${e.message} [SQLSTATE ${e.code}]${hint}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function databaseExists(client: import('pg').Client, name: string): Promise<boolean> {
  return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
}

export async function createDatabase(target: DatabaseTarget): Promise<'created' | 'exists'> {
  return withMaintenanceClient(target, async (client) => {
    if (await databaseExists(client, target.name)) return 'exists';
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(target.name)}`);
    return 'created';
  });
}

/** `force`: PostgreSQL 13's WITH (FORCE), which terminates the database's other connections. */
export async function dropDatabase(target: DatabaseTarget, force = false): Promise<'dropped' | 'missing'> {
  return withMaintenanceClient(target, async (client) => {
    if (!(await databaseExists(client, target.name))) return 'missing';
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(target.name)}${force ? ' WITH (FORCE)' : ''}`);
    return 'dropped';
  });
}
