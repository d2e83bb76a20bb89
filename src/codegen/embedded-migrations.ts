/**
 * The migrations module and its offline-cache manifest, for `prepare` (which may split migrations
 * with the parser) and for `generate`/`check` (which only read the manifest, parser never loaded).
 */
import path from 'node:path';
import { MIGRATIONS_MANIFEST_FILE, MIGRATIONS_MANIFEST_VERSION, readManifest, serializeManifest, textDigest, type ManifestEntry } from '../cache/migrations-manifest.js';
import type { ResolvedConfig } from '../config/config.js';
import { loadMigrations, MigrationFolderError } from '../migrate/load-migrations.js';
import { upScript, type Migration, type MigrationProblem } from '../migrate/migration.js';
import type { EmbeddedMigration } from '../migrator/embedded-migration.js';
import type { SourceProblem } from '../source/query-source.js';
import { LineIndex } from '../source/text-position.js';
import { emitMigrationsModule, MIGRATIONS_MODULE } from './emit-migrations.js';
import { MigrationSplitMemo } from './migration-split-memo.js';

export interface EmbeddedMigrations {
  /** `[path relative to the root, content]`; absent when there are no migrations, or on problems. */
  module?: [string, string];
  /** Path (relative to the root) and text of the manifest; absent when there are no migrations, or on problems. */
  manifest?: [string, string];
  /** A manifest file that exists although there are no migrations. */
  staleManifest?: string;
  problems: SourceProblem[];
}

const RUN_PREPARE = 'run `sqlsure prepare` and commit the result';

type Config = Pick<ResolvedConfig, 'root' | 'migrations' | 'generated' | 'cache' | 'migrationsChecksum' | 'migrationsTable' | 'allowMissing' | 'alternateChecksums'>;

/** `split`: statements the manifest does not have are split now (prepare); otherwise they are problems (generate, check). */
export async function embeddedMigrations(config: Config, options: { split: boolean }): Promise<EmbeddedMigrations> {
  const manifestPath = `${config.cache}/${MIGRATIONS_MANIFEST_FILE}`;
  const read = readManifest(path.join(config.root, manifestPath));
  let migrations: Migration[];
  try {
    migrations = await loadMigrations(path.join(config.root, config.migrations), { checksum: config.migrationsChecksum, displayDir: config.migrations });
  } catch (err) {
    if (err instanceof MigrationFolderError) return { problems: err.problems.map((p) => asSourceProblem(p, config.migrations)) };
    throw err;
  }
  if (migrations.length === 0) return { problems: [], ...(read ? { staleManifest: manifestPath } : {}) };

  const recorded = new Map<string, ManifestEntry>();
  if (read && read.manifest !== 'invalid') for (const e of read.manifest.migrations) recorded.set(`${e.version}\0${e.sha384}`, e);
  const memo = await MigrationSplitMemo.open(config.root);
  const problems: SourceProblem[] = [];
  const entries: ManifestEntry[] = [];
  const unverified: Array<{ m: Migration; entry: ManifestEntry | undefined }> = [];
  for (const m of migrations) {
    const entry = recorded.get(`${m.version}\0${textDigest(m.upSql)}`);
    if (entry && offsetsFit(entry, m.upSql) && memo.has(entry)) entries.push({ ...entry, file: m.file });
    else unverified.push({ m, entry });
  }
  const withoutEntry = unverified.filter((u) => !u.entry);
  if (withoutEntry.length && !options.split) {
    for (const { m } of withoutEntry) {
      problems.push({
        file: m.file,
        position: { line: 1, column: 1 },
        message: `the offline cache has no statements for migration ${m.version} as it is now (${manifestPath} is missing or stale)`,
        hint: RUN_PREPARE,
      });
    }
    return { problems };
  }
  if (unverified.length) {
    // New or changed migrations (prepare), or entries this machine has not confirmed yet: the parser decides.
    const split = await splitMigrations(unverified.map((u) => u.m));
    problems.push(...split.problems.map((p) => asSourceProblem(p, config.migrations)));
    for (const fresh of split.entries) {
      const claimed = unverified.find((u) => u.m.version.toString() === fresh.version)!.entry;
      if (claimed && !options.split && JSON.stringify(claimed.statements) !== JSON.stringify(fresh.statements)) {
        problems.push({
          file: manifestPath,
          position: { line: 1, column: 1 },
          message: `the statements ${manifestPath} records for migration ${fresh.version} are not how PostgreSQL's parser splits ${fresh.file} (edited by hand?)`,
          hint: RUN_PREPARE,
        });
        continue;
      }
      memo.add(fresh);
      entries.push(fresh);
    }
    await memo.save();
  }
  if (problems.length) return { problems };

  const byVersion = new Map(entries.map((e) => [e.version, e]));
  const ordered = migrations.map((m) => byVersion.get(m.version.toString())!);
  const manifestText = serializeManifest({ version: MIGRATIONS_MANIFEST_VERSION, migrations: ordered });
  const embedded = migrations.map((m, i) => toEmbedded(m, ordered[i]!));
  const policy = { table: config.migrationsTable, allowMissing: config.allowMissing, alternateChecksums: config.alternateChecksums };
  return {
    module: [`${config.generated}/${MIGRATIONS_MODULE}`, emitMigrationsModule(embedded, policy, config.migrations)],
    manifest: [manifestPath, manifestText],
    problems: [],
  };
}

