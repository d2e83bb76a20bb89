/**
 * Every name on the allow-lists of src/infer/engine/function-rules.ts is called in the golden case
 * test/cases/function-allow-lists, where PostgreSQL shows the call returns a value (cases.test.ts,
 * on a real server) and the engine must say non-null (replay.test.ts, offline). So a name added to
 * a list without a call there fails here, and a name dropped from a list fails the replay.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringValue, type AstNode } from '../../src/infer/ast.js';
import * as rules from '../../src/infer/engine/function-rules.js';
import { loadSqlParser, parseSql } from '../../src/source/sql-scanner.js';

const CASE_QUERIES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cases/function-allow-lists/queries.sql');

const called = { functions: new Set<string>(), operators: new Set<string>() };

beforeAll(async () => {
  await loadSqlParser();
  const parsed = parseSql(readFileSync(CASE_QUERIES, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  walk(parsed.result);
});

function lastName(names: unknown): string | undefined {
  return Array.isArray(names) ? stringValue(names[names.length - 1] as AstNode) : undefined;
}

function walk(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(walk);
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, AstNode>;
  const fn = lastName(record.FuncCall?.funcname);
  if (fn) called.functions.add(fn);
  // Operators written as symbols only: LIKE, ILIKE and BETWEEN are other expression kinds.
  if (record.A_Expr?.kind === 'AEXPR_OP') {
    const op = lastName(record.A_Expr.name);
    if (op) called.operators.add(op);
  }
  Object.values(record).forEach(walk);
}

const FUNCTION_LISTS = [
  'VALUE_FOR_VALUES', 'RANGE_AMBIGUOUS', 'ALWAYS_VALUE_NO_ARGS', 'NON_STRICT_NEVER_NULL', 'NULL_IFF_FIRST_ARG',
  'RANKING_WINDOW', 'VALUE_OF_FRAME_ROW', 'SERIES_OF_VALUES', 'NON_NULL_OVER_NON_EMPTY', 'NEVER_NULL_OVER_NON_EMPTY',
] as const;
const OPERATOR_LISTS = ['VALUE_FOR_VALUES_OPERATORS', 'NULL_REJECTING_OPERATORS'] as const;

describe('allow-lists of function-rules.ts are each backed by a call in the function-allow-lists case', () => {
  it('the case is read', () => {
    expect(called.functions.size).toBeGreaterThan(100);
    expect(called.operators.size).toBeGreaterThan(20);
  });

  it.each(FUNCTION_LISTS)('%s', (list) => {
    const names = [...(rules[list] as Set<string>)];
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !called.functions.has(n))).toEqual([]);
  });

  it.each(OPERATOR_LISTS)('%s', (list) => {
    const names = [...(rules[list] as Set<string>)];
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !called.operators.has(n))).toEqual([]);
  });

  it('CONCAT_OPERATOR', () => {
    expect(called.operators.has(rules.CONCAT_OPERATOR)).toBe(true);
  });
});
