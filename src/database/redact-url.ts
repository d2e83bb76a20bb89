/**
 * Connection strings as they may be shown, and as they must be. Every place that prints a
 * DATABASE_URL (or a message that may quote it) goes through here, so no password is ever
 * printed: not the `user:password@` of a URL, not a `?password=` / `?sslpassword=` parameter,
 * not a `password=` of a libpq key-value string.
 */

import { ConfigError } from '../config/config.js';

const MASK = '***';
const SECRET_KEY = /pass/i; // password, sslpassword, passfile contents never matter to a reader
const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const KEY_VALUE = /^\s*[a-z_]+\s*=/i;

/** The connection string with every password replaced by `***`. Never throws. */
export function redactUrl(connection: string): string {
  if (URL_SCHEME.test(connection)) {
    try {
      const url = new URL(connection);
      if (url.password) url.password = MASK;
      for (const key of [...url.searchParams.keys()]) if (SECRET_KEY.test(key)) url.searchParams.set(key, MASK);
      return url.toString().replace(/\*\*\*|%2A%2A%2A/g, MASK);
    } catch {
      // not parseable: mask by pattern below
    }
  }
  return connection
    .replace(/(:\/\/[^:/?#@\s]*:)[^@/?#\s]*@/g, `$1${MASK}@`)
    .replace(/((?:^|[\s?&;])[a-z_]*pass[a-z_]*\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&;]*)/gi, `$1${MASK}`);
}

/** Replaces every password of `connection` that appears in `text` (a driver's message, say). */
export function scrubSecrets(text: string, connection: string): string {
  let out = text;
  for (const secret of secretsOf(connection)) if (secret.length > 0) out = out.split(secret).join(MASK);
  return out;
}

/** A malformed or non-PostgreSQL URL is a configuration error (exit 2), not an unreachable database. */
export function assertConnectionUrl(connection: string): void {
  const problem = connectionUrlProblem(connection);
  if (problem) throw new ConfigError(problem);
}

/**
 * Why `connection` cannot be used as a PostgreSQL connection URL, or undefined when it can.
 * Messages show the string redacted.
 */
export function connectionUrlProblem(connection: string): string | undefined {
  const shown = redactUrl(connection);
  const scheme = URL_SCHEME.exec(connection)?.[1];
  if (scheme) {
    if (!/^postgres(ql)?$/i.test(scheme)) return `the database URL ${shown} has scheme "${scheme}:"; expected postgres:// or postgresql://`;
    try {
      new URL(connection);
    } catch {
      return `the database URL ${shown} is not a valid URL`;
    }
    return undefined;
  }
  if (KEY_VALUE.test(connection)) {
    return `the database URL ${shown} is a key-value connection string; sqlsure needs a URL: postgres://user:password@host:5432/dbname`;
  }
  // pg's socket form: `/var/run/postgresql dbname`.
  if (connection.startsWith('/')) return undefined;
  return `the database URL ${shown} is not a connection URL; expected postgres://user:password@host:5432/dbname`;
}

function secretsOf(connection: string): string[] {
  const secrets: string[] = [];
  try {
    const url = new URL(connection);
    if (url.password) secrets.push(url.password, safeDecode(url.password));
    for (const [key, value] of url.searchParams) if (SECRET_KEY.test(key)) secrets.push(value);
  } catch {
    for (const m of connection.matchAll(/[a-z_]*pass[a-z_]*\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&;]*)/gi)) secrets.push(m[1]!.replace(/^'|'$/g, ''));
    for (const m of connection.matchAll(/:\/\/[^:/?#@\s]*:([^@/?#\s]*)@/g)) secrets.push(m[1]!);
  }
  return secrets.sort((a, b) => b.length - a.length);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
