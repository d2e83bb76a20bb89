/**
 * Snapshots of the embedded database's data directory, so `prepare` rarely runs initdb or a
 * migration twice. Two kinds live in two places:
 *
 * - project snapshots (the local cache folder), each after a prefix of the project's migrations:
 *   an appended migration starts from the newest snapshot whose migrations are a prefix of the
 *   current ones and applies only the rest;
 * - base snapshots (the user's cache folder, shared by every project on the machine), right after
 *   initdb, keyed by the PGlite version and the extensions.
 *
 * A snapshot is a data file named after its bytes' hash and a manifest (written last, renamed into
 * place atomically) naming that file, its hash and size, and the migrations it holds. It is
 * trusted only when the bytes match the manifest. Writers never overwrite each other's data file,
 * so concurrent runs can at worst leave an unreferenced data file, which pruning removes.
 *
 * The data file is the data directory image (pglite-data-dir.ts) gzipped at the fastest level:
 * compressing and decompressing run on libuv's thread pool, beside the main thread's work, and
 * the fastest level costs a few percent of size against several times the time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { constants as zlibConstants, gzip } from 'node:zlib';
import { assertCreatableFolder } from '../config/creatable-folder.js';
import { gunzipWhole } from './gunzip-whole.js';

/** 3: sqlsure's own image of a checkpointed data directory (2 was PGlite's dump of a running one). */
const FORMAT = 3;
/** Project snapshots kept per cache folder: the newest few, so growing and switching branches stay fast. */
export const KEEP_PROJECT_SNAPSHOTS = 4;
/** Base snapshots kept in the user's cache (one per PGlite version and extension set in use). */
export const KEEP_BASE_SNAPSHOTS = 4;
/** A data file no manifest names is a concurrent write in progress until it is this old. */
const ORPHAN_AFTER_MS = 2 * 60 * 1000;

const MANIFEST = /^pglite-([0-9a-f]{32})\.json$/;
const DATA = /^pglite-([0-9a-f]{32})-[0-9a-f]{16}\.tar(\.gz)?$/;
/** The data file of the first format (one per key, overwritten in place): never read, removed. */
const FIRST_FORMAT_DATA = /^pglite-[0-9a-f]{32}\.tar\.gz$/;

const gzipAsync = promisify(gzip);

/**
 * `<nearest node_modules>/.cache/sqlsure`, or `$SQLSURE_CACHE_DIR`, or a folder in the temp dir.
 * A file standing where that folder must be is a configuration error (exit 2).
 */
export function snapshotDirFor(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = localCacheDirFor(root, env);
  assertCreatableFolder(
    dir,
    "sqlsure's local cache folder (PGlite snapshots, incremental state)",
    env.SQLSURE_CACHE_DIR ? 'set SQLSURE_CACHE_DIR to a folder' : 'remove that file, or set SQLSURE_CACHE_DIR to another folder',
  );
  return dir;
}

function localCacheDirFor(root: string, env: NodeJS.ProcessEnv): string {
  if (env.SQLSURE_CACHE_DIR) return path.resolve(env.SQLSURE_CACHE_DIR);
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'sqlsure');
    if (path.dirname(dir) === dir) return path.join(tmpdir(), 'sqlsure-cache');
  }
}

/**
 * The user's cache for base snapshots: `$SQLSURE_USER_CACHE_DIR`, else `$XDG_CACHE_HOME/sqlsure`,
 * else `~/.cache/sqlsure`. Undefined when none can be named (no home): runs then just pay initdb.
 */
export function userCacheDirFor(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SQLSURE_USER_CACHE_DIR) return path.resolve(env.SQLSURE_USER_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'sqlsure');
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return home ? path.join(home, '.cache', 'sqlsure') : undefined;
}

/** What a snapshot holds; two snapshots with the same identity are interchangeable. */
export interface SnapshotIdentity {
  pglite: string;
  /** Sorted module names. */
  extensions: readonly string[];
  /** `[version, checksum hex]` of each migration applied, in order; empty for a base snapshot. */
  migrations: ReadonlyArray<readonly [string, string]>;
}

export interface SnapshotManifest extends SnapshotIdentity {
  format: number;
  key: string;
  /** The data file's name, in the same folder. */
  data: string;
  sha256: string;
  bytes: number;
}

export function snapshotKey(identity: SnapshotIdentity): string {
  const parts = { pglite: identity.pglite, extensions: identity.extensions, migrations: identity.migrations };
  return createHash('sha256').update(JSON.stringify({ format: FORMAT, parts })).digest('hex').slice(0, 32);
}

/** `data` is the data directory image, decompressed. */
export type SnapshotRead = { status: 'found'; data: Buffer; manifest: SnapshotManifest } | { status: 'absent' } | { status: 'corrupt'; reason: string };

/** The manifests in `dir` that parse and belong to this format (unreadable ones are removed). */
export async function listSnapshots(dir: string): Promise<SnapshotManifest[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: SnapshotManifest[] = [];
  for (const name of names) {
    const key = MANIFEST.exec(name)?.[1];
    if (!key) continue;
    const manifest = await readManifest(dir, key);
    if (manifest) out.push(manifest);
  }
  return out;
}

