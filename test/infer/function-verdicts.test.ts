/**
 * Function and window-function verdicts (src/infer/engine/expression.ts) on parser ASTs, with the
 * catalog facts PostgreSQL 15 reports for those functions (pg_proc: strict, built in, returns set,
 * aggregate). Arguments are literals, so only the function's own rule decides. These pin the
 * rules whose mutants no golden case killed; each wrong direction would be an unsafe verdict.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelationCatalog, RoutineFacts } from '../../src/database/relation-catalog.js';
import type { AstNode } from '../../src/infer/ast.js';
import { expressionVerdict, type ExpressionContext } from '../../src/infer/engine/expression.js';
import { loadSqlParser, parseSql } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

const builtIn = (over: Partial<RoutineFacts> = {}): RoutineFacts => ({ allStrict: true, allBuiltIn: true, returnsSet: false, isAggregate: false, ...over });

/** As pg_proc describes them on PostgreSQL 15. */
const FUNCTIONS = new Map<string, RoutineFacts>([
  ['scale', builtIn()], // strict, built in, yet scale('NaN') is NULL: not on the allow-list
  ['abs', builtIn()],
  ['lower', builtIn()],
  ['lag', builtIn({ allStrict: false })],
  ['lead', builtIn({ allStrict: false })],
  ['max', builtIn({ allStrict: false, isAggregate: true })],
  ['array_agg', builtIn({ allStrict: false, isAggregate: true })],
  ['my_agg', { allStrict: false, allBuiltIn: false, returnsSet: false, isAggregate: true }],
  ['my_window', { allStrict: false, allBuiltIn: false, returnsSet: false, isAggregate: false }],
  ['my_strict', { allStrict: true, allBuiltIn: false, returnsSet: false, isAggregate: false }],
]);

function verdict(expression: string, grouping: ExpressionContext['grouping'] = 'none', facts = FUNCTIONS): boolean {
  const parsed = parseSql(`SELECT ${expression}`);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const node = (parsed.result.stmts![0]!.stmt as AstNode).SelectStmt.targetList[0].ResTarget.val as AstNode;
  const catalog: RelationCatalog = { relations: new Map(), functions: facts, operators: new Map(), userCastTargets: new Set() };
  const ctx = {
    resolve: () => undefined,
    inEverySet: () => false,
    soleSrf: false,
    grouping,
    catalog,
    paramMarks: new Map(),
    // Only a literal cast to text is surely a string here (not a range).
    isTextLike: (n: AstNode) => !!n.TypeCast,
    scalarSubquery: () => undefined,
  } as unknown as ExpressionContext;
  return expressionVerdict(node, ctx).nullable;
}

describe('function verdicts', () => {
  it('a built-in strict function off the allow-list may return NULL for values', () => {
    expect(verdict("scale('NaN'::numeric)")).toBe(true);
    expect(verdict('abs(-1)')).toBe(false);
  });

  it('an allow-listed name is trusted only while every overload is strict and returns no set', () => {
    expect(verdict('abs(-1)', 'none', new Map([['abs', builtIn({ allStrict: false })]]))).toBe(true);
    expect(verdict('abs(-1)', 'none', new Map([['abs', builtIn({ returnsSet: true })]]))).toBe(true);
    expect(verdict('abs(-1)', 'none', new Map([['abs', builtIn({ allBuiltIn: false })]]))).toBe(true);
    expect(verdict('pg_catalog.abs(-1)')).toBe(false);
    expect(verdict('public.abs(-1)')).toBe(true);
  });

  it('user-defined functions are never trusted, even strict ones', () => {
    expect(verdict('my_strict(1)')).toBe(true);
  });

  it('lower/upper of text is a value, of a range possibly NULL', () => {
    expect(verdict("lower('ABC'::text)")).toBe(false);
    expect(verdict("lower('[1,2)')")).toBe(true);
  });

  it('aggregates: built-in ones over groups follow their argument, user-defined ones may return NULL', () => {
    expect(verdict('max(1)', 'groups')).toBe(false);
    expect(verdict('max(1)', 'none')).toBe(true);
    expect(verdict('max(NULL::int)', 'groups')).toBe(true);
    expect(verdict('array_agg(NULL::int)', 'groups')).toBe(false);
    expect(verdict('my_agg(1)', 'groups')).toBe(true);
    // A user-defined overload of a built-in name (CREATE AGGREGATE max(my_type)): not every max() is trusted.
    expect(verdict('max(1)', 'groups', new Map([['max', builtIn({ allStrict: false, allBuiltIn: false, isAggregate: true })]]))).toBe(true);
    expect(verdict('array_agg(1)', 'groups', new Map([['array_agg', builtIn({ allStrict: false, allBuiltIn: false, isAggregate: true })]]))).toBe(true);
    expect(verdict('max(1) FILTER (WHERE false)', 'groups')).toBe(true);
  });

  it('window functions: lag/lead are NULL past the partition unless a non-null default is given', () => {
    expect(verdict('lag(1) OVER (ORDER BY 1)')).toBe(true);
    expect(verdict('lead(1, 2) OVER (ORDER BY 1)')).toBe(true);
    expect(verdict('lag(1, 1, 0) OVER (ORDER BY 1)')).toBe(false);
    expect(verdict('lead(1, 1, 0) OVER (ORDER BY 1)')).toBe(false);
    expect(verdict('lead(1, 1, NULL::int) OVER (ORDER BY 1)')).toBe(true);
  });

  it('window aggregates over a frame holding the current row; user-defined window functions never', () => {
    expect(verdict('array_agg(1) OVER (ORDER BY 1)')).toBe(false);
    expect(verdict('max(1) OVER (ORDER BY 1)')).toBe(false);
    expect(verdict('max(1) OVER (ORDER BY 1 ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING)')).toBe(true);
    expect(verdict('my_window(1) OVER (ORDER BY 1)')).toBe(true);
    const userMax = new Map([['max', builtIn({ allStrict: false, allBuiltIn: false, isAggregate: true })]]);
    expect(verdict('max(1) OVER (ORDER BY 1)', 'none', userMax)).toBe(true);
    expect(verdict('count(1) OVER (ORDER BY 1)', 'none', new Map([['count', builtIn({ allStrict: false, allBuiltIn: false, isAggregate: true })]]))).toBe(true);
  });
});
