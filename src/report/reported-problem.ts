import type { SourcePosition } from '../source/query-source.js';

/**
 * What every reporter prints: a query, cache, module or migration problem. Query problems always
 * have a file; a migration problem about the database as a whole may not.
 */
export interface ReportedProblem {
  /** Relative to the project root, `/`-separated. */
  file?: string;
  position?: SourcePosition;
  /** Where the offending text ends (exclusive column); found from the source when absent. */
  end?: SourcePosition;
  message: string;
  /** SQLSTATE, when PostgreSQL (or its parser) reported the problem. */
  code?: string;
  hint?: string;
  /** The query the problem is about, when there is one. */
  query?: string;
  /** Default `error`; a `warning` is reported but does not fail the run (lint rules set to "warn"). */
  severity?: 'error' | 'warning';
}