async function readManifest(dir: string, key: string): Promise<SnapshotManifest | undefined> {
  const text = await readFile(manifestFile(dir, key), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const m = JSON.parse(text) as SnapshotManifest;
    if (m.format === FORMAT && m.key === key && typeof m.data === 'string' && DATA.test(m.data) && Array.isArray(m.migrations) && Array.isArray(m.extensions)) return m;
  } catch {
    // fall through: a manifest that does not parse is worthless
  }
  await rm(manifestFile(dir, key), { force: true });
  return undefined;
}

/**
 * The newest snapshot in `dir` with this PGlite and these extensions whose migrations are a prefix
 * of `migrations` (the longest such prefix). Corrupt ones met on the way are removed and reported.
 */
export async function findLongestPrefix(
  dir: string,
  identity: SnapshotIdentity,
): Promise<{ found?: { data: Buffer; manifest: SnapshotManifest }; corrupt?: string }> {
  const candidates = (await listSnapshots(dir))
    .filter((m) => m.pglite === identity.pglite && sameList(m.extensions, identity.extensions) && isPrefix(m.migrations, identity.migrations))
    .sort((a, b) => b.migrations.length - a.migrations.length);
  let corrupt: string | undefined;
  for (const manifest of candidates) {
    const read = await readSnapshotData(dir, manifest);
    if (read.status === 'found') return { found: read, ...(corrupt ? { corrupt } : {}) };
    if (read.status === 'corrupt') corrupt ??= read.reason;
  }
  return corrupt ? { corrupt } : {};
}

/** The snapshot with exactly this identity (a base snapshot), verified. */
export async function readSnapshot(dir: string, identity: SnapshotIdentity): Promise<SnapshotRead> {
  const manifest = await readManifest(dir, snapshotKey(identity));
  return manifest ? readSnapshotData(dir, manifest) : { status: 'absent' };
}

async function readSnapshotData(dir: string, manifest: SnapshotManifest): Promise<SnapshotRead> {
  const stored = await readFile(path.join(dir, manifest.data)).catch(() => undefined);
  const data = stored && manifest.bytes === stored.length && sha256(stored) === manifest.sha256 ? await gunzipWhole(stored).catch(() => undefined) : undefined;
  if (!data) {
    await removeSnapshot(dir, manifest);
    return { status: 'corrupt', reason: stored ? 'a snapshot whose bytes do not match its manifest' : 'a snapshot whose data file is missing' };
  }
  // Used now: pruning keeps the most recently used.
  const now = new Date();
  await utimes(manifestFile(dir, manifest.key), now, now).catch(() => undefined);
  return { status: 'found', data, manifest };
}

/** Compresses `image`, writes it, then the manifest, each atomically; then prunes the folder down to `keep` snapshots. */
export async function writeSnapshot(dir: string, identity: SnapshotIdentity, image: Uint8Array, options: { keep: number }): Promise<SnapshotManifest> {
  const [data] = await Promise.all([gzipAsync(image, { level: zlibConstants.Z_BEST_SPEED }), mkdir(dir, { recursive: true })]);
  const key = snapshotKey(identity);
  const digest = sha256(data);
  const manifest: SnapshotManifest = {
    format: FORMAT,
    key,
    data: `pglite-${key}-${digest.slice(0, 16)}.tar.gz`,
    sha256: digest,
    bytes: data.length,
    pglite: identity.pglite,
    extensions: [...identity.extensions],
    migrations: identity.migrations.map(([v, c]) => [v, c] as const),
  };
  await atomicWrite(path.join(dir, manifest.data), data);
  await atomicWrite(manifestFile(dir, key), JSON.stringify(manifest) + '\n');
  await pruneSnapshots(dir, options.keep);
  return manifest;
}

export async function removeSnapshot(dir: string, manifest: Pick<SnapshotManifest, 'key' | 'data'>): Promise<void> {
  await rm(manifestFile(dir, manifest.key), { force: true });
  await rm(path.join(dir, manifest.data), { force: true });
}

/** Keeps the `keep` most recently used snapshots; removes data files no manifest names once they are old enough. */
export async function pruneSnapshots(dir: string, keep: number, now = Date.now()): Promise<void> {
  const manifests = await listSnapshots(dir);
  const dated = await Promise.all(manifests.map(async (m) => ({ m, t: (await stat(manifestFile(dir, m.key)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.t - a.t);
  for (const { m } of dated.slice(keep)) await removeSnapshot(dir, m);
  const referenced = new Set(dated.slice(0, keep).map(({ m }) => m.data));
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const file = path.join(dir, name);
    if (FIRST_FORMAT_DATA.test(name)) await rm(file, { force: true });
    if (!DATA.test(name) || referenced.has(name)) continue;
    const age = now - ((await stat(file).catch(() => undefined))?.mtimeMs ?? now);
    if (age > ORPHAN_AFTER_MS) await rm(file, { force: true });
  }
}

function manifestFile(dir: string, key: string): string {
  return path.join(dir, `pglite-${key}.json`);
}

function isPrefix(prefix: SnapshotIdentity['migrations'], list: SnapshotIdentity['migrations']): boolean {
  return prefix.length <= list.length && prefix.every(([v, c], i) => list[i]![0] === v && list[i]![1] === c);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** `<file>.<pid>.<hex>.tmp`, renamed into place: the pattern leftover-temp-files.ts cleans after a killed run. */
async function atomicWrite(file: string, content: Buffer | string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
