/**
 * `sqlsure verify --base <dir|rev>`: will the previous release still work once the current
 * migrations are live (rolling deploy, rollback)? Every query of the base's offline cache is
 * described against the schema the current migrations build, through prepare's own describe +
 * inference pipeline, and its new entry compared with the base's (compare-entries.ts). Each
 * break names the base query's file:line and the new migration most likely responsible.
 *
 * A break caused by a migration marked `-- sqlsure: breaking` is acknowledged: reported, but it
 * fails the run only with `strict`.
 */
import path from 'node:path';
import type { CacheEntry } from '../cache/cache-entry.js';
import { resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import { openDatabase, type DatabaseInfo, type EmbeddedProgress } from '../database/open-database.js';
import type { WireSession } from '../database/wire-session.js';
import { loadMigrations } from '../migrate/load-migrations.js';
import type { ReportedProblem } from '../report/reported-problem.js';
import type { SourcePosition, SourceProblem } from '../source/query-source.js';
import { loadSqlParser, parseSql } from '../source/sql-scanner.js';
import type { LineIndex } from '../source/text-position.js';
import { readBaseCache } from './base-cache.js';
import { baseQuerySource } from './base-query-source.js';
import { compareEntries, type EntryChange } from './compare-entries.js';
import { migrationTouches } from './migration-touches.js';
import { newMigrations } from './new-migrations.js';
import { columnKey, responsibleMigration, type Involved, type Suspect } from './responsible-migration.js';

export interface VerifyOptions extends ConfigOverrides {
  /** The previous release: a folder (project root or cache folder) or a git revision. */
  base: string;
  /** What a relative `base` is relative to; default the current directory. */
  cwd?: string;
  /** Acknowledged breaks (their migration is marked `-- sqlsure: breaking`) fail the run too. */
  strict?: boolean;
  /** Injected session (tests); otherwise one is opened as `prepare` opens it. */
  session?: WireSession;
  onProgress?: (progress: EmbeddedProgress) => void;
}

export interface VerifyResult {
  config: ResolvedConfig;
  database?: DatabaseInfo;
  /** The base as shown in messages. */
  base: string;
  /** Queries in the base cache. */
  queries: number;
  /** Breaks that fail the run. */
  problems: ReportedProblem[];
  /** Breaks caused by a migration marked breaking (failures too when `strict`). */
  acknowledged: ReportedProblem[];
  /** Current migrations the base did not know, oldest first (files). */
  newMigrations: string[];
  /** False when the base cache says nothing about its migrations. */
  migrationsKnown: boolean;
  elapsedMs: number;
}

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const started = performance.now();
  const { base: baseArg, cwd, strict, session: injected, onProgress, ...overrides } = options;
  const config = await resolveConfig(overrides);
  const base = await readBaseCache(baseArg, cwd ?? process.cwd(), config.root, config.cache);
  const migrationsDir = path.resolve(config.root, config.migrations);
  const [current] = await Promise.all([loadMigrations(migrationsDir, { displayDir: config.migrations }), loadSqlParser()]);
  const fresh = await newMigrations(current, base, migrationsDir);
  const candidates = fresh.migrations.map((migration) => ({ migration, touches: migrationTouches(migration.upSql) }));

  let session = injected;
  let database: DatabaseInfo | undefined;
  const result = (problems: ReportedProblem[], acknowledged: ReportedProblem[]): VerifyResult => ({
    config,
    ...(database ? { database } : {}),
    base: base.label,
    queries: base.entries.length,
    problems: strict ? [...problems, ...acknowledged] : problems,
    acknowledged: strict ? [] : acknowledged,
    newMigrations: fresh.migrations.map((m) => m.file),
    migrationsKnown: fresh.known,
    elapsedMs: performance.now() - started,
  });
  if (base.entries.length === 0) return result([], []);

  try {
    if (!session) {
      ({ session, info: database } = await openDatabase({
        root: config.root,
        migrations: config.migrations,
        ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
        ...(onProgress ? { onProgress } : {}),
      }));
    }
    const records = base.entries.map((entry, i) => baseQuerySource(entry, `base-query-${i}`));
    const lines = new Map<string, LineIndex>(records.map((r) => [r.source.file, r.lines]));
    const { describeQueries } = await import('../prepare/describe-queries.js');
    const described = await describeQueries(session, records.map((r) => r.source), lines);
    if (config.databaseUrl || injected) {
      // A server behind the migrations fails the old queries for the wrong reason: say that instead.
      const { diagnoseUnmigrated } = await import('../prepare/unmigrated-database.js');
      const diagnosed = await diagnoseUnmigrated(session, config, described.problems, records.length);
      const behind = diagnosed.find((p) => !lines.has(p.file));
      if (behind) {
        return result([{ ...behind, hint: 'verify describes against the current migrations: migrate this database first (`sqlsure migrate run`), or leave out --database-url to use the embedded database' }], []);
      }
    }

    const nowByKey = new Map(described.entries.map((e) => [e.source.slice(0, e.source.lastIndexOf(':')), e]));
    const failedByKey = new Map<string, SourceProblem>();
    for (const p of described.problems) if (!failedByKey.has(p.file)) failedByKey.set(p.file, p);

    const problems: ReportedProblem[] = [];
    const acknowledged: ReportedProblem[] = [];
    base.entries.forEach((entry, i) => {
      const key = records[i]!.source.file;
      const failure = failedByKey.get(key);
      const now = nowByKey.get(key);
      let finding: { message: string; code?: string; involved: Involved } | undefined;
      if (failure) {
        const reason = failure.message.startsWith(`${entry.name}: `) ? failure.message.slice(entry.name.length + 2) : failure.message;
        finding = {
          message: `${entry.name} (previous release) no longer prepares: ${reason}`,
          ...(failure.code ? { code: failure.code } : {}),
          involved: involvedInFailure(entry, reason),
        };
      } else if (now) {
        const changes = compareEntries(entry, now);
        if (changes.length) finding = { message: `${entry.name} (previous release): ${changes.map((c) => c.message).join('; ')}`, involved: involvedInChanges(entry, changes) };
      }
      if (!finding) return;
      const suspect = responsibleMigration(candidates, finding.involved);
      const { location, outside } = baseLocation(entry.source, records[i]!.asWritten ? failure?.position : undefined);
      const problem: ReportedProblem = {
        ...location,
        message: outside ? `${outside}: ${finding.message}` : finding.message,
        ...(finding.code ? { code: finding.code } : {}),
        hint: hintFor(suspect, fresh.known, fresh.migrations.length),
        query: entry.name,
      };
      (suspect?.migration.breaking ? acknowledged : problems).push(problem);
    });
    return result(problems.sort(byPlace), acknowledged.sort(byPlace));
  } finally {
    if (session && !injected) await session.close();
  }
}

