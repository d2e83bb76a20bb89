/**
 * What a failing query last produced, so a failed run loses nothing: for every query file with a
 * problem, the cache entries already on disk for its queries that did not prepare this run (the
 * entry of the query's current SQL, or of the SQL it had when it last prepared), and the
 * schema.json they were written with. Their functions stay in the file's module and the user types
 * they use stay in schema.json and `_enums.ts`, until the query prepares again (or its file is
 * clean, when the entries left over are orphans and removed).
 */
import type { CacheEntry, SchemaFile } from '../cache/cache-entry.js';
import { listEntryFiles, readEntry, readSchema } from '../cache/cache-store.js';
import { cacheFileName } from '../cache/query-hash.js';
import { sourceFileOf } from '../codegen/module-path.js';

export interface LastGood {
  /** Entries to keep beside this run's, at most one per (file, query name). */
  entries: CacheEntry[];
  /** The schema.json on disk, if it is readable. */
  schema: SchemaFile | undefined;
}

/**
 * @param prepared this run's entries (described or reused)
 * @param failedFiles query files with a problem this run
 * @param currentHashes file → query name → hash of the query as it is now (queries that parsed)
 */
export async function lastGoodEntries(
  cacheDir: string,
  prepared: readonly CacheEntry[],
  failedFiles: ReadonlySet<string>,
  currentHashes: ReadonlyMap<string, ReadonlyMap<string, string>>,
): Promise<LastGood> {
  const schema = await readSchema(cacheDir).catch(() => undefined);
  if (failedFiles.size === 0) return { entries: [], schema };
  const taken = new Set(prepared.map((e) => `${sourceFileOf(e.source)}\0${e.name}`));
  const preparedFiles = new Set(prepared.map((e) => cacheFileName(e.hash)));
  const candidates = new Map<string, CacheEntry>();
  for (const fileName of await listEntryFiles(cacheDir)) {
    if (preparedFiles.has(fileName)) continue;
    const entry = await readEntry(cacheDir, fileName).catch(() => undefined);
    if (!entry) continue; // damaged: nothing good to keep
    const file = sourceFileOf(entry.source);
    const key = `${file}\0${entry.name}`;
    if (!failedFiles.has(file) || taken.has(key)) continue;
    // Two old versions of one query: the one for its SQL as it is now wins, else the first by hash.
    const other = candidates.get(key);
    if (!other || entry.hash === currentHashes.get(file)?.get(entry.name)) candidates.set(key, entry);
  }
  return { entries: [...candidates.values()], schema };
}
