/**
 * `prepare` when something may have changed: parse the query files (remembered parses of
 * unchanged files are reused), reuse every cache entry that the state proves current, describe
 * the rest, then write the cache, the modules and the new state. Every query is processed even
 * when others fail; failures never erase what is already written.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { CacheEntry, SchemaTypes } from '../cache/cache-entry.js';
import { CACHE_FORMAT_VERSION, INCOMPLETE_SCHEMA_HASH } from '../cache/cache-entry.js';
import { writeFileIfChanged } from '../cache/atomic-write.js';
import { listEntryFiles, removeEntryFiles, serializeEntry, serializeSchema, SCHEMA_FILE } from '../cache/cache-store.js';
import { cacheFileName, queryHash } from '../cache/query-hash.js';
import { embeddedMigrations, withMigrationsModule } from '../codegen/embedded-migrations.js';
import { generateModules } from '../codegen/generate-modules.js';
import { modulePathFor, sourceFileOf } from '../codegen/module-path.js';
import { writeModule, writeModules } from '../codegen/write-modules.js';
import type { ResolvedConfig } from '../config/config.js';
import type { DatabaseInfo } from '../database/open-database.js';
import type { WireSession } from '../database/wire-session.js';
import type { MigrationProblem } from '../migrate/migration.js';
import { loadQuerySources } from '../source/load-query-sources.js';
import { loadTsSources, mergeSources } from '../source/typescript/load-ts-sources.js';
import { ownTypesModules } from '../source/typescript/own-types-modules.js';
import { writeInlineTypes } from '../source/typescript/write-inline-types.js';
import { nativeTypesByFile } from '../codegen/native-type-argument.js';
import { codegenOptions } from '../codegen/codegen-options.js';
import type { SourceProblem } from '../source/query-source.js';
import type { DescribedQueries } from './describe-queries.js';
import type { PrepareProgress } from './prepare-progress.js';
import { stampFile, stampWritten, type FileStamp } from '../incremental/file-stamp.js';
import { writePrepareState, type EntryStamp, type PrepareState } from '../incremental/prepare-state.js';
import { recordTsSources } from '../incremental/unchanged-ts-sources.js';
import { readReusable, reusableHashes, type ReusableEntry } from '../incremental/reusable-entries.js';
import { lastGoodEntries } from './last-good-entries.js';
import { mergeSchemaTypes, schemaTypesOfEntries } from './schema-types-of-entries.js';
import { SourceMemo } from '../incremental/source-memo.js';

export interface ChangesInput {
  config: ResolvedConfig;
  tool: string;
  localDir: string;
  stateFile: string;
  previous: PrepareState | undefined;
  /** Why a previous state is ignored (`--force`, another sqlsure), if it is. */
  forgetBecause: string | undefined;
  fingerprint: string;
  schemaHash: string;
  layout: string;
  /** The database, opened on first use (the embedded one is started only if something must be described). */
  database: () => Promise<{ session: WireSession; info?: DatabaseInfo }>;
  onProgress?: (progress: PrepareProgress) => void;
}

export interface ChangesOutcome {
  /** Query blocks in the sources, including failed ones. */
  queries: number;
  /** Queries cached successfully (described now, or unchanged). */
  prepared: number;
  /** Queries sent to the database this run. */
  described: number;
  /** Queries whose cache entry was reused without describing. */
  unchanged: number;
  /** Why nothing remembered could be used although a previous run left something. */
  describedAllBecause?: string;
  problems: SourceProblem[];
  cacheWritten: number;
  cacheRemoved: number;
  modulesWritten: string[];
  modulesRemoved: string[];
  /** TypeScript sources whose native `query<…>` type arguments (or types-module import) prepare wrote. */
  sourcesTyped: string[];
}

