/**
 * The current migrations the previous release did not know: those missing from its
 * migrations.json, or whose text changed since. Without a manifest, the base's schema.json
 * fingerprint tells which prefix of the current migration files it was prepared with.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { textDigest } from '../cache/migrations-manifest.js';
import { migrationFiles } from '../cache/schema-hash.js';
import type { Migration } from '../migrate/migration.js';
import type { BaseCache } from './base-cache.js';

export interface NewMigrations {
  /** Oldest first. */
  migrations: Migration[];
  /** False when the base says nothing about its migrations: every migration is a suspect. */
  known: boolean;
}

export async function newMigrations(current: readonly Migration[], base: BaseCache, migrationsDir: string): Promise<NewMigrations> {
  if (base.manifest) {
    const known = new Set(base.manifest.migrations.map((m) => `${m.version}\0${m.sha384}`));
    return { migrations: current.filter((m) => !known.has(`${m.version}\0${textDigest(m.upSql)}`)), known: true };
  }
  const knownFiles = base.schema ? await filesBehindFingerprint(migrationsDir, base.schema.schemaHash) : undefined;
  if (!knownFiles) return { migrations: [...current], known: false };
  return { migrations: current.filter((m) => !knownFiles.has(path.posix.basename(m.file))), known: true };
}

/** The same hash as cache/schema-hash.ts, over each prefix of the files in order. */
async function filesBehindFingerprint(migrationsDir: string, fingerprint: string): Promise<Set<string> | undefined> {
  const files = await migrationFiles(migrationsDir);
  if (fingerprint === 'none') return new Set();
  const hash = createHash('sha256');
  for (let i = 0; i < files.length; i++) {
    const text = (await readFile(path.join(migrationsDir, files[i]!), 'utf8')).replace(/\r\n?/g, '\n');
    hash.update(`${files[i]}\0${Buffer.byteLength(text)}\0`).update(text);
    if (hash.copy().digest('hex') === fingerprint) return new Set(files.slice(0, i + 1));
  }
  return undefined;
}
