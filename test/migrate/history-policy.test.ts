/**
 * The decision that lets `migrate run` / `revert` act or refuses: every applied row against every
 * migration file, under allowMissing, alternateChecksums and out-of-order. No database: the
 * history comparison is pure, so these run for every mutant in `npm run mutate -- --scope history`.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrationChecksum, normaliseMigrationText } from '../../src/migrate/migration-checksum.js';
import { compareHistory, type HistoryPolicy } from '../../src/migrator/migration-history.js';
import type { AppliedMigration, MigrationDefinition } from '../../src/migrator/migration-record.js';

/** A checksum made here, not by the code under test (module-level calls into it would hide its mutants). */
const sha384 = (text: string): Buffer => createHash('sha384').update(text).digest();

function local(version: bigint, sql: string, description = `m${version}`): MigrationDefinition {
  return { version, description, file: `migrations/${version}_${description}.sql`, checksum: sha384(sql), noTransaction: false, breaking: false };
}

function applied(m: Pick<MigrationDefinition, 'version' | 'description' | 'checksum'>, extra: Partial<AppliedMigration> = {}): AppliedMigration {
  return { version: m.version, description: m.description, installedOn: new Date(0), success: true, checksum: m.checksum, executionTimeNs: 1n, ...extra };
}

const m1 = local(1n, 'CREATE TABLE a (id int);', 'first');
const m2 = local(2n, 'CREATE TABLE b (id int);', 'second');
const m3 = local(3n, 'CREATE TABLE c (id int);', 'third');

/** The same version as `m`, with the file edited after it was applied. */
function edited(m: MigrationDefinition): MigrationDefinition {
  return { ...m, checksum: sha384(`-- edited\n${m.version}`) };
}

