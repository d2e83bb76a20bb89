/**
 * What the migration runner knows about a migration, an applied row and a problem — the shapes
 * shared by the CLI (migrations read from a folder) and `sqlsure/migrator` (migrations embedded in
 * the application). Types only: nothing here loads a parser, a driver or the file system.
 */

/** 1-based line and column (UTF-16 code units), like every position sqlsure reports. */
export interface Position {
  line: number;
  column: number;
}

/** One migration as the runner sees it: who it is, what it hashes to, how it runs. */
export interface MigrationDefinition {
  version: bigint;
  /** The file name after the first `_`, with `_` read as a space (sqlx's convention). */
  description: string;
  /** The file it came from, for messages (`migrations/1_init.sql`). */
  file: string;
  /** SHA-384 of the up script, in the mode the bookkeeping table uses. */
  checksum: Buffer;
  /** `-- no-transaction` on the first line: statements run one by one, outside a transaction. */
  noTransaction: boolean;
  /** `-- sqlsure: breaking` in the leading comment lines: code older than this migration cannot run on the schema it leaves. */
  breaking: boolean;
}

/** One statement of a script, as it is sent, with where it starts in its file. */
export interface MigrationStatement {
  sql: string;
  /** Position of the statement's first character in the file (after BOM removal and LF normalisation). */
  line: number;
  column: number;
}

/** A problem located in a migration file, or a refusal about the database as a whole. */
export interface MigrationProblem {
  message: string;
  file?: string;
  position?: Position;
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

/** The newest applied migration that declared itself breaking: code older than it must not run. */
export interface CompatibilityFloor {
  version: bigint;
  description: string;
}

/** `20240101000000 (create users)` — how messages name a migration. */
export function migrationLabel(version: bigint, description?: string): string {
  return description ? `${version} (${description})` : String(version);
}

/** Bad options given to the runner (a malformed table name or version): a usage error. */
export class MigrationOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationOptionError';
  }
}

export const DEFAULT_MIGRATIONS_TABLE = '_sqlsure_migrations';
