/**
 * `sqlsure migrate lint` as a library call: which migrations are new, what the cached queries use,
 * then the rules. Offline unless asked to compare with a database (`DATABASE_URL`): the parser is
 * the only dependency, and the driver is imported only for that comparison.
 */
import path from 'node:path';
import type { CacheEntry } from '../cache/cache-entry.js';
import { listEntryFiles, readEntry } from '../cache/cache-store.js';
import { MIGRATIONS_MANIFEST_FILE, readManifest, textDigest } from '../cache/migrations-manifest.js';
import { ConfigError, resolveConfig, type ConfigOverrides, type ResolvedConfig } from '../config/config.js';
import { loadMigrations } from '../migrate/load-migrations.js';
import type { Migration } from '../migrate/migration.js';
import { loadSqlParser } from '../source/sql-scanner.js';
import type { LintFinding } from './lint-finding.js';
import { lintMigrations } from './lint-migrations.js';
import { RULE_NAMES } from './rules/all-rules.js';

export interface MigrateLintOptions extends ConfigOverrides {
  /** Lint every migration, not only the new ones. */
  all?: boolean;
  /** The previous release (folder or git revision): migrations it did not know are new. */
  base?: string;
  /** Where `base` is relative to; default the current directory. */
  cwd?: string;
  /** Never ask a database which migrations are pending (`check` runs with no driver). */
  offline?: boolean;
}

export interface MigrateLintReport {
  config: ResolvedConfig;
  findings: LintFinding[];
  errors: number;
  warnings: number;
  /** The migrations reported on, oldest first (files as shown). */
  linted: string[];
  total: number;
  ignored: number;
  /** How the new migrations were chosen, for the summary line. */
  selection: string;
  /** Cached queries the drop/rename rules compared against. */
  queries: number;
}

export async function migrateLint(options: MigrateLintOptions = {}): Promise<MigrateLintReport> {
  const config = await resolveConfig(options);
  const unknown = Object.keys(config.lint.rules).filter((r) => !RULE_NAMES.includes(r));
  if (unknown.length) throw new ConfigError(`"lint"."rules": unknown rule "${unknown[0]}" (rules: ${RULE_NAMES.join(', ')})`);
  const migrationsDir = path.join(config.root, config.migrations);
  const migrations = await loadMigrations(migrationsDir, { checksum: config.migrationsChecksum, displayDir: config.migrations });
  const entries = await readCurrentEntries(path.join(config.root, config.cache));
  const { selected, selection, baseEntries } = await selectNew(options, config, migrations, migrationsDir);
  await loadSqlParser();
  const result = lintMigrations(
    migrations.map((m) => ({ file: m.file, sql: m.upSql, noTransaction: m.noTransaction, breaking: m.breaking })),
    { selected: new Set(selected.map((m) => m.file)), entries: [...baseEntries, ...entries], rules: config.lint.rules },
  );
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  return {
    config,
    findings: result.findings,
    errors,
    warnings: result.findings.length - errors,
    linted: selected.map((m) => m.file),
    total: migrations.length,
    ignored: result.ignored,
    selection,
    queries: new Set([...baseEntries, ...entries].map((e) => `${e.name}\0${e.source}`)).size,
  };
}

/** A damaged entry is `check`'s business: lint uses what it can read. */
async function readCurrentEntries(cacheDir: string): Promise<CacheEntry[]> {
  const out: CacheEntry[] = [];
  for (const name of await listEntryFiles(cacheDir)) {
    try {
      out.push(await readEntry(cacheDir, name));
    } catch {
      // skipped
    }
  }
  return out;
}

async function selectNew(
  options: MigrateLintOptions,
  config: ResolvedConfig,
  migrations: Migration[],
  migrationsDir: string,
): Promise<{ selected: Migration[]; selection: string; baseEntries: CacheEntry[] }> {
  if (options.all) return { selected: migrations, selection: 'all migrations (--all)', baseEntries: [] };
  if (options.base !== undefined) {
    const [{ readBaseCache }, { newMigrations }] = await Promise.all([import('../verify/base-cache.js'), import('../verify/new-migrations.js')]);
    const base = await readBaseCache(options.base, options.cwd ?? process.cwd(), config.root, config.cache);
    const fresh = await newMigrations(migrations, base, migrationsDir);
    const selection = fresh.known ? `migrations not in ${base.label}` : `all migrations (${base.label} does not say which migrations it knew)`;
    return { selected: fresh.migrations, selection, baseEntries: base.entries };
  }
  if (config.databaseUrl && !options.offline) {
    const { migrateInfo } = await import('../migrate/migrate-commands.js');
    const info = await migrateInfo(options);
    const pending = new Set(info.entries.filter((e) => e.status === 'pending' || e.status === 'dirty').map((e) => e.version));
    return { selected: migrations.filter((m) => pending.has(m.version)), selection: `migrations pending in the database (${info.table})`, baseEntries: [] };
  }
  const manifestFile = path.join(config.root, config.cache, MIGRATIONS_MANIFEST_FILE);
  const read = readManifest(manifestFile);
  if (!read || read.manifest === 'invalid') {
    return { selected: migrations, selection: `all migrations (no readable ${config.cache}/${MIGRATIONS_MANIFEST_FILE} records any)`, baseEntries: [] };
  }
  const known = new Set(read.manifest.migrations.map((m) => `${m.version}\0${m.sha384}`));
  return {
    selected: migrations.filter((m) => !known.has(`${m.version}\0${textDigest(m.upSql)}`)),
    selection: `migrations not yet in ${config.cache}/${MIGRATIONS_MANIFEST_FILE}`,
    baseEntries: [],
  };
}
