/**
 * The name of an unaliased result column (src/infer/engine/column-names.ts), which the engine needs
 * to resolve a derived table's or CTE's columns by name. Each expected name is what PostgreSQL 15
 * called that column (its FigureColname), read from a live server when this test was written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AstNode } from '../../src/infer/ast.js';
import { figureColumnName } from '../../src/infer/engine/column-names.js';
import { loadSqlParser, parseSql } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

function named(expression: string): string {
  const parsed = parseSql(`SELECT ${expression} FROM t`);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const target = (parsed.result.stmts![0]!.stmt as AstNode).SelectStmt.targetList[0].ResTarget;
  return figureColumnName(target.val as AstNode);
}

// [expression, the column name PostgreSQL 15 gives it]
const NAMES: Array<[string, string]> = [
  ['id', 'id'],
  ['t.id', 'id'],
  ['lower(c)', 'lower'],
  ['pg_catalog.upper(c)', 'upper'],
  ['id::text', 'id'],
  ['1::int8', 'int8'],
  ["'x'::text", 'text'],
  ["'a'::text::varchar", 'varchar'],
  ['id::text::varchar', 'id'],
  ['NULL::int4range', 'int4range'],
  ['c COLLATE "C"', 'c'],
  ['arr[1]', 'arr'],
  ['(t).id', 'id'],
  ['(t).arr[1]', 'arr'],
  ["j -> 'a'", '?column?'],
  ['1 + 1', '?column?'],
  ['CASE WHEN true THEN 1 ELSE 2 END', 'case'],
  ['coalesce(id, 1)', 'coalesce'],
  ['greatest(1, 2)', 'greatest'],
  ['least(1, 2)', 'least'],
  ['ARRAY[1]', 'array'],
  ['ROW(1, 2)', 'row'],
  ['nullif(1, 2)', 'nullif'],
  ['grouping(id)', 'grouping'],
  ['EXISTS (SELECT 1)', 'exists'],
  ['ARRAY(SELECT 1)', 'array'],
  ['(SELECT 1 AS one)', 'one'],
  ['(SELECT id FROM t)', 'id'],
  ['(SELECT 1)', '?column?'],
  ['id IN (SELECT 1)', '?column?'],
  ['1 IN (SELECT id FROM t)', '?column?'],
  ['1 = ALL (SELECT id FROM t)', '?column?'],
  ['current_user', 'current_user'],
  ['session_user', 'session_user'],
  ['current_timestamp', 'current_timestamp'],
  ['current_date', 'current_date'],
  ['localtime', 'localtime'],
  ['current_time(1)', 'current_time'],
  ['1', '?column?'],
];

describe('unaliased result columns are named as PostgreSQL names them', () => {
  it.each(NAMES)('%s → %s', (expression, name) => {
    expect(named(expression)).toBe(name);
  });
});