function byPlace(a: ReportedProblem, b: ReportedProblem): number {
  const fa = a.file ?? '';
  const fb = b.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.position?.line ?? 0) - (b.position?.line ?? 0);
}

/**
 * The base entry's `file:line`. A base cache may come from anywhere (a CI artifact): a file that
 * is not a plain path inside the project is not handed to reporters, which would read it for a
 * code frame; the message still names it.
 */
function baseLocation(source: string, inQuery?: SourcePosition): { location: Pick<ReportedProblem, 'file' | 'position'>; outside?: string } {
  const colon = source.lastIndexOf(':');
  const file = source.slice(0, colon);
  const inside = file !== '' && !file.startsWith('/') && !/^[A-Za-z]:/.test(file) && !file.split(/[\\/]/).includes('..');
  if (!inside) return { location: {}, outside: source };
  const line = Number(source.slice(colon + 1));
  // The SQL as written starts the record's line 2; its first line may have been indented, so
  // a column there is only kept past the first line.
  const position = inQuery && inQuery.line > 2 ? { line: line + inQuery.line - 2, column: inQuery.column } : { line, column: 1 };
  return { location: { file, position } };
}

function hintFor(suspect: Suspect | undefined, known: boolean, count: number): string {
  if (suspect) {
    const at = `${suspect.migration.file}:${suspect.touch.line} (${suspect.touch.summary})`;
    if (suspect.migration.breaking) {
      return `caused by ${at}, which is marked \`-- sqlsure: breaking\`: an acknowledged break — stop the previous release before this migration runs (run with --strict to fail on it)`;
    }
    return `most likely ${at}: this migration breaks the previous release: mark it \`-- sqlsure: breaking\` or split it (first add the new shape, release code that uses it, then remove the old one)`;
  }
  if (known && count === 0) return 'no migration is new since the previous release: an edited or reordered migration, or a database that is not migrated to the current migrations, changed what this query sees';
  return 'no new migration names what this query uses; the schema the current migrations build no longer fits it';
}

/** What a query of the previous release depends on: its relations and the columns it reads or writes. */
function queryDependencies(entry: CacheEntry): Involved {
  const relations = new Set<string>();
  const parsed = parseSql(entry.statement);
  if (parsed.ok) collectRelations(parsed.result, relations);
  const columns = new Set<string>();
  for (const c of entry.columns) if (c.origin) { columns.add(columnKey(c.origin)); relations.add(c.origin.table.slice(c.origin.table.lastIndexOf('.') + 1)); }
  for (const p of entry.params) if (p.target) { columns.add(columnKey(p.target)); relations.add(p.target.table.slice(p.target.table.lastIndexOf('.') + 1)); }
  const types = new Set([...entry.params.map((p) => p.pgType), ...entry.columns.map((c) => c.pgType)]);
  return { relations, columns, types };
}

function involvedInChanges(entry: CacheEntry, changes: EntryChange[]): Involved {
  const all = queryDependencies(entry);
  const columns = new Set(changes.flatMap((c) => (c.column ? [columnKey(c.column)] : [])));
  const types = new Set(changes.flatMap((c) => c.types));
  return { relations: all.relations, columns: columns.size ? columns : all.columns, types: types.size ? types : all.types };
}

/** A missing column or relation named by the server narrows the suspects to what touched it. */
function involvedInFailure(entry: CacheEntry, reason: string): Involved {
  const all = queryDependencies(entry);
  const column = /column "?(?:[^\s".]+\.)?([^\s".]+)"? does not exist/.exec(reason)?.[1];
  if (column) return { ...all, columns: new Set([...all.relations].map((r) => `${r}.${column}`)), types: new Set() };
  const relation = /relation "(?:[^".]+\.)?([^".]+)" does not exist/.exec(reason)?.[1];
  if (relation) return { relations: new Set([relation]), columns: new Set(), types: new Set() };
  const type = /type "(?:[^".]+\.)?([^".]+)" does not exist/.exec(reason)?.[1];
  if (type) return { ...all, columns: new Set(), types: new Set([type]) };
  return all;
}

function collectRelations(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRelations(item, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const rel = (node as { relname?: unknown }).relname;
  if (typeof rel === 'string') into.add(rel);
  for (const value of Object.values(node)) collectRelations(value, into);
}
