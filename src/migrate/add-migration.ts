/** `migrate add`: creates the next migration file(s), named and numbered like the folder's others. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../config/config.js';
import { loadMigrations } from './load-migrations.js';

export interface AddMigrationOptions {
  /** A `.up.sql`/`.down.sql` pair; the default when the folder already holds reversible migrations. */
  reversible?: boolean;
  /** Next sequence number (`0007`), the default when the folder's versions are not timestamps. */
  sequential?: boolean;
  /** `YYYYMMDDHHMMSS` in UTC, the default otherwise. */
  timestamp?: boolean;
  /** The clock, for tests. */
  now?: Date;
}

export interface AddedMigration {
  version: bigint;
  /** Absolute paths of the created files. */
  files: string[];
}

// The smallest 14-digit timestamp sqlsure would write; anything below is a sequence number.
const FIRST_TIMESTAMP = 19000101000000n;
const DEFAULT_SEQUENCE_WIDTH = 4;

export async function addMigration(migrationsDir: string, description: string, options: AddMigrationOptions = {}): Promise<AddedMigration> {
  const name = description.trim().replace(/\s+/g, '_');
  if (!name) throw new ConfigError('a migration needs a description');
  if (/[/\\\0]/.test(name)) throw new ConfigError(`a migration description cannot contain path separators: "${description}"`);
  if (options.sequential && options.timestamp) throw new ConfigError('choose --sequential or --timestamp, not both');

  const existing = await loadMigrations(migrationsDir);
  const folderKind = existing[0]?.kind;
  if (folderKind === 'reversible' && options.reversible === false) {
    throw new ConfigError(`${migrationsDir} holds reversible migrations; a simple one would mix kinds`);
  }
  if (folderKind === 'simple' && options.reversible) {
    throw new ConfigError(`${migrationsDir} holds simple migrations; a reversible one would mix kinds (one kind per folder)`);
  }
  const reversible = options.reversible ?? folderKind === 'reversible';

  const newest = existing.at(-1);
  const sequential = options.sequential ?? (options.timestamp ? false : newest !== undefined && newest.version < FIRST_TIMESTAMP);
  let digits: string;
  if (sequential) {
    const width = newest ? path.basename(newest.file).split('_', 1)[0]!.length : DEFAULT_SEQUENCE_WIDTH;
    digits = String((newest?.version ?? 0n) + 1n).padStart(width, '0');
  } else {
    let version = BigInt(utcTimestamp(options.now ?? new Date()));
    // Two migrations added within one second (or a clock behind the newest) still sort after it.
    if (newest && version <= newest.version) version = newest.version + 1n;
    digits = String(version);
  }

  const stem = `${digits}_${name}`;
  const files = reversible ? [`${stem}.up.sql`, `${stem}.down.sql`] : [`${stem}.sql`];
  const contents = reversible ? [`-- ${description.trim()}\n`, `-- Revert: ${description.trim()}\n`] : [`-- ${description.trim()}\n`];
  await mkdir(migrationsDir, { recursive: true });
  const created = files.map((f) => path.resolve(migrationsDir, f));
  // `wx`: never overwrite an existing migration.
  for (let i = 0; i < created.length; i++) await writeFile(created[i]!, contents[i]!, { flag: 'wx' });
  return { version: BigInt(digits), files: created };
}

function utcTimestamp(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}