describe('migration history', () => {
  it('a fully applied history: everything applied, nothing pending, nothing refused', () => {
    const h = compareHistory([m1, m2], [applied(m1), applied(m2)]);
    expect(h.entries.map((e) => [e.version, e.status, e.note])).toEqual([
      [1n, 'applied', undefined],
      [2n, 'applied', undefined],
    ]);
    expect(h.entries[0]).toMatchObject({ description: 'first', local: m1, applied: { version: 1n } });
    expect(h.pending).toEqual([]);
    expect(h.refusals).toEqual([]);
  });

  it('new migrations newer than every applied one are pending, in version order, not out of order', () => {
    const h = compareHistory([m3, m1, m2], [applied(m1)]);
    expect(h.pending.map((m) => m.version)).toEqual([2n, 3n]);
    expect(h.entries.map((e) => [e.version, e.status, e.note])).toEqual([
      [1n, 'applied', undefined],
      [2n, 'pending', undefined],
      [3n, 'pending', undefined],
    ]);
    expect(h.entries[1]!.local).toBe(m2);
    expect(h.refusals).toEqual([]);
  });

  it('on an empty database every migration is pending and none is out of order', () => {
    const h = compareHistory([m2, m1], []);
    expect(h.pending).toEqual([m1, m2]);
    expect(h.entries.every((e) => e.status === 'pending' && e.note === undefined)).toBe(true);
    expect(h.refusals).toEqual([]);
  });

  it('versions sort as integers, also beyond 2^53 (not as strings or doubles)', () => {
    const big = local(9007199254740993n, 'SELECT 1;', 'big');
    const bigger = local(9007199254740994n, 'SELECT 2;', 'bigger');
    const ten = local(10n, 'SELECT 3;', 'ten');
    const h = compareHistory([bigger, ten, big, m2], []);
    expect(h.entries.map((e) => e.version)).toEqual([2n, 10n, 9007199254740993n, 9007199254740994n]);
  });

  it('orders a long history of versions given in any order (applied rows and files interleaved)', () => {
    // Long enough for the engine's sort to merge runs, where a comparator that is only
    // half right (never answering "greater") misorders.
    const versions = Array.from({ length: 300 }, (_, i) => BigInt(((i * 7919) % 300) + 1));
    const files = versions.filter((v) => v % 3n !== 0n).map((v) => local(v, `SELECT ${v};`));
    const rows = versions.filter((v) => v % 2n === 0n || v % 3n === 0n).map((v) => applied(local(v, `SELECT ${v};`)));
    const h = compareHistory(files, rows, { allowMissing: versions.filter((v) => v % 3n === 0n), allowOutOfOrder: true });
    expect(h.entries.map((e) => e.version)).toEqual(Array.from({ length: 300 }, (_, i) => BigInt(i + 1)));
    expect(h.pending.map((m) => m.version)).toEqual(h.entries.filter((e) => e.status === 'pending').map((e) => e.version));
    expect(h.refusals).toEqual([]);
  });

  describe('out of order', () => {
    // Applied rows come back in any order; the newest is the maximum, not the last row.
    const history = (policy?: HistoryPolicy) => compareHistory([m1, m2, m3], [applied(m3), applied(m1)], policy);

    it('a migration older than an applied one is refused, naming both, with the flag that allows it', () => {
      const h = history();
      expect(h.entries[1]).toMatchObject({ version: 2n, status: 'pending', note: 'out of order', local: m2 });
      expect(h.refusals).toEqual([
        {
          file: m2.file,
          position: { line: 1, column: 1 },
          message: 'migration 2 (second) was never applied, but the newer migration 3 was',
          hint: 'give it a version newer than every applied migration, or pass --allow-out-of-order to apply it anyway',
        },
      ]);
      expect(h.pending).toEqual([m2]);
    });

    it('is applied with allowOutOfOrder, still noted', () => {
      const h = history({ allowOutOfOrder: true });
      expect(h.refusals).toEqual([]);
      expect(h.pending).toEqual([m2]);
      expect(h.entries[1]!.note).toBe('out of order');
    });

    it('the newest applied version is the maximum whatever the row order', () => {
      const h = compareHistory([m1, m2, m3], [applied(m1), applied(m3)]);
      expect(h.refusals.map((r) => r.message)).toEqual(['migration 2 (second) was never applied, but the newer migration 3 was']);
    });
  });

  describe('missing files', () => {
    it('an applied migration without its file is refused, naming the folder and the setting', () => {
      const h = compareHistory([m1], [applied(m1), applied(m2)], { displayDir: 'db/migrations' });
      expect(h.entries[1]).toMatchObject({ version: 2n, description: 'second', status: 'missing', applied: { version: 2n } });
      expect(h.entries[1]!.note).toBeUndefined();
      expect(h.entries[1]!.local).toBeUndefined();
      expect(h.refusals).toEqual([
        {
          message: 'migration 2 (second) was applied to the database, but its file is missing from db/migrations',
          hint: 'restore the file, or list 2 in "allowMissing" in sqlsure.config.json if it was removed on purpose',
        },
      ]);
      expect(h.pending).toEqual([]);
    });

    it('says "the migrations folder" when no folder is given', () => {
      expect(compareHistory([], [applied(m2)]).refusals[0]!.message).toMatch(/missing from the migrations folder$/);
      expect(compareHistory([], [applied(m2)], { displayDir: '' }).refusals[0]!.message).toMatch(/missing from the migrations folder$/);
    });

    it('allowMissing accepts exactly the listed versions, written as number, string or bigint', () => {
      for (const listed of [2, '2', '0002', 2n]) {
        const h = compareHistory([m1], [applied(m1), applied(m2)], { allowMissing: [listed] });
        expect(h.refusals, `allowMissing: [${String(listed)}]`).toEqual([]);
        expect(h.entries[1]).toMatchObject({ status: 'missing', note: 'allowed by allowMissing' });
      }
      const other = compareHistory([m1], [applied(m1), applied(m2), applied(m3)], { allowMissing: [3] });
      expect(other.refusals.map((r) => r.message)).toEqual(['migration 2 (second) was applied to the database, but its file is missing from the migrations folder']);
      expect(other.entries[1]!.note).toBeUndefined();
    });
  });

  describe('dirty migrations', () => {
    it('a migration that failed part-way is refused whether or not its file exists, with the repair commands', () => {
      for (const files of [[m1, m2], [m1]]) {
        const h = compareHistory(files, [applied(m1), applied(m2, { success: false })], { allowMissing: [2] });
        expect(h.entries[1]).toMatchObject({ version: 2n, status: 'dirty', applied: { success: false } });
        expect(h.entries[1]!.local).toBe(files[1]);
        expect(h.refusals).toHaveLength(1);
        expect(h.refusals[0]!.message).toBe('migration 2 (second) is dirty: it failed part-way outside a transaction, so the database may hold some of its changes');
        expect(h.refusals[0]!.hint).toContain('sqlsure migrate repair 2 --mark-applied');
        expect(h.refusals[0]!.hint).toContain('--mark-pending');
        expect(h.refusals[0]!.file).toBe(files[1]?.file);
        expect(h.pending).toEqual([]);
      }
    });

    it('is refused even when its checksum was edited and an alternate would accept it', () => {
      const changed = edited(m2);
      const prefix = m2.checksum.toString('hex').slice(0, 12);
      const h = compareHistory([m1, changed], [applied(m1), applied(m2, { success: false })], { alternateChecksums: { '2': [prefix] } });
      expect(h.entries[1]!.status).toBe('dirty');
      expect(h.refusals).toHaveLength(1);
    });
  });

  describe('modified migrations and alternateChecksums', () => {
    const changed = edited(m2);
    const recorded = m2.checksum.toString('hex');
    const history = (policy?: HistoryPolicy) => compareHistory([m1, changed], [applied(m1), applied(m2)], policy);

    it('a file edited after it was applied is refused, showing both checksums and how to accept the old one', () => {
      const h = history();
      const now = changed.checksum.toString('hex').slice(0, 12);
      expect(h.entries[1]).toMatchObject({ version: 2n, status: 'modified', local: changed, applied: { version: 2n } });
      expect(h.entries[1]!.note).toBeUndefined();
      expect(h.refusals).toEqual([
        {
          file: changed.file,
          position: { line: 1, column: 1 },
          message: `migration 2 (second) was modified after it was applied (recorded checksum ${recorded.slice(0, 12)}…, the file now ${now}…)`,
          hint: `restore the file; if the edit is intentional and the database already matches it, run \`sqlsure migrate repair 2\`, or accept the old checksum with "alternateChecksums": { "2": ["${recorded.slice(0, 12)}"] }`,
        },
      ]);
      expect(h.pending).toEqual([]);
    });

    it('is accepted when a listed prefix starts the recorded checksum (any case, any form of the version)', () => {
      for (const [version, prefix] of [['2', recorded.slice(0, 6)], ['0002', recorded.slice(0, 12).toUpperCase()], ['2', recorded]] as const) {
        const h = history({ alternateChecksums: { [version]: ['abcdef0123', prefix] } });
        expect(h.refusals, `${version}: ${prefix}`).toEqual([]);
        expect(h.entries[1]).toMatchObject({ status: 'applied', note: 'accepted by alternateChecksums', local: changed });
      }
    });

    it('is refused when the prefix occurs in the recorded checksum but not at its start', () => {
      const middle = recorded.slice(20, 32);
      expect(recorded.startsWith(middle)).toBe(false);
      const h = history({ alternateChecksums: { '2': [middle] } });
      expect(h.entries[1]!.status).toBe('modified');
      expect(h.refusals).toHaveLength(1);
    });

    it('is refused when the prefix is the checksum of the file as it is now, not the recorded one', () => {
      const h = history({ alternateChecksums: { '2': [changed.checksum.toString('hex').slice(0, 12)] } });
      expect(h.entries[1]!.status).toBe('modified');
      expect(h.refusals).toHaveLength(1);
    });

    it('is refused when the accepted prefix is listed for another version', () => {
      const h = history({ alternateChecksums: { '1': [recorded.slice(0, 12)], '3': [recorded.slice(0, 12)] } });
      expect(h.entries[1]!.status).toBe('modified');
      expect(h.refusals).toHaveLength(1);
    });
  });
});

