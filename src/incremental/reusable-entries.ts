/**
 * The cache entries a previous `prepare` left that can be used again without describing: the
 * state remembers each file as written, so an entry edited, replaced (a branch switch) or
 * damaged since is simply described again.
 */
import path from 'node:path';
import { readIfExists } from '../cache/atomic-write.js';
import type { CacheEntry, SchemaFile } from '../cache/cache-entry.js';
import { SCHEMA_FILE } from '../cache/cache-store.js';
import { cacheFileName } from '../cache/query-hash.js';
import { CacheFormatError, parseCacheEntry, parseSchemaFile } from '../cache/validate-cache-file.js';
import { digestOf, stillStamped } from './file-stamp.js';
import type { PrepareState } from './prepare-state.js';

export interface ReusableEntry {
  entry: CacheEntry;
  /** The file's bytes, to skip rewriting it when nothing in it changes. */
  text: string;
}

/** Hashes of the queries whose entries (and schema.json) are still what the state recorded. */
export function reusableHashes(cacheDir: string, state: PrepareState, hashes: readonly string[]): Set<string> {
  const reusable = new Set<string>();
  if (!stillStamped(path.join(cacheDir, SCHEMA_FILE), state.schema, state.savedAt)) return reusable;
  for (const hash of hashes) {
    if (stillStamped(path.join(cacheDir, cacheFileName(hash)), state.entries[hash], state.savedAt)) reusable.add(hash);
  }
  return reusable;
}

/** Reads the reusable entries and the schema.json they were written with. */
export function readReusable(cacheDir: string, state: PrepareState, hashes: Iterable<string>): { entries: Map<string, ReusableEntry>; schema: SchemaFile } | undefined {
  const schemaText = readIfExists(path.join(cacheDir, SCHEMA_FILE));
  if (schemaText === undefined || digestOf(schemaText) !== state.schema.digest) return undefined;
  const entries = new Map<string, ReusableEntry>();
  for (const hash of hashes) {
    const text = readIfExists(path.join(cacheDir, cacheFileName(hash)));
    if (text === undefined || digestOf(text) !== state.entries[hash]?.digest) continue;
    // Validated even so: the state file lives outside the cache, but it is only a file too.
    const entry = validOrUndefined(() => parseCacheEntry(text, cacheFileName(hash)));
    if (entry?.hash === hash) entries.set(hash, { entry, text });
  }
  const schema = validOrUndefined(() => parseSchemaFile(schemaText, SCHEMA_FILE));
  return schema ? { entries, schema } : undefined;
}

function validOrUndefined<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (err instanceof CacheFormatError) return undefined;
    throw err;
  }
}