export async function prepareChanges(input: ChangesInput): Promise<ChangesOutcome> {
  const { config, previous, schemaHash, fingerprint } = input;
  const root = config.root;
  const cacheDir = path.join(root, config.cache);
  const memo = await SourceMemo.open(input.localDir, root, config.queries, input.tool);
  const queryFiles = await loadQuerySources(root, config.queries, memo);
  const tsFiles = await loadTsSources(root, config.sources, [config.generated, config.cache]);
  const sources = mergeSources(queryFiles, tsFiles);
  const saveMemo = memo.save();
  const hashes = sources.queries.map((q) => queryHash(q));

  let reused: Map<string, ReusableEntry> | undefined;
  let previousSchema: SchemaTypes | undefined;
  if (previous && previous.fingerprint === fingerprint) {
    const read = readReusable(cacheDir, previous, reusableHashes(cacheDir, previous, hashes));
    reused = read?.entries;
    previousSchema = read?.schema;
  }

  const changed = sources.queries.filter((_, i) => !reused?.has(hashes[i]!));
  // Parsed before any database starts: a syntax error costs no start-up and is never described.
  const { querySyntaxProblems } = await import('./query-syntax.js');
  const syntax = await querySyntaxProblems(changed, sources.lines);
  const pending = changed.filter((q) => !syntax.problems.has(q));
  let described: DescribedQueries | undefined;
  // New migrations are applied (and their errors reported) even with no query to describe.
  if (pending.length > 0 || previous?.fingerprint !== fingerprint) {
    let session: WireSession;
    let info: DatabaseInfo | undefined;
    try {
      ({ session, info } = await input.database());
    } catch (err) {
      if ((err as Error).name !== 'EmbeddedSetupError') throw err;
      await saveMemo;
      const problems = [...sources.problems, ...syntax.problems.values(), ...migrationProblems(err, config)];
      return { queries: sources.blockCount, prepared: 0, described: 0, unchanged: 0, problems, cacheWritten: 0, cacheRemoved: 0, modulesWritten: [], modulesRemoved: [], sourcesTyped: [] };
    }
    if (pending.length > 0) {
      // The online half (parser, inference) is loaded only when something must be described.
      const { describeQueries } = await import('./describe-queries.js');
      input.onProgress?.({ phase: 'describe', queries: pending.length });
      described = await describeQueries(session, pending, sources.lines, syntax.parses);
      // A server behind the migrations folder: one problem naming the cause, not one per query.
      // (The embedded database is built from the folder: it is never behind.)
      if (described.problems.length > 0 && info?.kind !== 'embedded') {
        const { diagnoseUnmigrated } = await import('./unmigrated-database.js');
        described.problems = await diagnoseUnmigrated(session, config, described.problems, pending.length);
      }
    }
  }

  // Reused entries keep their description; only where the query sits is brought up to date.
  // The migrations hash is in schema.json alone, so a migration rewrites no entry it did not change.
  const fresh = new Map((described?.entries ?? []).map((e) => [e.hash, e]));
  const entries: CacheEntry[] = [];
  const reusedEntries: CacheEntry[] = [];
  sources.queries.forEach((query, i) => {
    const hash = hashes[i]!;
    const old = reused?.get(hash)?.entry;
    if (old) {
      const entry = { ...old, source: `${query.file}:${query.position.line}` };
      entries.push(entry);
      reusedEntries.push(entry);
    } else {
      const entry = fresh.get(hash);
      if (entry) entries.push(entry);
    }
  });
  const problems = [...sources.problems, ...syntax.problems.values(), ...(described?.problems ?? [])];
  // Files with a query that did not prepare (its problem may be summed up in another's, as for an unmigrated database).
  const preparedHashes = new Set(entries.map((e) => e.hash));
  const failedFiles = new Set([...problems.map((p) => p.file), ...sources.queries.filter((_, i) => !preparedHashes.has(hashes[i]!)).map((q) => q.file)]);

  // A failing query keeps what it last produced (last-good-entries.ts): its entry stays on disk
  // and in its file's module, the types it uses stay in schema.json.
  const currentHashes = new Map<string, Map<string, string>>();
  sources.queries.forEach((q, i) => currentHashes.set(q.file, (currentHashes.get(q.file) ?? new Map()).set(q.name, hashes[i]!)));
  const lastGood = await lastGoodEntries(cacheDir, entries, failedFiles, currentHashes);
  const known = previousSchema ?? lastGood.schema;
  const empty: SchemaTypes = { enums: {}, domains: {}, composites: {} };
  const schema = mergeSchemaTypes(described?.schema ?? empty, known ? schemaTypesOfEntries([...reusedEntries, ...lastGood.entries], known) : empty);

  input.onProgress?.({ phase: 'write' });
  // Native `query<…>` templates: their type arguments written in place, from the entries prepared
  // (a failing query's template is left as it is). The edit moves what follows it down, so the
  // entries, the last good ones and the problems of that file are moved with it.
  const sourcesTyped: string[] = [];
  const byHash = new Map(entries.map((e) => [e.hash, e]));
  const hashOf = new Map(sources.queries.map((q, i) => [q, hashes[i]!]));
  for (const [file, expected] of nativeTypesByFile(sources.queries, (q) => byHash.get(hashOf.get(q)!), schema, codegenOptions(config))) {
    const written = writeInlineTypes(root, file, expected);
    if (!written.changed) continue;
    sourcesTyped.push(file);
    const positions = new Map(sources.queries.filter((q) => q.file === file).map((q) => [hashOf.get(q)!, q.position]));
    const move = (entry: CacheEntry): CacheEntry => {
      if (sourceFileOf(entry.source) !== file) return entry;
      const at = positions.get(entry.hash) ?? { line: Number(/:(\d+)$/.exec(entry.source)![1]), column: 1 };
      return { ...entry, source: `${file}:${written.lineAfter(at.line, at.column)}` };
    };
    entries.splice(0, entries.length, ...entries.map(move));
    lastGood.entries.splice(0, lastGood.entries.length, ...lastGood.entries.map(move));
    for (const p of problems) if (p.file === file) p.position = { ...p.position, line: written.lineAfter(p.position.line, p.position.column) };
  }
  let cacheWritten = 0;
  const entryStamps: Record<string, EntryStamp> = {};
  for (const entry of entries) {
    const file = path.join(cacheDir, cacheFileName(entry.hash));
    const text = serializeEntry(entry);
    if (reused?.get(entry.hash)?.text !== text && (await writeFileIfChanged(file, text))) cacheWritten++;
    const stamp = stampWritten(file, text);
    if (stamp) entryStamps[entry.hash] = { ...stamp, source: entry.source };
  }
  const schemaFile = path.join(cacheDir, SCHEMA_FILE);
  // schema.json vouches that every entry was prepared against these migrations: only a run without
  // problems may say so. After a failed one, check keeps failing until a prepare completes.
  const vouchedHash = problems.length === 0 ? schemaHash : (lastGood.schema?.schemaHash ?? INCOMPLETE_SCHEMA_HASH);
  const schemaText = serializeSchema({ version: CACHE_FORMAT_VERSION, schemaHash: vouchedHash, ...schema });
  await writeFileIfChanged(schemaFile, schemaText);

  let cacheRemoved = 0;
  if (problems.length === 0) {
    const current = new Set(entries.map((e) => cacheFileName(e.hash)));
    const orphans = (await listEntryFiles(cacheDir)).filter((f) => !current.has(f));
    await removeEntryFiles(cacheDir, orphans);
    cacheRemoved = orphans.length;
  }

  const generated = generateModules([...entries, ...lastGood.entries], schema, config);
  // Codegen problems (a camelCase collision, …) keep that file's last module as it is.
  const unwritable = new Set<string>();
  for (const p of generated.problems) {
    problems.push(p);
    unwritable.add(p.file);
  }
  // generated/_migrations.ts, and the manifest that lets generate/check rebuild it without the parser.
  const embedded = await embeddedMigrations(config, { split: true });
  for (const p of withMigrationsModule(generated.modules, embedded)) {
    problems.push(p);
    unwritable.add(p.file);
  }
  if (embedded.manifest) await writeFileIfChanged(path.join(root, embedded.manifest[0]), embedded.manifest[1]);
  if (embedded.staleManifest) await rm(path.join(root, embedded.staleManifest), { force: true });
  let modulesWritten: string[] = [];
  let modulesRemoved: string[] = [];
  let complete: Pick<PrepareState, 'sources' | 'modules' | 'tsSources'> = {};
  if (problems.length === 0) {
    ({ written: modulesWritten, removed: modulesRemoved } = await writeModules(config, generated.modules));
    // Types modules beside TypeScript sources whose queries are gone (own-types-modules.ts).
    for (const file of await ownTypesModules(root, config.sources, [config.generated, config.cache])) {
      if (generated.modules.has(file)) continue;
      await rm(path.join(root, file), { force: true });
      modulesRemoved.push(file);
    }
    // Everything was cached and written: record what proves the next unchanged run (unchanged-project.ts).
    // Query files were read at the start of the run: each stamp must vouch for the bytes parsed then.
    const sourceStamps = stampAll(root, queryFiles.files.map((f) => [f, memo.digestOf(f)]));
    // TypeScript sources this run rewrote are stamped by the next run, which finds them as written.
    const tsStamps = sourcesTyped.length === 0 ? stampAll(root, tsFiles.read) : undefined;
    const moduleStamps: Record<string, FileStamp> = {};
    for (const [file, text] of generated.modules) {
      const stamp = stampWritten(path.join(root, file), text);
      if (stamp) moduleStamps[file] = stamp;
    }
    // The migrations manifest is output too: an edited or deleted one must make the next run a full one.
    const manifestStamp = embedded.manifest && stampWritten(path.join(root, embedded.manifest[0]), embedded.manifest[1]);
    if (manifestStamp) moduleStamps[embedded.manifest![0]] = manifestStamp;
    if (sourceStamps && config.sources.length === 0) complete = { sources: sourceStamps, modules: moduleStamps };
    else if (sourceStamps && tsStamps) {
      const tsSources = await recordTsSources(root, config.sources, [config.generated, config.cache], tsFiles, tsStamps, generated.modules);
      if (tsSources) complete = { sources: sourceStamps, modules: moduleStamps, tsSources };
    }
  } else {
    // Every module is refreshed with what prepared (and what failing queries last produced), except
    // where codegen itself failed; nothing is removed from partial knowledge.
    const failedModules = new Set([...unwritable].map((f) => modulePathFor(f, config.queries, config.generated)));
    for (const [file, content] of generated.modules) {
      if (!failedModules.has(file) && (await writeModule(config, file, content))) modulesWritten.push(file);
    }
  }

  const schemaStamp = stampWritten(schemaFile, schemaText);
  if (schemaStamp) {
    const state: Omit<PrepareState, 'format' | 'savedAt'> = { tool: input.tool, fingerprint, schemaHash, layout: input.layout, schema: schemaStamp, entries: entryStamps, ...complete };
    await writePrepareState(input.stateFile, state);
  }
  await saveMemo;

  const because = describedAllBecause(input.forgetBecause, previous, fingerprint, reusedEntries.length, hashes.length);
  return {
    queries: sources.blockCount,
    prepared: entries.length,
    described: hashes.length - reusedEntries.length,
    unchanged: reusedEntries.length,
    ...(because ? { describedAllBecause: because } : {}),
    problems,
    cacheWritten,
    cacheRemoved,
    modulesWritten,
    modulesRemoved,
    sourcesTyped,
  };
}

