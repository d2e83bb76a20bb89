/** The long phases of `prepare`, reported as they start so a terminal is never silent for long. */
import type { EmbeddedProgress } from '../database/embedded-database.js';

export type PrepareProgress =
  | EmbeddedProgress
  | { phase: 'describe'; queries: number }
  | { phase: 'write' };

/** What a status line says for each phase. */
export function progressText(p: PrepareProgress): string {
  switch (p.phase) {
    case 'initdb':
      return 'embedded PostgreSQL: initdb (once per machine and PGlite version)…';
    case 'start':
      return p.from === 'base' ? 'embedded PostgreSQL: starting from the base snapshot…' : `embedded PostgreSQL: starting from the snapshot of ${p.migrations} migration${p.migrations === 1 ? '' : 's'}…`;
    case 'migrate':
      return `embedded PostgreSQL: applying migrations ${p.done}/${p.total}…`;
    case 'save':
      return 'embedded PostgreSQL: saving a snapshot…';
    case 'describe':
      return `describing ${p.queries} quer${p.queries === 1 ? 'y' : 'ies'}…`;
    case 'write':
      return 'writing the cache and the generated modules…';
  }
}
