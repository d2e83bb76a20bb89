/**
 * `sqlsure prepare`: source → database → describe → infer → cache → codegen.
 * Every query is processed even when others fail; failures never erase what is already written.
 */
import path from 'node:path';
import type { CacheEntry } from '../cache/cache-entry.js';
import { CACHE_FORMAT_VERSION } from '../cache/cache-entry.js';
import { listEntryFiles, removeEntryFiles, writeEntry, writeSchema } from '../cache/cache-store.js';
import { cacheFileName, queryHash } from '../cache/query-hash.js';
import { migrationsHash } from '../cache/schema-hash.js';
import { generateModules } from '../codegen/generate-modules.js';
import { modulePathFor } from '../codegen/module-path.js';
import { writeFileIfChanged } from '../cache/atomic-write.js';
import { writeModules } from '../codegen/write-modules.js';
import { resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import { loadCatalog } from '../database/catalog.js';
import { collectNeeds, emptyNeeds, loadRelationCatalog, type RelationCatalog } from '../database/relation-catalog.js';
import { openDatabase, type DatabaseInfo } from '../database/open-database.js';
import type { MigrationProblem } from '../migrate/migration.js';
import type { WireSession } from '../database/wire-session.js';
import { buildCacheEntry } from '../infer/build-cache-entry.js';
import { collectSchemaTypes } from '../infer/schema-types.js';
import type { AstNode } from '../infer/ast.js';
import { loadQuerySources } from '../source/load-query-sources.js';
import { statementToSourceOffset } from '../source/rewrite-statement.js';
import type { SourceProblem } from '../source/query-source.js';
import { codePointToUtf16, parseSql } from '../source/sql-scanner.js';
import { sortProblems } from '../report/sort-problems.js';

export interface PrepareOptions extends ConfigOverrides {
  /** Injected session (tests, embedded database); otherwise one is opened from the config. */
  session?: WireSession;
}

export interface PrepareResult {
  config: ResolvedConfig;
  /** What was described against (absent when a session was injected). */
  database?: DatabaseInfo;
  queries: number;
  /** Queries described and cached successfully. */
  prepared: number;
  problems: SourceProblem[];
  cacheWritten: number;
  cacheRemoved: number;
  modulesWritten: string[];
  modulesRemoved: string[];
  elapsedMs: number;
}

export async function prepare(options: PrepareOptions = {}): Promise<PrepareResult> {
  const started = performance.now();
  const config = await resolveConfig(options);
  const root = config.root;
  const cacheDir = path.join(root, config.cache);
  const sources = await loadQuerySources(root, config.queries);
  const problems: SourceProblem[] = [...sources.problems];
  const schemaHash = await migrationsHash(path.join(root, config.migrations));

  let session = options.session;
  let database: DatabaseInfo | undefined;
  if (!session) {
    try {
      ({ session, info: database } = await openDatabase({ root, migrations: config.migrations, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) }));
    } catch (err) {
      if ((err as Error).name !== 'EmbeddedSetupError') throw err;
      // The migrations themselves failed on the embedded database: report them like query errors.
      const migrationProblems = (err as { problems: MigrationProblem[] }).problems.map((p) => ({
        file: p.file ?? config.migrations,
        position: p.position ?? { line: 1, column: 1 },
        message: p.message,
        ...(p.code ? { code: p.code } : {}),
        ...(p.hint ? { hint: p.hint } : {}),
      }));
      return emptyResult(config, sources.blockCount, [...problems, ...migrationProblems], started);
    }
  }

  const entries: CacheEntry[] = [];
  let usedTypes: Set<number>;
  let catalog;
  try {
    const described = await session.describeAll(sources.queries.map((q) => q.statement));
    usedTypes = new Set<number>();
    const origins: Array<{ tableOid: number; attnum: number }> = [];
    for (const d of described) {
      if (!d.ok) continue;
      d.paramTypeIds.forEach((t) => usedTypes.add(t));
      for (const f of d.fields ?? []) {
        usedTypes.add(f.typeId);
        origins.push({ tableOid: f.tableId, attnum: f.columnId });
      }
    }
    const needs = emptyNeeds();
    sources.queries.forEach((q, i) => {
      if (described[i]!.ok) collectNeeds(q.statement, needs);
    });
    let relations: RelationCatalog;
    [catalog, relations] = await Promise.all([loadCatalog(session, usedTypes, origins), loadRelationCatalog(session, needs)]);

    sources.queries.forEach((query, i) => {
      const d = described[i]!;
      const locate = (statementOffset: number): SourceProblem['position'] =>
        sources.lines.get(query.file)!.position(statementToSourceOffset(query.offsets, statementOffset));
      if (!d.ok) {
        const e = d.error;
        problems.push({
          file: query.file,
          position: e.position ? locate(codePointToUtf16(query.statement, e.position - 1)) : query.position,
          message: `${query.name}: ${e.message}${e.detail ? ` (${e.detail})` : ''}`,
          code: e.code,
          ...(e.hint ? { hint: e.hint } : {}),
        });
        return;
      }
      const parsed = parseSql(query.statement);
      if (!parsed.ok) throw new Error(`internal: ${query.name} parsed before but not now`);
      const ast = parsed.result.stmts![0]!.stmt as AstNode;
      const toChar = parsed.toChar;
      const built = buildCacheEntry(query, queryHash(query), { ...d, ast }, catalog!, relations, schemaHash);
      if (built.ok) entries.push(built.entry);
      else {
        for (const p of built.problems) {
          problems.push({
            file: query.file,
            position: p.statementOffset !== undefined ? locate(toChar(p.statementOffset)) : query.position,
            message: `${query.name}: ${p.message}`,
            ...(p.hint ? { hint: p.hint } : {}),
          });
        }
      }
    });
  } finally {
    if (!options.session) await session.close();
  }

  let cacheWritten = 0;
  for (const entry of entries) if (await writeEntry(cacheDir, entry)) cacheWritten++;
  const schema = collectSchemaTypes(catalog, usedTypes);
  await writeSchema(cacheDir, { version: CACHE_FORMAT_VERSION, schemaHash, ...schema });

  const failedFiles = new Set(problems.map((p) => p.file));
  let cacheRemoved = 0;
  if (problems.length === 0) {
    const current = new Set(entries.map((e) => cacheFileName(e.hash)));
    const orphans = (await listEntryFiles(cacheDir)).filter((f) => !current.has(f));
    await removeEntryFiles(cacheDir, orphans);
    cacheRemoved = orphans.length;
  }

  const generated = generateModules(entries, schema, config);
  let modulesWritten: string[] = [];
  let modulesRemoved: string[] = [];
  if (problems.length === 0) {
    ({ written: modulesWritten, removed: modulesRemoved } = await writeModules(root, config.generated, generated.modules));
  } else {
    // A file with a failing query keeps its last good module; the other files are refreshed.
    const failedModules = new Set([...failedFiles].map((f) => modulePathFor(f, config.queries, config.generated)));
    for (const [file, content] of generated.modules) {
      if (!failedModules.has(file) && (await writeFileIfChanged(path.join(root, file), content))) modulesWritten.push(file);
    }
  }

  return {
    config,
    ...(database ? { database } : {}),
    queries: sources.blockCount,
    prepared: entries.length,
    problems: sortProblems(problems),
    cacheWritten,
    cacheRemoved,
    modulesWritten,
    modulesRemoved,
    elapsedMs: performance.now() - started,
  };
}

function emptyResult(config: ResolvedConfig, queries: number, problems: SourceProblem[], started: number): PrepareResult {
  return { config, queries, prepared: 0, problems: sortProblems(problems), cacheWritten: 0, cacheRemoved: 0, modulesWritten: [], modulesRemoved: [], elapsedMs: performance.now() - started };
}
