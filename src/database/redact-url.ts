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

/**
 * The URL to connect with. A libpq key-value string (`host=db dbname=app user=me`), which pg
 * does not read, becomes the equivalent URL. A malformed or non-PostgreSQL URL is a
 * configuration error (exit 2), not an unreachable database.
 */
export function connectionUrlFor(connection: string): string {
  const problem = connectionUrlProblem(connection);
  if (problem) throw new ConfigError(problem);
  if (URL_SCHEME.test(connection) || !KEY_VALUE.test(connection)) return connection;
  const pairs = keyValuePairs(connection) as Map<string, string>;
  const take = (key: string) => {
    const value = pairs.get(key);
    pairs.delete(key);
    return value;
  };
  const user = take('user');
  const password = take('password');
  const host = take('host') ?? take('hostaddr');
  const port = take('port');
  const dbname = take('dbname');
  const socket = host?.startsWith('/');
  const url = new URL('postgresql://placeholder');
  url.hostname = host && !socket ? host : '';
  if (port) url.port = port;
  if (user) url.username = encodeURIComponent(user);
  if (password) url.password = encodeURIComponent(password);
  url.pathname = dbname ? `/${encodeURIComponent(dbname)}` : '';
  if (socket) url.searchParams.set('host', host!);
  for (const [key, value] of pairs) url.searchParams.set(key, value);
  return url.toString().replace('//placeholder', '//');
}

/** libpq's `key = value` pairs; a value may be single-quoted with `\'` and `\\` escapes. */
function keyValuePairs(text: string): Map<string, string> | string {
  const pairs = new Map<string, string>();
  const pair = /\s*([a-z_]+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|([^\s']*))/giy;
  let at = 0;
  for (let m; (m = pair.exec(text)); at = pair.lastIndex) {
    pairs.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
  }
  if (text.slice(at).trim() !== '') return `unexpected text at character ${at + 1}`;
  return pairs;
}

const KEY_VALUE_KEYS = new Set([
  'host', 'hostaddr', 'port', 'dbname', 'user', 'password', 'sslmode', 'sslcert', 'sslkey', 'sslrootcert',
  'sslpassword', 'application_name', 'options', 'connect_timeout', 'keepalives', 'keepalives_idle', 'target_session_attrs',
]);

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
    const pairs = keyValuePairs(connection);
    if (typeof pairs === 'string') return `the connection string ${shown} cannot be read: ${pairs}`;
    const unknown = [...pairs.keys()].filter((k) => !KEY_VALUE_KEYS.has(k));
    if (unknown.length) return `the connection string ${shown} has unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`;
    return undefined;
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
