/**
 * Snapshots of the embedded database's data directory after the migrations ran, so a second
 * `prepare` starts in well under a second instead of running initdb and every migration again.
 * A snapshot is trusted only when its manifest (written last) matches its bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertCreatableFolder } from '../config/creatable-folder.js';

const FORMAT = 1;
const KEEP = 3;

interface Manifest {
  format: number;
  key: string;
  sha256: string;
  bytes: number;
}

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

export function snapshotKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify({ format: FORMAT, parts })).digest('hex').slice(0, 32);
}

export type SnapshotRead = { status: 'found'; data: Buffer } | { status: 'absent' } | { status: 'corrupt'; reason: string };

export async function readSnapshot(dir: string, key: string): Promise<SnapshotRead> {
  const { data: dataFile, manifest: manifestFile } = filesFor(dir, key);
  const manifestText = await readFile(manifestFile, 'utf8').catch(() => undefined);
  if (manifestText === undefined) {
    // A data file without a manifest is a write that never finished.
    if (existsSync(dataFile)) {
      await removeSnapshot(dir, key);
      return { status: 'corrupt', reason: 'an unfinished snapshot (no manifest)' };
    }
    return { status: 'absent' };
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch {
    await removeSnapshot(dir, key);
    return { status: 'corrupt', reason: 'an unreadable snapshot manifest' };
  }
  const data = await readFile(dataFile).catch(() => undefined);
  if (!data || manifest.format !== FORMAT || manifest.key !== key || manifest.bytes !== data.length || sha256(data) !== manifest.sha256) {
    await removeSnapshot(dir, key);
    return { status: 'corrupt', reason: 'a snapshot whose bytes do not match its manifest' };
  }
  return { status: 'found', data };
}

export async function writeSnapshot(dir: string, key: string, data: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { data: dataFile, manifest: manifestFile } = filesFor(dir, key);
  await atomicWrite(dataFile, data);
  const manifest: Manifest = { format: FORMAT, key, sha256: sha256(data), bytes: data.length };
  await atomicWrite(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  await pruneSnapshots(dir);
}

export async function removeSnapshot(dir: string, key: string): Promise<void> {
  const { data, manifest } = filesFor(dir, key);
  await Promise.all([rm(manifest, { force: true }), rm(data, { force: true })]);
}

/** Keeps the most recently written snapshots (switching branches back and forth stays fast). */
async function pruneSnapshots(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => /^pglite-[0-9a-f]+\.json$/.test(n));
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(dir, n))).mtimeMs })));
  dated.sort((a, b) => b.t - a.t);
  for (const { n } of dated.slice(KEEP)) await removeSnapshot(dir, n.slice('pglite-'.length, -'.json'.length));
}

function filesFor(dir: string, key: string): { data: string; manifest: string } {
  return { data: path.join(dir, `pglite-${key}.tar.gz`), manifest: path.join(dir, `pglite-${key}.json`) };
}

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
