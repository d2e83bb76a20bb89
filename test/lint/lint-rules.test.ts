/**
 * Golden cases for every `migrate lint` rule: migration texts in order, the findings expected
 * (rule, file:line:col of the statement's first token). Positive and negative per rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CacheEntry } from '../../src/cache/cache-entry.js';
import { lintMigrations, type LintedMigration, type LintOptions } from '../../src/lint/lint-migrations.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

const BASE = `CREATE TABLE users (id bigint PRIMARY KEY, email text, name varchar(20));
CREATE TABLE orgs (id bigint PRIMARY KEY);
`;

/** `files`: later migrations after the base one; only those are reported. */
function lint(files: Array<string | [string, string]>, options: LintOptions = {}) {
  const migrations: LintedMigration[] = [{ file: 'm/0001_base.sql', sql: BASE, noTransaction: false, breaking: false }];
  files.forEach((f, i) => {
    const sql = typeof f === 'string' ? f : f[1];
    migrations.push({
      file: typeof f === 'string' ? `m/000${i + 2}.sql` : f[0],
      sql,
      noTransaction: sql.split('\n')[0]!.trim() === '-- no-transaction',
      breaking: /^-- sqlsure: breaking$/m.test(sql),
    });
  });
  const selected = new Set(migrations.slice(1).map((m) => m.file));
  return lintMigrations(migrations, { selected, ...options });
}

/** `rule @ file:line:col`, the golden form. */
const brief = (r: ReturnType<typeof lint>) => r.findings.map((f) => `${f.rule} @ ${f.file}:${f.position.line}:${f.position.column}`);

function entry(name: string, statement: string, origins: Array<[string, string]> = []): CacheEntry {
  return {
    version: 1,
    hash: name,
    name,
    source: `queries/q.sql:${name.length}`,
    sql: statement,
    statement,
    cardinality: 'many',
    params: [],
    columns: origins.map(([table, column]) => ({ name: column, pgType: 'text', nullable: true, nullableBecause: 'x', origin: { table, column } })),
  };
}

describe('require-concurrent-index', () => {
  it('flags CREATE INDEX on a table an earlier migration created, at the statement', () => {
    const r = lint(['-- add an index\n\n  CREATE INDEX users_email ON users (email);\n']);
    expect(brief(r)).toEqual(['require-concurrent-index @ m/0002.sql:3:3']);
    expect(r.findings[0]!.message).toContain('users');
    expect(r.findings[0]!.hint).toContain('CONCURRENTLY');
    expect(r.findings[0]!.hint).toContain('-- no-transaction');
  });
  it('is quiet for a table created in the same migration, and for CONCURRENTLY in a no-transaction file', () => {
    expect(brief(lint(['CREATE TABLE t (a int);\nCREATE INDEX ON t (a);\n']))).toEqual([]);
    expect(brief(lint(['-- no-transaction\nCREATE INDEX CONCURRENTLY ON users (email);\n']))).toEqual([]);
  });
  it('knows a table renamed earlier under its new name, and a table dropped and recreated as new', () => {
    expect(brief(lint(['ALTER TABLE users RENAME TO people;', 'CREATE INDEX ON people (email);']))).toEqual(['require-concurrent-index @ m/0003.sql:1:1']);
    expect(brief(lint(['DROP TABLE orgs;\nCREATE TABLE orgs (id int);\nCREATE INDEX ON orgs (id);']))).toEqual([]);
  });
  it('flags ADD PRIMARY KEY / UNIQUE building an index on an existing table, not USING INDEX', () => {
    const r = lint(['ALTER TABLE users ADD UNIQUE (email);\nALTER TABLE orgs ADD CONSTRAINT orgs_uq UNIQUE USING INDEX orgs_idx;\nCREATE TABLE t (a int);\nALTER TABLE t ADD PRIMARY KEY (a);']);
    expect(brief(r)).toEqual(['require-concurrent-index @ m/0002.sql:1:1']);
    expect(r.findings[0]!.hint).toContain('USING INDEX');
  });
  it('a non-concurrent CREATE INDEX inside a -- no-transaction file is fine when the table is new', () => {
    expect(brief(lint(['-- no-transaction\nCREATE TABLE t (a int);\nCREATE INDEX ON t (a);\n']))).toEqual([]);
  });
});

describe('concurrent-index-in-transaction', () => {
  it('flags CONCURRENTLY in a transactional migration (create, drop, reindex)', () => {
    const r = lint(['SELECT 1;\nCREATE INDEX CONCURRENTLY i ON users (email);\nDROP INDEX CONCURRENTLY i;\n  REINDEX (CONCURRENTLY) INDEX i;']);
    expect(brief(r)).toEqual([
      'concurrent-index-in-transaction @ m/0002.sql:2:1',
      'concurrent-index-in-transaction @ m/0002.sql:3:1',
      'concurrent-index-in-transaction @ m/0002.sql:4:3',
    ]);
    expect(r.findings[0]!.hint).toContain('-- no-transaction');
  });
  it('is quiet with -- no-transaction', () => {
    expect(brief(lint(['-- no-transaction\nCREATE INDEX CONCURRENTLY i ON users (email);\nDROP INDEX CONCURRENTLY i;']))).toEqual([]);
  });
});

