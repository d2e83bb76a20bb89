/**
 * Pins engine rules whose Stryker mutants survived the golden cases and the other unit tests
 * (expression.ts, narrowing.ts, scope.ts, nullability.ts). Each test names the rule; most guard
 * the unsafe direction (a column typed non-null that PostgreSQL can return as NULL).
 * ASTs come from PostgreSQL's own parser; catalog facts are as pg_proc reports them on PG 15.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelationCatalog, RoutineFacts } from '../../src/database/relation-catalog.js';
import type { DescribedField } from '../../src/database/wire-session.js';
import type { AstNode } from '../../src/infer/ast.js';
import { expressionVerdict, type ExpressionContext } from '../../src/infer/engine/expression.js';
import { nullRejectedColumns } from '../../src/infer/engine/narrowing.js';
import { entryColumnSources, narrow, nullable, sourceVerdict, type ColumnSource, type ScopeEntry } from '../../src/infer/engine/scope.js';
import { inferColumnNullability } from '../../src/infer/nullability.js';
import { loadSqlParser, parseSql } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

const fn = (over: Partial<RoutineFacts> = {}): RoutineFacts => ({ allStrict: true, allBuiltIn: true, returnsSet: false, isAggregate: false, ...over });

const FUNCTIONS = new Map<string, RoutineFacts>([
  ['max', fn({ allStrict: false, isAggregate: true })],
  ['stddev', fn({ allStrict: false, isAggregate: true })],
  ['array_agg', fn({ allStrict: false, isAggregate: true })],
  ['lead', fn({ allStrict: false })],
  ['rank', fn({ allStrict: false })],
]);

const emptyCatalog = (functions = FUNCTIONS): RelationCatalog => ({ relations: new Map(), functions, operators: new Map(), userCastTargets: new Set() });

function select(sql: string): AstNode {
  const parsed = parseSql(sql);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.result.stmts![0]!.stmt as AstNode;
}

function isNullable(expression: string, grouping: ExpressionContext['grouping'] = 'none', functions = FUNCTIONS): boolean {
  const node = select(`SELECT ${expression}`).SelectStmt.targetList[0].ResTarget.val as AstNode;
  const ctx = {
    resolve: () => undefined,
    inEverySet: () => false,
    soleSrf: false,
    grouping,
    catalog: emptyCatalog(functions),
    paramMarks: new Map(),
    isTextLike: () => true,
    scalarSubquery: () => undefined,
  } as unknown as ExpressionContext;
  return expressionVerdict(node, ctx).nullable;
}

describe('expression verdicts', () => {
  it('COLLATE keeps the nullability of its argument', () => {
    expect(isNullable('NULL::text COLLATE "C"')).toBe(true);
    expect(isNullable(`'x'::text COLLATE "C"`)).toBe(false);
  });

  it('stddev() of one row is NULL: only allow-listed aggregates follow their argument', () => {
    expect(isNullable('stddev(1)', 'groups')).toBe(true);
    expect(isNullable('max(1)', 'groups')).toBe(false);
  });

  it('a function the catalog does not know is nullable, not an error', () => {
    expect(isNullable('mystery(1)')).toBe(true);
    expect(isNullable('mystery(1)', 'groups', new Map())).toBe(true);
  });

  it('a user-defined window function named like a ranking one may return NULL', () => {
    expect(isNullable('rank() OVER ()')).toBe(false);
    expect(isNullable('rank() OVER ()', 'none', new Map([['rank', fn({ allBuiltIn: false })]]))).toBe(true);
  });

  it('lead() with a non-null default is a value', () => {
    expect(isNullable('lead(1, 1, 0) OVER (ORDER BY 1)')).toBe(false);
    expect(isNullable('lead(1, 1, NULL::int) OVER (ORDER BY 1)')).toBe(true);
  });

  it('array_agg() over a frame holding the current row is never NULL', () => {
    expect(isNullable('array_agg(NULL::int) OVER (ORDER BY 1)')).toBe(false);
  });

  it('a frame that starts after the current row can be empty', () => {
    expect(isNullable('max(1) OVER (ORDER BY 1 ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING)')).toBe(true);
    expect(isNullable('max(1) OVER (ORDER BY 1 ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING)')).toBe(false);
  });
});

function proven(condition: string, strict: (op: string) => boolean = () => true): string[] {
  const where = select(`SELECT 1 FROM t WHERE ${condition}`).SelectStmt.whereClause as AstNode;
  return nullRejectedColumns(where, strict).map((ref) => (ref.fields as AstNode[]).map((f) => f.String?.sval ?? '*').join('.'));
}

describe('narrowing', () => {
  it('BETWEEN [SYMMETRIC] proves its operand and both bounds when >= and <= are strict', () => {
    const onlyComparisons = (op: string) => op === '>=' || op === '<=';
    expect(proven('a BETWEEN b AND c', onlyComparisons)).toEqual(['a', 'b', 'c']);
    expect(proven('a BETWEEN SYMMETRIC b AND c', onlyComparisons)).toEqual(['a', 'b', 'c']);
  });

  it('BETWEEN proves nothing unless both >= and <= are strict', () => {
    expect(proven('a BETWEEN b AND c', (op) => op === '>=')).toEqual([]);
    expect(proven('a NOT BETWEEN b AND c', (op) => op === '<=')).toEqual([]);
  });

  it('a strict operator off the null-rejecting list proves nothing', () => {
    expect(proven('a === b')).toEqual([]);
  });

  it('a prefix operator has no left operand', () => {
    expect(proven('~ flag')).toEqual(['flag']);
  });
});

describe('scope', () => {
  const entry = (nullableBase: boolean, extendedBecause?: string): ScopeEntry => ({
    label: 'e', refName: 'e', extendedBecause,
    columns: [{ name: 'c', base: nullableBase ? nullable('column c is nullable') : { nullable: false } }],
  });
  const source = (e: ScopeEntry): ColumnSource => ({ kind: 'entry', entry: e, column: e.columns![0]! });
  const merged = (mode: 'left' | 'right' | 'both', left: ColumnSource, right: ColumnSource): ColumnSource => ({ kind: 'merged', name: 'c', mode, left, right });

  it('an inner USING column is non-null even when one side is nullable', () => {
    expect(sourceVerdict(merged('both', source(entry(false)), source(entry(true)))).nullable).toBe(false);
    expect(sourceVerdict(merged('both', { kind: 'unknown', name: 'c', because: 'unknown' }, source(entry(true)))).nullable).toBe(false);
    expect(sourceVerdict(merged('both', source(entry(false)), source(entry(false, 'LEFT JOIN')))).nullable).toBe(true);
  });

  it('narrowing without rescue keeps the outer join null-extension', () => {
    const e = entry(true, 'LEFT JOIN');
    narrow(source(e), false);
    expect(sourceVerdict(source(e)).nullable).toBe(true);
    narrow(source(e), true);
    expect(sourceVerdict(source(e)).nullable).toBe(false);
  });

  it('narrowing a merged column narrows the side(s) it reads', () => {
    for (const mode of ['left', 'right', 'both'] as const) {
      const l = entry(true);
      const r = entry(true);
      narrow(merged(mode, source(l), source(r)), false);
      expect([l.columns![0]!.narrowed ?? false, r.columns![0]!.narrowed ?? false], mode).toEqual([mode !== 'right', mode !== 'left']);
    }
  });

  it('an entry with unknown columns has no column sources', () => {
    expect(entryColumnSources({ label: 'f()' })).toEqual([]);
  });
});

describe('result columns', () => {
  const field = (name: string): DescribedField => ({ name, tableId: 0, columnId: 0, typeId: 23 });

  it('a non-null column is reported as exactly { nullable: false }', () => {
    expect(inferColumnNullability(select('SELECT 1'), [field('a')], emptyCatalog(), new Map())).toEqual([{ nullable: false }]);
  });

  it('when the analysis does not line up with the described columns, every column is nullable', () => {
    const out = inferColumnNullability(select('SELECT 1'), [field('a'), field('b')], emptyCatalog(), new Map());
    expect(out.map((c) => c.nullable)).toEqual([true, true]);
  });

  it('a statement the engine does not analyse (EXPLAIN) has every column nullable, with the reason', () => {
    const out = inferColumnNullability(select('EXPLAIN SELECT 1'), [field('QUERY PLAN')], emptyCatalog(), new Map());
    expect(out).toEqual([{ nullable: true, because: 'result columns could not be matched to the analysis' }]);
  });
});
