/** What a migration's statements touch (real parser ASTs), and which new migration is blamed for a break. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Migration } from '../../src/migrate/migration.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';
import { migrationTouches } from '../../src/verify/migration-touches.js';
import { responsibleMigration } from '../../src/verify/responsible-migration.js';

beforeAll(() => loadSqlParser());

const migration = (file: string, upSql: string, breaking = false) =>
  ({ version: 1n, description: file, file, checksum: Buffer.alloc(0), noTransaction: false, breaking, kind: 'simple', upSql }) as Migration;
const candidate = (file: string, sql: string, breaking = false) => ({ migration: migration(file, sql, breaking), touches: migrationTouches(sql) });
const set = <T>(...xs: T[]) => new Set(xs);

describe('migrationTouches', () => {
  it('reads targets, columns, types and lines from the parse tree', () => {
    const sql = `-- sqlsure: breaking
CREATE INDEX ON sessions (user_id);

/* the old name */ ALTER TABLE public.users DROP COLUMN display_name, ALTER COLUMN status TYPE text;
ALTER TABLE users RENAME COLUMN email TO login;
DROP TABLE devices, audit.events CASCADE;
ALTER TYPE user_status RENAME VALUE 'deleted' TO 'gone';
DROP DOMAIN email_address;
CREATE OR REPLACE VIEW active_sessions AS SELECT 1 AS one;
`;
    const t = migrationTouches(sql);
    expect(t.map((x) => x.line)).toEqual([2, 4, 5, 6, 7, 8, 9]);
    expect(t[0]).toMatchObject({ summary: 'CREATE INDEX ON sessions (user_id)', relations: set('sessions'), targets: set(), columns: set() });
    expect(t[1]).toMatchObject({ targets: set('users'), columns: set('users.display_name', 'users.status'), cascades: false });
    expect(t[1]!.summary).toBe('ALTER TABLE public.users DROP COLUMN display_name, ALTER COLUMN status TYPE text');
    expect(t[2]).toMatchObject({ targets: set('users'), columns: set('users.email') });
    expect(t[3]).toMatchObject({ targets: set('devices', 'events'), cascades: true });
    expect(t[4]).toMatchObject({ types: set('user_status') });
    expect(t[5]).toMatchObject({ types: set('email_address') });
    expect(t[6]).toMatchObject({ targets: set('active_sessions') });
  });

  it('an unparsable migration touches nothing', () => {
    expect(migrationTouches('ALTER TABLE ;')).toEqual([]);
  });
});

describe('responsibleMigration', () => {
  const involved = { relations: set('users'), columns: set('users.display_name'), types: set('text') };

  it('prefers the column over the table, and the newest among equals', () => {
    const older = candidate('m/10_a.sql', 'ALTER TABLE users DROP COLUMN display_name;');
    const table = candidate('m/11_b.sql', 'ALTER TABLE users ADD COLUMN nickname text;');
    const newer = candidate('m/12_c.sql', 'ALTER TABLE users ALTER COLUMN display_name TYPE varchar(9);');
    expect(responsibleMigration([older, table, newer], involved)?.migration.file).toBe('m/12_c.sql');
    expect(responsibleMigration([older, table], involved)?.migration.file).toBe('m/10_a.sql');
    expect(responsibleMigration([table], involved)?.touch.summary).toBe('ALTER TABLE users ADD COLUMN nickname text');
  });

  it('a migration touching nothing the query uses is not blamed', () => {
    expect(responsibleMigration([candidate('m/13.sql', 'CREATE TABLE unrelated (id int);')], involved)).toBeUndefined();
  });
});
