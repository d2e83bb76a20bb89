/**
 * `verifySchema(db, migrations, options)`: at start-up, is the database's schema the one this build
 * was written for? One query reads the bookkeeping table and the compatibility floor; the verdict
 * uses the same history comparison as `migrate run` (src/migrator/migration-history.ts).
 */
import { incompatibleMessage, newerNotice } from './apply-migrations.js';
import { statementConnection, type MigratorDatabase } from './database-handle.js';
import { toRunnable, type EmbeddedMigration, type MigrationPolicy } from './embedded-migration.js';
import { compareHistory, shortChecksum } from './migration-history.js';
import { DEFAULT_MIGRATIONS_TABLE, migrationLabel, type AppliedMigration, type CompatibilityFloor } from './migration-record.js';
import { compatTableName, parseTableName, quoteIdent, type TableName } from './migrations-table.js';
import { asServerError } from './server-error.js';

export interface VerifySchemaOptions extends MigrationPolicy {
  /** Throw a SchemaVerificationError when the schema is not usable (`ok` is false). */
  throwOnProblem?: boolean;
}

interface About {
  version: bigint;
  description: string;
  message: string;
}

/** Each reason the schema is not usable by this build. */
export type SchemaProblem =
  | (About & { kind: 'pending' })
  | (About & { kind: 'unknown-applied' })
  | (About & { kind: 'checksum-mismatch'; recorded: string; expected: string })
  | (About & { kind: 'dirty' })
  | { kind: 'incompatible'; floor: CompatibilityFloor; newestKnown: bigint | undefined; message: string };

/** Worth logging, but the schema is usable. */
export type SchemaNotice =
  | (About & { kind: 'newer-applied' })
  | (About & { kind: 'allowed-missing' })
  | (About & { kind: 'alternate-checksum'; recorded: string });

export interface SchemaVerification {
  ok: boolean;
  problems: SchemaProblem[];
  notices: SchemaNotice[];
  /** One line the application can log. */
  summary: string;
  /** Successfully applied migrations recorded in the database. */
  applied: number;
  /** Migrations this build knows. */
  known: number;
  compatibilityFloor?: CompatibilityFloor;
}

export class SchemaVerificationError extends Error {
  constructor(readonly result: SchemaVerification) {
    super(result.summary);
    this.name = 'SchemaVerificationError';
  }
}

export async function verifySchema(db: MigratorDatabase, migrations: readonly EmbeddedMigration[], options: VerifySchemaOptions = {}): Promise<SchemaVerification> {
  const known = toRunnable(migrations);
  const { applied, floor } = await readState(db, parseTableName(options.table ?? DEFAULT_MIGRATIONS_TABLE));
  const newestKnown = known.length ? known[known.length - 1]!.version : -1n;
  const problems: SchemaProblem[] = [];
  const notices: SchemaNotice[] = [];
  const ahead = applied.filter((a) => a.version > newestKnown);

  if (floor && floor.version > newestKnown) {
    problems.push({ kind: 'incompatible', floor, newestKnown: newestKnown < 0n ? undefined : newestKnown, message: incompatibleMessage(floor, newestKnown) });
  } else if (ahead.length) {
    const message = newerNotice(ahead, newestKnown);
    for (const a of ahead) if (a.success) notices.push({ kind: 'newer-applied', version: a.version, description: a.description, message });
  }
  const tolerated = problems.length ? ahead.map((a) => a.version) : ahead.filter((a) => a.success).map((a) => a.version);
  const history = compareHistory(known, applied, { ...options, allowMissing: [...(options.allowMissing ?? []), ...tolerated], allowOutOfOrder: true });

  for (const e of history.entries) {
    const about = { version: e.version, description: e.description };
    const label = migrationLabel(e.version, e.description);
    if (tolerated.includes(e.version) && e.status === 'missing') continue;
    switch (e.status) {
      case 'pending':
        problems.push({ kind: 'pending', ...about, message: `migration ${label} has not been applied` });
        break;
      case 'dirty':
        problems.push({ kind: 'dirty', ...about, message: `migration ${label} is dirty: it failed part-way outside a transaction` });
        break;
      case 'missing':
        if (e.note) notices.push({ kind: 'allowed-missing', ...about, message: `migration ${label} is applied but unknown to this build (allowed by allowMissing)` });
        else problems.push({ kind: 'unknown-applied', ...about, message: `migration ${label} is applied but unknown to this build` });
        break;
      case 'modified': {
        const recorded = e.applied!.checksum.toString('hex');
        const expected = e.local!.checksum.toString('hex');
        problems.push({ kind: 'checksum-mismatch', ...about, recorded, expected, message: `migration ${label} was applied with checksum ${shortChecksum(e.applied!.checksum)}…, but this build has ${shortChecksum(e.local!.checksum)}…` });
        break;
      }
      case 'applied':
        if (e.note && e.applied && e.local && !e.applied.checksum.equals(e.local.checksum)) {
          notices.push({ kind: 'alternate-checksum', ...about, recorded: e.applied.checksum.toString('hex'), message: `migration ${label} was applied with an older checksum listed in alternateChecksums` });
        }
        break;
    }
  }

  const result: SchemaVerification = {
    ok: problems.length === 0,
    problems,
    notices,
    summary: '',
    applied: applied.filter((a) => a.success).length,
    known: known.length,
    ...(floor ? { compatibilityFloor: floor } : {}),
  };
  result.summary = summarise(result, newestKnown);
  if (!result.ok && options.throwOnProblem) throw new SchemaVerificationError(result);
  return result;
}

