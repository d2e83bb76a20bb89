import { describe, expect, it } from 'vitest';
import { readDirectives } from '../../src/migrate/migration-directives.js';

describe('migration directives', () => {
  const read = (sql: string) => readDirectives(sql, 'migrations/1_x.sql');

  it('reads -- no-transaction on the first line only, and -- sqlsure: breaking among the leading comments', () => {
    expect(read('-- no-transaction\n-- sqlsure: breaking\nCREATE INDEX CONCURRENTLY i ON t (c);').directives).toEqual({ noTransaction: true, breaking: true });
    expect(read('-- drop the old column\n\n--sqlsure:breaking\nALTER TABLE t DROP COLUMN c;').directives).toEqual({ noTransaction: false, breaking: true });
    expect(read('-- sqlsure: breaking\n-- no-transaction\nSELECT 1;').directives).toEqual({ noTransaction: false, breaking: true });
  });

  it('ignores directives once the SQL has started', () => {
    expect(read('CREATE TABLE t ();\n-- sqlsure: breaking\n').directives.breaking).toBe(false);
    expect(read('/* block */\n-- sqlsure: breaking\n').directives.breaking).toBe(false);
    expect(read('SELECT 1; -- sqlsure: breaking').directives.breaking).toBe(false);
  });

  it('reports an unknown sqlsure directive where it is', () => {
    const r = read('-- header\n   -- sqlsure: braking\nSELECT 1;');
    expect(r.directives.breaking).toBe(false);
    expect(r.problems).toEqual([
      {
        file: 'migrations/1_x.sql',
        position: { line: 2, column: 4 },
        message: 'unknown sqlsure directive "braking"',
        hint: "the only directive is `-- sqlsure: breaking` (and sqlx's `-- no-transaction` on the first line)",
      },
    ]);
  });
});
