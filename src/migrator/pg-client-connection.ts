/** A MigrationConnection over a connected `pg.Client` (typed by shape: no driver loaded here). */
export { pgConnection as pgClientConnection } from './database-handle.js';
