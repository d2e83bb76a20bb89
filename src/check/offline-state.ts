/**
 * What the offline half knows without a database: the query sources, the cache entries that match
 * them, and everything that does not line up. Shared by `check` and `generate`.
 */
import path from 'node:path';
import { INCOMPLETE_SCHEMA_HASH, type CacheEntry, type SchemaFile } from '../cache/cache-entry.js';
import { CacheFormatError, listEntryFiles, readEntry, readEntryFile, readSchema, SCHEMA_FILE } from '../cache/cache-store.js';
import { cacheFileName, queryHash } from '../cache/query-hash.js';
import { migrationsHash } from '../cache/schema-hash.js';
import type { ResolvedConfig } from '../config/config.js';
import { requireFolder } from '../config/project-paths.js';
import { snapshotDirFor } from '../database/pglite-snapshot.js';
import { entryTextDigest } from '../incremental/module-memo.js';
import { SourceMemo } from '../incremental/source-memo.js';
import { toolIdentity } from '../incremental/tool-identity.js';
import { loadQuerySources } from '../source/load-query-sources.js';
import { loadTsSources, mergeSources } from '../source/typescript/load-ts-sources.js';
import type { QuerySource, SourceProblem } from '../source/query-source.js';
import { entryDisagreements } from './verify-entry.js';

const RUN_PREPARE = 'run `sqlsure prepare` and commit the result';

export interface OfflineState {
  queryCount: number;
  /** Entries for the current queries, in source order. */
  entries: CacheEntry[];
  schema: SchemaFile | undefined;
  problems: SourceProblem[];
  /**
   * Query files with a query edited since the last prepare, or whose entry cannot be used: their
   * generated modules differ as a consequence, which the query's or the entry's problem already says.
   */
  editedFiles: Set<string>;
  /** Native `query<…>` templates, with the entry of their current text when there is one. */
  inline: Array<{ query: QuerySource; entry: CacheEntry | undefined }>;
  /** A digest of the file each entry was read from (what check's module memo is keyed by). */
  entryDigests: Map<CacheEntry, string>;
}

export async function loadOfflineState(config: ResolvedConfig): Promise<OfflineState> {
  const root = config.root;
  requireFolder(root, 'queries', config.queries);
  if (config.migrationsNamed) requireFolder(root, 'migrations', config.migrations);
  const cacheDir = path.join(root, config.cache);
  // Files parsed by an earlier run (of this same sqlsure) are not parsed again.
  const localDir = snapshotDirFor(root);
  const memo = await SourceMemo.open(localDir, root, config.queries, await toolIdentity(localDir));
  const cacheFile = (name: string): string => `${config.cache}/${name}`;
  let damagedSchema: SourceProblem | undefined;
  const [sources, schema, entryFiles, schemaHash] = await Promise.all([
    loadQuerySources(root, config.queries, memo).then(async (files) => mergeSources(files, await loadTsSources(root, config.sources, [config.generated, config.cache]))),
    readSchema(cacheDir).catch((err: unknown) => {
      damagedSchema = damaged(err, cacheFile(SCHEMA_FILE));
      return undefined;
    }),
    listEntryFiles(cacheDir),
    migrationsHash(path.join(root, config.migrations)),
  ]);
  const savingMemo = memo.save();
  const problems: SourceProblem[] = [...sources.problems];
  const at = (file: string, line = 1, column = 1): Pick<SourceProblem, 'file' | 'position'> => ({ file, position: { line, column } });

  if (damagedSchema) problems.push(damagedSchema);
  else if (!schema) {
    problems.push({ ...at(cacheFile(SCHEMA_FILE)), message: 'the offline cache has no schema.json', hint: RUN_PREPARE });
  } else if (schema.schemaHash === INCOMPLETE_SCHEMA_HASH) {
    problems.push({ ...at(cacheFile(SCHEMA_FILE)), message: 'the last prepare did not complete: some queries failed, so the cache vouches for no migrations', hint: RUN_PREPARE });
  } else if (schema.schemaHash !== schemaHash) {
    problems.push({
      ...at(config.migrations),
      message: `the migrations changed since the cache was prepared (schema hash ${short(schema.schemaHash)} → ${short(schemaHash)})`,
      hint: RUN_PREPARE,
    });
  }

  const available = new Set(entryFiles);
  const used = new Set<string>();
  const entries: CacheEntry[] = [];
  const entryDigests = new Map<CacheEntry, string>();
  /** Query files with an entry that cannot be used (damaged, or disagreeing with its query). */
  const unusable = new Set<string>();
  const edited: Array<{ query: (typeof sources.queries)[number]; problem: SourceProblem }> = [];
  const inline: OfflineState['inline'] = [];
  for (const query of sources.queries) {
    const hash = queryHash(query);
    const fileName = cacheFileName(hash);
    const where = at(query.file, query.position.line, query.position.column);
    if (!available.has(fileName)) {
      const problem: SourceProblem = { ...where, message: `query ${query.name} has no cache entry for its current SQL`, hint: RUN_PREPARE, query: query.name };
      problems.push(problem);
      edited.push({ query, problem });
      continue;
    }
    used.add(fileName);
    let entry: CacheEntry;
    let text: string;
    try {
      ({ entry, text } = readEntryFile(cacheDir, fileName));
    } catch (err) {
      problems.push(damaged(err, cacheFile(fileName)));
      unusable.add(query.file);
      continue;
    }
    // Only what needs a database is taken from the entry; the rest must match the source.
    const disagreements = entryDisagreements(entry, query, hash);
    if (disagreements.length > 0) {
      for (const d of disagreements) problems.push({ ...at(cacheFile(fileName)), message: `the entry for query ${query.name} (${query.file}:${query.position.line}) disagrees with the source: ${d}`, hint: RUN_PREPARE });
      unusable.add(query.file);
      continue;
    }
    const source = `${query.file}:${query.position.line}`;
    if (entry.source !== source) {
      problems.push({ ...where, message: `query ${query.name} moved (cache says ${entry.source})`, hint: RUN_PREPARE });
    }
    entries.push(entry);
    entryDigests.set(entry, entryTextDigest(text));
    if (query.inline) inline.push({ query, entry });
  }
  for (const orphan of entryFiles.filter((f) => !used.has(f))) {
    const entry = await readEntry(cacheDir, orphan).catch(() => undefined);
    // The entry of a query as it was before an edit is part of that one mistake: said there.
    const before = entry && edited.find(({ query }) => entry.source === `${query.file}:${query.position.line}` || (entry.name === query.name && entry.source.startsWith(`${query.file}:`)));
    if (before) {
      before.problem.message = `query ${before.query.name} has no cache entry for its current SQL: it changed since the last prepare (its old entry is ${cacheFile(orphan)})`;
      continue;
    }
    problems.push({
      ...at(cacheFile(orphan)),
      message: `orphaned cache entry${entry ? ` for ${entry.name} (${entry.source})` : ''}: no current query has this SQL`,
      hint: RUN_PREPARE,
    });
  }
  await savingMemo;
  return { queryCount: sources.queries.length, entries, schema, problems, editedFiles: new Set([...edited.map(({ query }) => query.file), ...unusable]), inline, entryDigests };
}

/** A cache file that cannot be used: what is wrong with it, never a raw JS error. */
function damaged(err: unknown, file: string): SourceProblem {
  if (!(err instanceof CacheFormatError)) throw err;
  return { file, position: { line: 1, column: 1 }, message: err.problem, hint: RUN_PREPARE };
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
