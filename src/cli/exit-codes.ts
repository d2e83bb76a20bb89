export const EXIT = {
  ok: 0,
  /** A query, a check or a migration failed. */
  failed: 1,
  /** Bad flags or configuration. */
  usage: 2,
  /** The database could not be reached. */
  unreachable: 3,
} as const;
