/**
 * The migrations as `generated/_migrations.ts` carries them into the application: plain data
 * (strings, booleans, numbers), checked and turned into what the runner uses.
 */
import { MigrationOptionError, type MigrationDefinition, type MigrationStatement } from './migration-record.js';

export interface EmbeddedMigration {
  /** Decimal digits (a BIGINT). */
  readonly version: string;
  readonly description: string;
  /** The file it was generated from, for messages. */
  readonly file: string;
  /** SHA-384 of the file, hex, in the checksum mode the bookkeeping table uses. */
  readonly checksum: string;
  readonly noTransaction: boolean;
  readonly breaking: boolean;
  readonly statements: readonly EmbeddedStatement[];
}

export interface EmbeddedStatement {
  readonly line: number;
  readonly column: number;
  readonly sql: string;
}

/** Where and how the migrations are recorded; the generated module exports the project's as `migrationPolicy`. */
export interface MigrationPolicy {
  /** Default `_sqlsure_migrations`; may be `schema.name`. `_sqlx_migrations` shares sqlx's table. */
  table?: string;
  /** Applied versions whose files were removed on purpose. */
  allowMissing?: readonly (string | number | bigint)[];
  /** Version → hex prefixes of accepted recorded checksums (a migration edited after it was applied). */
  alternateChecksums?: Readonly<Record<string, readonly string[]>>;
}

export interface RunnableMigration extends MigrationDefinition {
  statements: readonly MigrationStatement[];
}

const VERSION = /^\d{1,19}$/;
const CHECKSUM = /^[0-9a-f]{96}$/;

/** Throws MigrationOptionError for anything that is not what sqlsure generates. */
export function toRunnable(migrations: readonly EmbeddedMigration[]): RunnableMigration[] {
  if (!Array.isArray(migrations)) throw new MigrationOptionError('migrations must be the array exported by generated/_migrations.ts');
  const seen = new Set<bigint>();
  const out = migrations.map((m, i): RunnableMigration => {
    const where = `migrations[${i}]`;
    if (typeof m?.version !== 'string' || !VERSION.test(m.version) || BigInt(m.version) > 0x7fffffffffffffffn) {
      throw new MigrationOptionError(`${where}: version must be decimal digits that fit in a BIGINT`);
    }
    const version = BigInt(m.version);
    if (seen.has(version)) throw new MigrationOptionError(`${where}: duplicate migration version ${version}`);
    seen.add(version);
    if (typeof m.checksum !== 'string' || !CHECKSUM.test(m.checksum)) throw new MigrationOptionError(`${where}: checksum must be 96 lower-case hex digits (SHA-384)`);
    const statements: readonly EmbeddedStatement[] = m.statements;
    if (!Array.isArray(statements) || statements.some((s: EmbeddedStatement) => typeof s?.sql !== 'string' || !Number.isInteger(s.line) || !Number.isInteger(s.column))) {
      throw new MigrationOptionError(`${where}: statements must be { line, column, sql } objects`);
    }
    return {
      version,
      description: String(m.description ?? ''),
      file: String(m.file ?? `migration ${version}`),
      checksum: Buffer.from(m.checksum, 'hex'),
      noTransaction: m.noTransaction === true,
      breaking: m.breaking === true,
      statements: statements.map((s) => ({ sql: s.sql, line: s.line, column: s.column })),
    };
  });
  return out.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}
