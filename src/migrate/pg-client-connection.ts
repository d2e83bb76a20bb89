/** Moved to src/migrator/ (the core shared with `sqlsure/migrator`); kept so existing imports keep working. */
export * from '../migrator/pg-client-connection.js';
