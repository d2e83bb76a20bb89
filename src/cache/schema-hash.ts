/**
 * The schema fingerprint for the embedded/offline world: a hash of the migration files in order,
 * with line endings normalised so a CRLF checkout hashes the same.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const EMPTY = 'none';

export async function migrationFiles(migrationsDir: string): Promise<string[]> {
  const names = await readdir(migrationsDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  return names.filter((n) => n.endsWith('.sql')).sort(compareMigrationNames);
}

/** Numeric version order (`2_x` before `10_x`), then by name. */
export function compareMigrationNames(a: string, b: string): number {
  const va = /^(\d+)/.exec(a)?.[1];
  const vb = /^(\d+)/.exec(b)?.[1];
  if (va && vb && va !== vb) return BigInt(va) < BigInt(vb) ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function migrationsHash(migrationsDir: string): Promise<string> {
  const files = await migrationFiles(migrationsDir);
  if (files.length === 0) return EMPTY;
  const hash = createHash('sha256');
  for (const name of files) {
    const text = (await readFile(path.join(migrationsDir, name), 'utf8')).replace(/\r\n?/g, '\n');
    hash.update(`${name}\0${Buffer.byteLength(text)}\0`).update(text);
  }
  return hash.digest('hex');
}
