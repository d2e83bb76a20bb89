/**
 * `offline-cache/migrations.json`: where each migration's statements start and end, as PostgreSQL's
 * parser split them during `prepare`. `generate` and `check` rebuild generated/_migrations.ts from
 * it and the migration files without loading the parser. Each entry is keyed by the SHA-384 of
 * the migration's (normalised) text, so offsets are never applied to a file they were not made for.
 */
import { createHash } from 'node:crypto';
import { readIfExists } from './atomic-write.js';

export const MIGRATIONS_MANIFEST_FILE = 'migrations.json';
export const MIGRATIONS_MANIFEST_VERSION = 1;

export interface ManifestEntry {
  version: string;
  file: string;
  /** SHA-384 (hex) of the normalised text the offsets refer to. */
  sha384: string;
  /** [start, end) UTF-16 offsets of each statement in that text. */
  statements: Array<[number, number]>;
}

export interface MigrationsManifest {
  version: number;
  migrations: ManifestEntry[];
}

export function textDigest(text: string): string {
  return createHash('sha384').update(text, 'utf8').digest('hex');
}

/** One migration per line: diffs of the committed file stay readable. */
export function serializeManifest(manifest: MigrationsManifest): string {
  const entries = manifest.migrations.map((m) => '    ' + JSON.stringify({ version: m.version, file: m.file, sha384: m.sha384, statements: m.statements }));
  return `{\n  "version": ${manifest.version},\n  "migrations": [\n${entries.join(',\n')}${entries.length ? '\n' : ''}  ]\n}\n`;
}

/** `undefined` when absent; `'invalid'` when present but not a manifest this sqlsure writes. */
export function readManifest(file: string): { text: string; manifest: MigrationsManifest | 'invalid' } | undefined {
  const text = readIfExists(file);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as MigrationsManifest;
    const valid = parsed?.version === MIGRATIONS_MANIFEST_VERSION && Array.isArray(parsed.migrations) && parsed.migrations.every(isEntry);
    return { text, manifest: valid ? parsed : 'invalid' };
  } catch {
    return { text, manifest: 'invalid' };
  }
}

function isEntry(e: unknown): e is ManifestEntry {
  const m = e as ManifestEntry;
  return (
    typeof m?.version === 'string' &&
    typeof m.file === 'string' &&
    typeof m.sha384 === 'string' &&
    Array.isArray(m.statements) &&
    m.statements.every((s) => Array.isArray(s) && s.length === 2 && Number.isInteger(s[0]) && Number.isInteger(s[1]))
  );
}