describe('migration checksums', () => {
  it('are SHA-384 of the bytes (sqlx compatible)', () => {
    // FIPS 180-2 test vector for SHA-384("abc").
    const abc = 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7';
    expect(migrationChecksum(Buffer.from('abc'), 'sqlx').toString('hex')).toBe(abc);
    expect(migrationChecksum(Buffer.from('abc'), 'normalized').toString('hex')).toBe(abc);
  });

  it('normalized mode ignores a BOM and CRLF/CR line endings; sqlx mode hashes the raw bytes', () => {
    const lf = Buffer.from('CREATE TABLE a (id int);\nSELECT 1;\n');
    for (const variant of ['\uFEFFCREATE TABLE a (id int);\nSELECT 1;\n', 'CREATE TABLE a (id int);\r\nSELECT 1;\r\n', 'CREATE TABLE a (id int);\rSELECT 1;\r']) {
      const raw = Buffer.from(variant);
      expect(migrationChecksum(raw, 'normalized').equals(migrationChecksum(lf, 'normalized')), JSON.stringify(variant)).toBe(true);
      expect(migrationChecksum(raw, 'sqlx').equals(migrationChecksum(lf, 'sqlx')), JSON.stringify(variant)).toBe(false);
    }
  });

  it('normalising keeps a BOM that is not at the start and every other character', () => {
    expect(normaliseMigrationText('\uFEFF\uFEFFa\r\n\r\nb\rc')).toBe('\uFEFFa\n\nb\nc');
    expect(normaliseMigrationText('SELECT 1')).toBe('SELECT 1');
    expect(normaliseMigrationText('a\uFEFFb')).toBe('a\uFEFFb');
    expect(migrationChecksum(Buffer.from('a\uFEFFb'), 'normalized').equals(migrationChecksum(Buffer.from('ab'), 'normalized'))).toBe(false);
    expect(migrationChecksum(Buffer.from('SELECT 1;'), 'normalized').equals(migrationChecksum(Buffer.from('SELECT 2;'), 'normalized'))).toBe(false);
  });
});
