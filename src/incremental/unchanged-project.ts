/**
 * The fast path of an unchanged run. When the last run had no errors and recorded every file it
 * read or wrote, and all of them — query files, cache entries, schema.json, generated modules —
 * are still exactly as it left them, with none added or removed beside them, then running again
 * against the same schema fingerprint and migrations would change no byte. Proving it costs one
 * stat per file and a few directory listings: nothing is parsed, generated or written, and the
 * SQL parser is never loaded.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isOurs } from '../codegen/write-modules.js';
import { SCHEMA_FILE } from '../cache/cache-store.js';
import { cacheFileName } from '../cache/query-hash.js';
import { stillStamped, type FileStamp } from './file-stamp.js';
import type { PrepareState } from './prepare-state.js';

const ENTRY_FILE = /^query-[0-9a-f]{64}\.json$/;

export interface ProjectLayout {
  root: string;
  queries: string;
  cache: string;
  generated: string;
  /** Everything else the outputs depend on (config options), as one string. */
  layout: string;
  /** The migrations hash now. */
  schemaHash: string;
}

export function projectUnchanged(state: PrepareState, p: ProjectLayout): boolean {
  const { sources, modules } = state;
  if (!sources || !modules || state.layout !== p.layout || state.schemaHash !== p.schemaHash) return false;

  const queryFiles = listFiles(p.root, p.queries, '.sql');
  if (!queryFiles || !sameKeys(queryFiles, sources) || !allStamped(p.root, sources, state.savedAt)) return false;

  const cacheDir = path.join(p.root, p.cache);
  if (!stillStamped(path.join(cacheDir, SCHEMA_FILE), state.schema, state.savedAt)) return false;
  const hashes = Object.keys(state.entries);
  for (const hash of hashes) {
    if (!stillStamped(path.join(cacheDir, cacheFileName(hash)), state.entries[hash], state.savedAt)) return false;
  }
  // An orphaned entry would be removed by a full run.
  const entryFiles = safeReaddir(cacheDir).filter((n) => ENTRY_FILE.test(n));
  if (entryFiles.length !== hashes.length) return false;

  if (!allStamped(p.root, modules, state.savedAt)) return false;
  // A generated module whose query file is gone would be removed by a full run.
  const generated = listFiles(p.root, p.generated, '.ts');
  if (!generated) return false;
  for (const file of generated) {
    if (!(file in modules) && isOurs(p, file)) return false;
  }
  return true;
}

function allStamped(root: string, stamps: Record<string, FileStamp>, savedAt: number): boolean {
  for (const [file, stamp] of Object.entries(stamps)) if (!stillStamped(path.join(root, file), stamp, savedAt)) return false;
  return true;
}

function sameKeys(files: string[], stamps: Record<string, FileStamp>): boolean {
  return files.length === Object.keys(stamps).length && files.every((f) => f in stamps);
}

/**
 * Files with `extension` under `dir`, as root-relative `/` paths. Undefined when a symbolic link
 * is in the way: the full run's file search follows links, this cheap listing does not, so only
 * the full run can tell.
 */
function listFiles(root: string, dir: string, extension: string): string[] | undefined {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  // Thousands of files sit in a few folders: each folder's relative path is worked out once.
  const folders = new Map<string, string>();
  const rootPosix = toPosix(root);
  for (const e of entries) {
    if (e.isSymbolicLink()) return undefined;
    if (!e.isFile() || !e.name.endsWith(extension)) continue;
    const parent = e.parentPath ?? e.path;
    let folder = folders.get(parent);
    if (folder === undefined) folders.set(parent, (folder = path.posix.relative(rootPosix, toPosix(parent))));
    const file = folder ? `${folder}/${e.name}` : e.name;
    // Like the full run's search, which skips dot files and folders.
    if (!file.split('/').some((segment) => segment.startsWith('.'))) files.push(file);
  }
  return files;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
