/**
 * `sqlsure/migrator`: run and verify the migrations an application ships inside
 * (generated/_migrations.ts), over the application's own pg Pool/Client or PGlite. Imports no
 * driver, no SQL parser and nothing else heavy: the statements were split at build time.
 */
export { migrate, MigrateError, type MigrateOptions, type MigrateReport } from './migrate.js';
export {
  verifySchema,
  SchemaVerificationError,
  type VerifySchemaOptions,
  type SchemaVerification,
  type SchemaProblem,
  type SchemaNotice,
} from './verify-schema.js';
export type { EmbeddedMigration, EmbeddedStatement, MigrationPolicy } from './embedded-migration.js';
export type { MigratorDatabase, PgPoolLike, PgClientLike, PGliteDatabaseLike } from './database-handle.js';
export type { AppliedStep, FailedStep } from './apply-migrations.js';
export { MigrationOptionError, type MigrationProblem, type CompatibilityFloor } from './migration-record.js';
export { formatProblemLine } from './format-problem-line.js';