/** Needs the parser, loaded only here and only when a migration is new or changed. */
async function splitMigrations(migrations: readonly Migration[]): Promise<{ entries: ManifestEntry[]; problems: MigrationProblem[] }> {
  const { loadSqlParser } = await import('../source/sql-scanner.js');
  const { planScript } = await import('../migrate/script-statements.js');
  await loadSqlParser();
  const entries: ManifestEntry[] = [];
  const problems: MigrationProblem[] = [];
  for (const m of migrations) {
    const plan = planScript(upScript(m));
    if (!plan.ok) {
      problems.push(plan.problem);
      continue;
    }
    const statements = plan.statements.map((s): [number, number] => [s.start, s.start + s.text.length]);
    entries.push({ version: m.version.toString(), file: m.file, sha384: textDigest(m.upSql), statements });
  }
  return { entries, problems };
}

/** Offsets from a hand-edited manifest must not reach outside the text or overlap. */
function offsetsFit(entry: ManifestEntry, text: string): boolean {
  let previousEnd = 0;
  for (const [start, end] of entry.statements) {
    if (start < previousEnd || end <= start || end > text.length) return false;
    previousEnd = end;
  }
  return true;
}

function toEmbedded(m: Migration, entry: ManifestEntry): EmbeddedMigration {
  const lines = new LineIndex(m.upSql);
  return {
    version: m.version.toString(),
    description: m.description,
    file: m.file,
    checksum: m.checksum.toString('hex'),
    noTransaction: m.noTransaction,
    breaking: m.breaking,
    statements: entry.statements.map(([start, end]) => ({ ...lines.position(start), sql: m.upSql.slice(start, end) })),
  };
}

function asSourceProblem(p: MigrationProblem, migrationsDir: string): SourceProblem {
  return {
    file: p.file ?? migrationsDir,
    position: p.position ?? { line: 1, column: 1 },
    message: p.message,
    ...(p.code ? { code: p.code } : {}),
    ...(p.hint ? { hint: p.hint } : {}),
  };
}

/** Adds the migrations module to the generated ones; returns its problems (and a query module that would overwrite it). */
export function withMigrationsModule(modules: Map<string, string>, embedded: EmbeddedMigrations): SourceProblem[] {
  if (!embedded.module) return embedded.problems;
  const [file, content] = embedded.module;
  if (modules.has(file)) {
    return [{ file, position: { line: 1, column: 1 }, message: `a query file's module would overwrite ${file}, where sqlsure writes the migrations`, hint: 'rename the query file' }];
  }
  modules.set(file, content);
  return embedded.problems;
}

/** `check`: the committed manifest is exactly what prepare would write now. */
export function manifestProblems(root: string, embedded: EmbeddedMigrations): SourceProblem[] {
  if (embedded.staleManifest) {
    return [{ file: embedded.staleManifest, position: { line: 1, column: 1 }, message: 'the offline cache has a migrations manifest, but there are no migrations', hint: RUN_PREPARE }];
  }
  if (!embedded.manifest) return [];
  const [file, expected] = embedded.manifest;
  if (readManifest(path.join(root, file))?.text === expected) return [];
  return [{ file, position: { line: 1, column: 1 }, message: 'the migrations manifest differs from what prepare writes for the current migrations (edited by hand, or stale)', hint: RUN_PREPARE }];
}
