/**
 * A MigrationConnection over PGlite. Typed structurally so neither this file nor the published
 * declarations depend on @electric-sql/pglite.
 */
export { pgliteConnection, type PGliteDatabaseLike as PGliteLike } from './database-handle.js';