interface DatabaseState {
  applied: AppliedMigration[];
  floor?: CompatibilityFloor;
}

interface Row {
  version: string;
  description: string;
  success: boolean;
  checksum: string;
  floor?: string | null;
}

/**
 * One query. A database that sqlx (or an older sqlsure) migrated has no compatibility table, and a
 * fresh one no bookkeeping table at all: each is one failed statement more, never a wrong answer.
 */
async function readState(db: MigratorDatabase, name: TableName): Promise<DatabaseState> {
  const conn = statementConnection(db);
  const sqlName = (n: TableName) => (n.schema ? `${quoteIdent(n.schema)}.${quoteIdent(n.table)}` : quoteIdent(n.table));
  const columns = `m.version::text AS version, m.description, m.success, encode(m.checksum, 'hex') AS checksum`;
  const from = `FROM ${sqlName(name)} m ORDER BY m.version`;
  const floor = `(SELECT c.version::text || ' ' || c.description FROM ${sqlName(compatTableName(name))} c ORDER BY c.version DESC LIMIT 1) AS floor`;
  const attempts = [`SELECT ${columns}, ${floor} ${from}`, `SELECT ${columns} ${from}`];
  for (const sql of attempts) {
    let rows: Row[];
    try {
      rows = await conn.query<Row>(sql);
    } catch (err) {
      if (asServerError(err)?.code === '42P01') continue; // undefined_table
      throw err;
    }
    const applied = rows.map((r): AppliedMigration => ({
      version: BigInt(r.version),
      description: r.description,
      installedOn: null,
      success: r.success === true || (r.success as unknown) === 't',
      checksum: Buffer.from(r.checksum, 'hex'),
      executionTimeNs: 0n,
    }));
    const recorded = rows[0]?.floor;
    if (!recorded) return { applied };
    const space = recorded.indexOf(' ');
    return { applied, floor: { version: BigInt(recorded.slice(0, space)), description: recorded.slice(space + 1) } };
  }
  return { applied: [] };
}

function summarise(r: SchemaVerification, newestKnown: bigint): string {
  const incompatible = r.problems.find((p) => p.kind === 'incompatible');
  if (incompatible) return incompatible.message;
  const counts = (items: ReadonlyArray<{ kind: string; version?: bigint }>, names: Record<string, string>) =>
    Object.entries(names)
      .map(([kind, name]) => {
        const of = items.filter((i) => i.kind === kind);
        return of.length ? `${of.length} ${name} (${of.map((i) => i.version).join(', ')})` : '';
      })
      .filter(Boolean)
      .join(', ');
  const notices = counts(r.notices, { 'newer-applied': 'newer from a later release, none breaking', 'allowed-missing': 'allowed missing', 'alternate-checksum': 'accepted by alternateChecksums' });
  if (!r.ok) {
    const problems = counts(r.problems, { pending: 'pending', 'unknown-applied': 'applied but unknown to this build', 'checksum-mismatch': 'changed after they were applied', dirty: 'dirty' });
    return `database schema does not match this build: ${problems}${notices ? `; also ${notices}` : ''}`;
  }
  const newest = newestKnown < 0n ? 'this build has no migrations' : `${r.known} migration${r.known === 1 ? '' : 's'} applied, newest ${newestKnown}`;
  return `database schema is up to date: ${newest}${notices ? `; ${notices}` : ''}`;
}
