/**
 * Which columns a WHERE / ON condition proves non-null when it is true (src/infer/engine/narrowing.ts),
 * on ASTs from PostgreSQL's own parser. Each expectation follows from SQL's three-valued logic: a
 * row passes only when the condition is TRUE, and a strict operator with a NULL operand yields NULL.
 * Proving too much is an unsafe verdict; the soundness cases matter most.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AstNode } from '../../src/infer/ast.js';
import { nullRejectedColumns } from '../../src/infer/engine/narrowing.js';
import { loadSqlParser, parseSql } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

/** The column names (qualified as written) that `condition` proves non-null. */
function proven(condition: string, strict: (op: string) => boolean = () => true): string[] {
  const parsed = parseSql(`SELECT 1 FROM t WHERE ${condition}`);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const where = (parsed.result.stmts![0]!.stmt as AstNode).SelectStmt.whereClause as AstNode;
  return nullRejectedColumns(where, strict).map((ref) => (ref.fields as AstNode[]).map((f) => f.String?.sval ?? '*').join('.'));
}

describe('null-rejected columns of a condition', () => {
  it('both operands of a strict comparison or pattern match', () => {
    expect(proven('a = 1')).toEqual(['a']);
    expect(proven('1 < a')).toEqual(['a']);
    expect(proven('t.a <> b')).toEqual(['t.a', 'b']);
    for (const op of ['!=', '<=', '>=', '>', '~', '~*', '!~', '!~*', '@>', '<@', '&&']) expect(proven(`a ${op} b`), op).toEqual(['a', 'b']);
    expect(proven("a LIKE b")).toEqual(['a', 'b']);
    expect(proven("a NOT ILIKE 'x%'")).toEqual(['a']);
    // The pattern goes through similar_to_escape(): only the left side is a bare column.
    expect(proven("a SIMILAR TO b")).toEqual(['a']);
    expect(proven('a::bigint = b::text::int')).toEqual(['a', 'b']);
  });

  it('every conjunct of an AND, however nested', () => {
    expect(proven('a = 1 AND (b > 2 AND (c < 3 AND d IS NOT NULL))')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('nothing from an OR, or from a conjunct inside one', () => {
    expect(proven('a = 1 OR b = 2')).toEqual([]);
    expect(proven('(a = 1 AND b = 2) OR c = 3')).toEqual([]);
    expect(proven('a = 1 AND (b = 2 OR c = 3)')).toEqual(['a']);
  });

  it('IS NOT NULL, NOT (… IS NULL), IS TRUE, IS FALSE, a boolean column and NOT column', () => {
    expect(proven('a IS NOT NULL')).toEqual(['a']);
    expect(proven('NOT (a IS NULL)')).toEqual(['a']);
    expect(proven('flag IS TRUE')).toEqual(['flag']);
    expect(proven('flag IS FALSE')).toEqual(['flag']);
    expect(proven('flag')).toEqual(['flag']);
    expect(proven('NOT flag')).toEqual(['flag']);
    expect(proven('flag AND other')).toEqual(['flag', 'other']);
  });

  it('nothing from tests that are true for NULL: IS NULL, IS NOT FALSE, IS NOT TRUE, IS UNKNOWN, IS [NOT] DISTINCT FROM', () => {
    for (const c of ['a IS NULL', 'flag IS NOT FALSE', 'flag IS NOT TRUE', 'flag IS UNKNOWN', 'flag IS NOT UNKNOWN AND false IS NULL', 'a IS DISTINCT FROM 1', 'a IS NOT DISTINCT FROM b', 'NOT (a IS NOT NULL)']) {
      expect(proven(c), c).toEqual([]);
    }
  });

  it('IN, NOT IN and op ANY prove the left operand; op ALL proves nothing (true on an empty array)', () => {
    expect(proven('a IN (1, 2)')).toEqual(['a']);
    expect(proven('a NOT IN (1, b)')).toEqual(['a']);
    expect(proven("a = ANY ('{1,2}'::int[])")).toEqual(['a']);
    expect(proven('a < ANY (b)')).toEqual(['a']);
    expect(proven("a = ALL ('{}'::int[])")).toEqual([]);
  });

  it('BETWEEN (also SYMMETRIC) proves the value and both bounds; NOT BETWEEN never a bound', () => {
    expect(proven('a BETWEEN b AND c')).toEqual(['a', 'b', 'c']);
    expect(proven('a BETWEEN SYMMETRIC 1 AND c')).toEqual(['a', 'c']);
    // a < b OR a > 3: true with a NULL b whenever a > 3.
    expect(proven('a NOT BETWEEN b AND 3')).not.toContain('b');
  });

  it('nothing through an operator that is not built in and strict', () => {
    const onlyLess = (op: string) => op === '<';
    expect(proven('a = 1', onlyLess)).toEqual([]);
    expect(proven('a < 1', onlyLess)).toEqual(['a']);
    expect(proven('a LIKE b', () => false)).toEqual([]);
    expect(proven('a IN (1, 2)', () => false)).toEqual([]);
    expect(proven('a BETWEEN b AND c', (op) => op === '>=')).toEqual([]);
    expect(proven('a BETWEEN b AND c', (op) => op === '<=')).toEqual([]);
    expect(proven('a BETWEEN b AND c', (op) => op === '>=' || op === '<=')).toEqual(['a', 'b', 'c']);
  });

  it('nothing from operators that may be true with a NULL operand, or operands that are not columns', () => {
    expect(proven('a || b = c')).toEqual(['c']);
    expect(proven('coalesce(a, 0) = 1')).toEqual([]);
    expect(proven('(SELECT a) = 1')).toEqual([]);
    expect(proven('a + 1 = 2')).toEqual([]);
    expect(proven('a = 1', (op) => op !== '=')).toEqual([]);
    expect(proven("a ->> 'k' = 'v'")).toEqual([]);
  });
});
