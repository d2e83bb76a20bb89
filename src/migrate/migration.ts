/** What a migrations folder yields, before any database is involved. */
import type { ChecksumMode } from '../config/config.js';
import type { MigrationDefinition } from '../migrator/migration-record.js';

export type { ChecksumMode };
export { migrationLabel, type AppliedMigration, type MigrationProblem } from '../migrator/migration-record.js';

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

export interface Migration extends MigrationDefinition {
  kind: MigrationKind;
  /** The simple file, or the `.up.sql` file. */
  file: string;
  upSql: string;
  /** Only for reversible migrations. */
  downSql?: string;
  downFile?: string;
  downNoTransaction?: boolean;
}

export function upScript(m: Migration): MigrationScript {
  return { file: m.file, sql: m.upSql, noTransaction: m.noTransaction };
}

export function downScript(m: Migration): MigrationScript | undefined {
  if (m.downSql === undefined || m.downFile === undefined) return undefined;
  return { file: m.downFile, sql: m.downSql, noTransaction: m.downNoTransaction ?? false };
}