/** Stamps of every file, or undefined if any of them is no longer what this run read or wrote. */
function stampAll(root: string, files: ReadonlyArray<[string, string | undefined]>): Record<string, FileStamp> | undefined {
  const stamps: Record<string, FileStamp> = {};
  for (const [file, digest] of files) {
    const stamp = digest === undefined ? undefined : stampFile(path.join(root, file), digest);
    if (!stamp) return undefined;
    stamps[file] = stamp;
  }
  return stamps;
}

function describedAllBecause(forgotten: string | undefined, previous: PrepareState | undefined, fingerprint: string, unchanged: number, queries: number): string | undefined {
  if (queries === 0 || unchanged > 0) return undefined;
  if (forgotten) return forgotten;
  if (!previous || previous.fingerprint === fingerprint) return undefined;
  const kind = (f: string) => f.slice(0, f.indexOf(':'));
  if (kind(previous.fingerprint) !== kind(fingerprint)) return 'the last prepare used another database';
  return kind(fingerprint) === 'embedded' ? 'the migrations changed since the last prepare' : 'the database schema changed since the last prepare';
}

function migrationProblems(err: unknown, config: ResolvedConfig): SourceProblem[] {
  // The migrations themselves failed on the embedded database: report them like query errors.
  return (err as { problems: MigrationProblem[] }).problems.map((p) => ({
    file: p.file ?? config.migrations,
    position: p.position ?? { line: 1, column: 1 },
    message: p.message,
    ...(p.code ? { code: p.code } : {}),
    ...(p.hint ? { hint: p.hint } : {}),
  }));
}
