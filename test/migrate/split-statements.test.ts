/** Splitting migration scripts with PostgreSQL's parser, and what the runner refuses before running. */
import { beforeAll, describe, expect, it } from 'vitest';
import { findExtensions } from '../../src/migrate/find-extensions.js';
import { planScript } from '../../src/migrate/script-statements.js';
import { splitStatements, statementKind } from '../../src/migrate/split-statements.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

function split(sql: string) {
  const out = splitStatements(sql);
  if (!out.ok) throw new Error(out.message);
  return out.statements;
}

describe('splitStatements', () => {
  it('keeps $$ and $fn$ function bodies whole, semicolons and all', () => {
    const sql = `CREATE FUNCTION a() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1; RETURN 2;
END;
$$;
CREATE FUNCTION b() RETURNS text LANGUAGE plpgsql AS $fn$
BEGIN RETURN 'x;y $$ not the end'; END;
$fn$;
SELECT a();`;
    const s = split(sql);
    expect(s.map(statementKind)).toEqual(['CreateFunctionStmt', 'CreateFunctionStmt', 'SelectStmt']);
    expect(s[0]!.text).toMatch(/^CREATE FUNCTION a\(\)[\s\S]*END;\n\$\$$/);
    expect(s[1]!.text).toContain("'x;y $$ not the end'");
    expect(s[2]!.text).toBe('SELECT a()');
    // Each text is exactly the slice of the script at its start offset.
    for (const st of s) expect(sql.slice(st.start, st.start + st.text.length)).toBe(st.text);
  });

  it('splits CREATE TRIGGER, DO blocks and BEGIN ATOMIC bodies correctly', () => {
    const sql = `CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION touch();
DO $$ BEGIN IF true THEN RAISE NOTICE 'a;b'; END IF; END $$;
DO LANGUAGE plpgsql 'BEGIN PERFORM 1; END';
CREATE FUNCTION c(n int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT n + 1;
END;
CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO x VALUES (1); INSERT INTO x VALUES (2); END;
SELECT 1`;
    const s = split(sql);
    expect(s.map(statementKind)).toEqual(['CreateTrigStmt', 'DoStmt', 'DoStmt', 'CreateFunctionStmt', 'CreateFunctionStmt', 'SelectStmt']);
    expect(s[3]!.text).toMatch(/BEGIN ATOMIC\n {2}SELECT n \+ 1;\nEND$/);
    expect(s[4]!.text).toMatch(/INSERT INTO x VALUES \(2\); END$/);
  });

  it('ignores comments, including ones with semicolons, and empty statements', () => {
    const sql = `-- one; two
/* three; /* nested; */ four; */
CREATE TABLE a (id int); -- trailing; comment
;;
-- only a comment at the end;
`;
    const s = split(sql);
    expect(s).toHaveLength(1);
    expect(s[0]!.text).toBe('CREATE TABLE a (id int)');
    expect(sql.slice(s[0]!.start)).toMatch(/^CREATE TABLE a/);
  });

  it('returns UTF-16 offsets when non-ASCII text comes before a statement', () => {
    const sql = `-- Ünïcödé 😀 comment\nINSERT INTO t VALUES ('naïve; café');\nSELECT '日本語';\nSELECT 2;`;
    const s = split(sql);
    expect(s.map((x) => x.text)).toEqual(["INSERT INTO t VALUES ('naïve; café')", "SELECT '日本語'", 'SELECT 2']);
    for (const st of s) expect(sql.slice(st.start, st.start + st.text.length)).toBe(st.text);
  });

  it('reports a syntax error with its offset', () => {
    const sql = 'SELECT 1;\nSELEC 2;';
    const out = splitStatements(sql);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.message).toMatch(/syntax error at or near "SELEC"/);
      expect(out.offset).toBe(sql.indexOf('SELEC 2'));
    }
  });
});

describe('planScript', () => {
  it('locates syntax errors as file:line:col with SQLSTATE 42601', () => {
    const plan = planScript({ file: 'migrations/1_x.sql', sql: '-- é\nCREATE TABLE a (id int);\nCREATE TABLE b (id int,);\n', noTransaction: false });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.problem).toMatchObject({ file: 'migrations/1_x.sql', position: { line: 3, column: 24 }, code: '42601' });
  });

  it('refuses transaction control inside a transactional migration, allows it with -- no-transaction', () => {
    const sql = 'CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);\n';
    const plan = planScript({ file: 'm/1_x.sql', sql, noTransaction: false });
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.problem.position).toEqual({ line: 2, column: 1 });
      expect(plan.problem.message).toBe('COMMIT in a migration that runs inside a transaction');
      expect(plan.problem.hint).toContain('-- no-transaction');
    }
    expect(planScript({ file: 'm/1_x.sql', sql: `-- no-transaction\n${sql}`, noTransaction: true }).ok).toBe(true);
    expect(planScript({ file: 'm/1_x.sql', sql: 'SAVEPOINT s; SELECT 1; RELEASE SAVEPOINT s;', noTransaction: false }).ok).toBe(true);
  });
});

describe('findExtensions', () => {
  it('lists every CREATE EXTENSION once, in order, from the parse tree', async () => {
    const names = await findExtensions([
      { upSql: `CREATE EXTENSION IF NOT EXISTS citext;\n-- CREATE EXTENSION commented_out;\nSELECT 'CREATE EXTENSION in_a_string';` },
      { upSql: `CREATE EXTENSION "uuid-ossp" SCHEMA public; CREATE EXTENSION IF NOT EXISTS citext; CREATE EXTENSION pg_trgm;` },
      { upSql: 'this does not parse' },
    ]);
    expect(names).toEqual(['citext', 'uuid-ossp', 'pg_trgm']);
  });
});
