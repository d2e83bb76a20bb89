/** What a migrations folder yields, before any database is involved. */
import type { ChecksumMode } from '../config/config.js';
import type { SourcePosition } from '../source/query-source.js';

export type { ChecksumMode };

/** `simple`: `<version>_<description>.sql`; `reversible`: a `.up.sql` and `.down.sql` pair. */
export type MigrationKind = 'simple' | 'reversible';

/** One migration script as it will be executed. */
export interface MigrationScript {
  /** File path for messages (the migrations folder as given, then the file name, `/`-separated). */
  file: string;
  /** The text that runs: BOM removed, line endings normalised to LF. Positions refer to it. */
  sql: string;
  /** The first line is `-- no-transaction`: statements run one by one, outside a transaction. */
  noTransaction: boolean;
}

export interface Migration {
  version: bigint;
  /** The file name after the first `_`, with `_` read as a space (sqlx's convention). */
  description: string;
  kind: MigrationKind;
  /** The simple file, or the `.up.sql` file. */
  file: string;
  upSql: string;
  /** Only for reversible migrations. */
  downSql?: string;
  downFile?: string;
  /** SHA-384 of the up script, in the configured checksum mode. */
  checksum: Buffer;
  noTransaction: boolean;
  downNoTransaction?: boolean;
}

/** A problem located in a migration file, or a refusal about the database as a whole. */
export interface MigrationProblem {
  message: string;
  file?: string;
  position?: SourcePosition;
  /** SQLSTATE, when PostgreSQL (or its parser) reported the problem. */
  code?: string;
  hint?: string;
}

/** A row of the bookkeeping table. */
export interface AppliedMigration {
  version: bigint;
  description: string;
  installedOn: Date | null;
  /** `false`: a migration run outside a transaction failed part-way (dirty). */
  success: boolean;
  checksum: Buffer;
  /** Nanoseconds, as sqlx records it. */
  executionTimeNs: bigint;
}

export function upScript(m: Migration): MigrationScript {
  return { file: m.file, sql: m.upSql, noTransaction: m.noTransaction };
}

export function downScript(m: Migration): MigrationScript | undefined {
  if (m.downSql === undefined || m.downFile === undefined) return undefined;
  return { file: m.downFile, sql: m.downSql, noTransaction: m.downNoTransaction ?? false };
}

/** `20240101000000 (create users)` — how messages name a migration. */
export function migrationLabel(version: bigint, description?: string): string {
  return description ? `${version} (${description})` : String(version);
}