describe('require-default-for-not-null-column', () => {
  it('flags ADD COLUMN … NOT NULL without a default on an existing table', () => {
    expect(brief(lint(['ALTER TABLE users ADD COLUMN age int NOT NULL;']))).toEqual(['require-default-for-not-null-column @ m/0002.sql:1:1']);
  });
  it('is quiet with a default, an identity, nullable, or on a new table', () => {
    expect(
      brief(
        lint([
          'ALTER TABLE users ADD COLUMN a int NOT NULL DEFAULT 0;\nALTER TABLE users ADD COLUMN b bigint GENERATED ALWAYS AS IDENTITY NOT NULL;\nALTER TABLE users ADD COLUMN c int;\nCREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN d int NOT NULL;',
        ]),
      ),
    ).toEqual([]);
  });
});

describe('require-not-valid-constraint', () => {
  it('flags a FOREIGN KEY and a CHECK added as valid to an existing table', () => {
    const r = lint(['ALTER TABLE users ADD COLUMN org_id bigint;\nALTER TABLE users ADD CONSTRAINT fk FOREIGN KEY (org_id) REFERENCES orgs;\n\nALTER TABLE users ADD CHECK (id > 0);']);
    expect(brief(r)).toEqual(['require-not-valid-constraint @ m/0002.sql:2:1', 'require-not-valid-constraint @ m/0002.sql:4:1']);
    expect(r.findings[0]!.message).toContain('FOREIGN KEY');
    expect(r.findings[0]!.hint).toContain('VALIDATE CONSTRAINT fk');
  });
  it('is quiet with NOT VALID, for VALIDATE CONSTRAINT, and on a new table', () => {
    expect(
      brief(lint(['ALTER TABLE users ADD CONSTRAINT c CHECK (id > 0) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT c;\nCREATE TABLE t (a int);\nALTER TABLE t ADD CHECK (a > 0);'])),
    ).toEqual([]);
  });
});

describe('changing-column-type', () => {
  it('flags ALTER COLUMN … TYPE on an existing column', () => {
    expect(brief(lint(['ALTER TABLE users ALTER COLUMN id TYPE numeric;']))).toEqual(['changing-column-type @ m/0002.sql:1:1']);
  });
  it('is quiet for a column added in the same migration and a new table', () => {
    expect(brief(lint(['ALTER TABLE users ADD COLUMN x int;\nALTER TABLE users ALTER x TYPE bigint;\nCREATE TABLE t (a int);\nALTER TABLE t ALTER a TYPE text;']))).toEqual([]);
  });
});

describe('set-not-null', () => {
  it('flags SET NOT NULL on an existing column', () => {
    expect(brief(lint(['\n\nALTER TABLE users ALTER COLUMN email SET NOT NULL;']))).toEqual(['set-not-null @ m/0002.sql:3:1']);
  });
  it('is quiet once a validated CHECK (col IS NOT NULL) proves it (PostgreSQL then skips the scan), not while it is NOT VALID', () => {
    const safe = [
      'ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;',
      'ALTER TABLE users VALIDATE CONSTRAINT email_nn;',
      'ALTER TABLE users ALTER email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT email_nn;',
    ];
    expect(brief(lint(safe))).toEqual([]);
    expect(brief(lint(['ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER email SET NOT NULL;']))).toEqual([
      'set-not-null @ m/0002.sql:2:1',
    ]);
    expect(brief(lint(['ALTER TABLE users ADD CONSTRAINT n CHECK (name IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT n;', 'ALTER TABLE users ALTER email SET NOT NULL;']))).toEqual([
      'set-not-null @ m/0003.sql:1:1',
    ]);
  });
  it('is quiet on a new table and on a column added in this migration', () => {
    expect(brief(lint(['CREATE TABLE t (a int);\nALTER TABLE t ALTER a SET NOT NULL;\nALTER TABLE users ADD COLUMN y int DEFAULT 1;\nALTER TABLE users ALTER y SET NOT NULL;']))).toEqual([]);
  });
});

