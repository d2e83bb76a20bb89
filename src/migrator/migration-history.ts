/**
 * Compares the migrations folder with the bookkeeping table: the status of every version, and the
 * refusals that keep `run` and `revert` from acting on a history they cannot trust.
 */
import { migrationLabel, type AppliedMigration, type MigrationDefinition, type MigrationProblem } from './migration-record.js';

export type MigrationStatus = 'applied' | 'pending' | 'missing' | 'modified' | 'dirty';

export interface HistoryEntry<M extends MigrationDefinition = MigrationDefinition> {
  version: bigint;
  description: string;
  status: MigrationStatus;
  local?: M;
  applied?: AppliedMigration;
  /** Why a status is tolerated or notable: "allowed by allowMissing", "out of order", … */
  note?: string;
}

export interface HistoryPolicy {
  /** Canonical decimal versions. */
  allowMissing?: readonly (string | number | bigint)[];
  /** Canonical decimal version → hex prefixes of an accepted recorded checksum. */
  alternateChecksums?: Readonly<Record<string, readonly string[]>>;
  allowOutOfOrder?: boolean;
  /** The migrations folder, for messages. */
  displayDir?: string;
}

export interface MigrationHistory<M extends MigrationDefinition = MigrationDefinition> {
  /** Every version, local or recorded, in version order. */
  entries: HistoryEntry<M>[];
  /** Local migrations not yet recorded, in version order. */
  pending: M[];
  refusals: MigrationProblem[];
}

export function compareHistory<M extends MigrationDefinition>(local: readonly M[], applied: readonly AppliedMigration[], policy: HistoryPolicy = {}): MigrationHistory<M> {
  const allowMissing = new Set((policy.allowMissing ?? []).map((v) => BigInt(v).toString()));
  const alternates = new Map(Object.entries(policy.alternateChecksums ?? {}).map(([v, prefixes]) => [BigInt(v).toString(), prefixes.map((p) => p.toLowerCase())]));
  const localByVersion = new Map(local.map((m) => [m.version, m]));
  const appliedByVersion = new Map(applied.map((a) => [a.version, a]));
  const newestApplied = applied.reduce<bigint | undefined>((max, a) => (max === undefined || a.version > max ? a.version : max), undefined);
  const folder = policy.displayDir || 'the migrations folder';

  const entries: HistoryEntry<M>[] = [];
  const pending: M[] = [];
  const refusals: MigrationProblem[] = [];
  // Distinct (a Set): the comparator never sees two equal versions.
  const versions = [...new Set([...localByVersion.keys(), ...appliedByVersion.keys()])].sort((a, b) => (a < b ? -1 : 1));
  for (const version of versions) {
    const m = localByVersion.get(version);
    const a = appliedByVersion.get(version);
    const description = m?.description ?? a!.description;
    const label = migrationLabel(version, description);
    const at = m ? { file: m.file, position: { line: 1, column: 1 } } : {};
    if (!a) {
      const outOfOrder = newestApplied !== undefined && version < newestApplied;
      entries.push({ version, description, status: 'pending', local: m!, ...(outOfOrder ? { note: 'out of order' } : {}) });
      pending.push(m!);
      if (outOfOrder && !policy.allowOutOfOrder) {
        refusals.push({
          ...at,
          message: `migration ${label} was never applied, but the newer migration ${newestApplied} was`,
          hint: 'give it a version newer than every applied migration, or pass --allow-out-of-order to apply it anyway',
        });
      }
    } else if (!a.success) {
      entries.push({ version, description, status: 'dirty', applied: a, ...(m ? { local: m } : {}) });
      refusals.push({
        ...at,
        message: `migration ${label} is dirty: it failed part-way outside a transaction, so the database may hold some of its changes`,
        hint: `inspect the database and fix it by hand, then run \`sqlsure migrate repair ${version} --mark-applied\` if its changes are now complete, or \`--mark-pending\` if they are undone (it then runs again)`,
      });
    } else if (!m) {
      const allowed = allowMissing.has(version.toString());
      entries.push({ version, description, status: 'missing', applied: a, ...(allowed ? { note: 'allowed by allowMissing' } : {}) });
      if (!allowed) {
        refusals.push({
          message: `migration ${label} was applied to the database, but its file is missing from ${folder}`,
          hint: `restore the file, or list ${version} in "allowMissing" in sqlsure.config.json if it was removed on purpose`,
        });
      }
    } else if (!a.checksum.equals(m.checksum)) {
      const recorded = a.checksum.toString('hex');
      const accepted = alternates.get(version.toString())?.some((prefix) => recorded.startsWith(prefix));
      if (accepted) {
        entries.push({ version, description, status: 'applied', local: m, applied: a, note: 'accepted by alternateChecksums' });
      } else {
        entries.push({ version, description, status: 'modified', local: m, applied: a });
        refusals.push({
          ...at,
          message: `migration ${label} was modified after it was applied (recorded checksum ${shortChecksum(a.checksum)}…, the file now ${shortChecksum(m.checksum)}…)`,
          hint: `restore the file; if the edit is intentional and the database already matches it, run \`sqlsure migrate repair ${version}\`, or accept the old checksum with "alternateChecksums": { "${version}": ["${shortChecksum(a.checksum)}"] }`,
        });
      }
    } else {
      entries.push({ version, description, status: 'applied', local: m, applied: a });
    }
  }
  return { entries, pending, refusals };
}

/** The first 12 hex digits, as `migrate info` shows them. */
export function shortChecksum(checksum: Buffer): string {
  return checksum.toString('hex').slice(0, 12);
}