describe('drop-in-use and rename-in-use', () => {
  const entries = [
    entry('GetUser', 'SELECT u.email FROM users u WHERE u.id = $1'),
    entry('ListNames', 'SELECT name FROM users'),
    entry('CountOrgs', 'SELECT count(*) FROM orgs'),
    entry('SetEmail', 'UPDATE users SET email = $1 WHERE id = $2'),
    entry('Everything', 'WITH x AS (SELECT 1) SELECT * FROM orgs, x'),
    entry('ByOrigin', 'SELECT * FROM some_view', [['users', 'name']]),
  ];
  it('names the queries that use a dropped column or table', () => {
    const r = lint(['ALTER TABLE users DROP COLUMN email;\nDROP TABLE orgs;'], { entries });
    expect(brief(r)).toEqual(['drop-in-use @ m/0002.sql:1:1', 'drop-in-use @ m/0002.sql:2:1']);
    expect(r.findings[0]!.message).toContain('GetUser (queries/q.sql:7)');
    expect(r.findings[0]!.message).toContain('SetEmail');
    expect(r.findings[0]!.message).not.toContain('ListNames');
    expect(r.findings[1]!.message).toMatch(/CountOrgs.*Everything/);
  });
  it('names the queries that use a renamed column (via origin too) or table', () => {
    const r = lint(['ALTER TABLE users RENAME COLUMN name TO full_name;\nALTER TABLE orgs RENAME TO organisations;'], { entries });
    expect(brief(r)).toEqual(['rename-in-use @ m/0002.sql:1:1', 'rename-in-use @ m/0002.sql:2:1']);
    expect(r.findings[0]!.message).toContain('ListNames');
    expect(r.findings[0]!.message).toContain('ByOrigin');
    expect(r.findings[0]!.message).not.toContain('GetUser');
  });
  it('is quiet when no query uses it, when the table is new, or when the migration is marked breaking', () => {
    expect(brief(lint(['ALTER TABLE users ADD COLUMN z int;\nALTER TABLE users DROP COLUMN z;\nCREATE TABLE t (a int);\nDROP TABLE t;'], { entries }))).toEqual([]);
    expect(brief(lint(['ALTER TABLE users DROP COLUMN email;'], { entries: [entries[1]!] }))).toEqual([]);
    expect(brief(lint(['-- sqlsure: breaking\nALTER TABLE users DROP COLUMN email;'], { entries }))).toEqual([]);
  });
});

describe('ignore comments', () => {
  it('silence the named rule for the statement right below, with a reason', () => {
    const r = lint(['-- sqlsure-lint-ignore require-concurrent-index: table is tiny\nCREATE INDEX ON users (email);\nCREATE INDEX ON orgs (id);']);
    expect(brief(r)).toEqual(['require-concurrent-index @ m/0002.sql:3:1']);
    expect(r.ignored).toBe(1);
  });
  it('without a reason they are a finding themselves and silence nothing', () => {
    const r = lint(['SELECT 1;\n  -- sqlsure-lint-ignore require-concurrent-index\nCREATE INDEX ON users (email);']);
    expect(brief(r)).toEqual(['invalid-lint-ignore @ m/0002.sql:2:3', 'require-concurrent-index @ m/0002.sql:3:1']);
    expect(r.findings[0]!.message).toContain('no reason');
  });
  it('naming an unknown rule is a finding; a blank line separates a comment from the statement', () => {
    expect(brief(lint(['-- sqlsure-lint-ignore require-concurent-index: typo\nCREATE INDEX ON users (email);']))).toEqual([
      'invalid-lint-ignore @ m/0002.sql:1:1',
      'require-concurrent-index @ m/0002.sql:2:1',
    ]);
    expect(brief(lint(['-- sqlsure-lint-ignore require-concurrent-index: far away\n\nCREATE INDEX ON users (email);']))).toEqual(['require-concurrent-index @ m/0002.sql:3:1']);
  });
});

describe('severity settings and selection', () => {
  it('"warn" lowers a rule, "off" silences it', () => {
    const sql = ['CREATE INDEX ON users (email);\nALTER TABLE users ALTER email SET NOT NULL;'];
    const r = lint(sql, { rules: { 'require-concurrent-index': 'warn', 'set-not-null': 'off' } });
    expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([['require-concurrent-index', 'warn']]);
  });
  it('reports only the selected migrations but learns the schema from all of them', () => {
    const migrations: LintedMigration[] = [
      { file: 'a.sql', sql: 'CREATE TABLE t (a int);\nCREATE INDEX ON t (a);', noTransaction: false, breaking: false },
      { file: 'b.sql', sql: 'CREATE INDEX ON t (a);', noTransaction: false, breaking: false },
    ];
    expect(lintMigrations(migrations, { selected: new Set(['b.sql']) }).findings.map((f) => f.file)).toEqual(['b.sql']);
    expect(lintMigrations(migrations).findings.map((f) => f.file)).toEqual(['b.sql']);
    expect(lintMigrations(migrations, { selected: new Set() }).findings).toEqual([]);
  });
  it('positions count UTF-16 columns after non-ASCII text', () => {
    expect(brief(lint(['-- é€😀\nSELECT \'ü\'; CREATE INDEX ON users (email);']))).toEqual(['require-concurrent-index @ m/0002.sql:2:13']);
  });
});
