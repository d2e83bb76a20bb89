/**
 * The statement walker (src/infer/engine/analyze-query.ts): views, CTEs (recursive ones to a fixed
 * point), set operations, DML with RETURNING, the set-returning-function count, strict operators,
 * text-like arguments of lower()/upper() and scalar subqueries, through QueryAnalyzer on ASTs from
 * PostgreSQL's parser. Written for the Stryker survivors of that file; most guard the unsafe
 * direction (a column typed non-null that PostgreSQL can return as NULL).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelationCatalog, RelationFacts, RoutineFacts } from '../../src/database/relation-catalog.js';
import type { AstNode } from '../../src/infer/ast.js';
import { QueryAnalyzer } from '../../src/infer/engine/analyze-query.js';
import { loadSqlParser, parseSql } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

const column = (name: string, attnum: number, notNull: boolean, textLike = false) => ({ name, attnum, notNull, domainNotNull: false, typeOid: textLike ? 25 : 23, textLike });
const table = (oid: number, name: string, columns: Array<[string, boolean, boolean?]>, over: Partial<RelationFacts> = {}): RelationFacts => ({
  oid, schema: 'public', name, relkind: 'r', columns: columns.map(([c, notNull, text], i) => column(c, i + 1, notNull, text)), ...over,
});
const view = (oid: number, name: string, names: string[], viewDefinition: string | undefined): RelationFacts => ({
  oid, schema: 'public', name, relkind: 'v', columns: names.map((c, i) => column(c, i + 1, false)), ...(viewDefinition !== undefined ? { viewDefinition } : {}),
});
const routine = (over: Partial<RoutineFacts> = {}): RoutineFacts => ({ allStrict: true, allBuiltIn: true, returnsSet: false, isAggregate: false, ...over });

const relations = new Map<string, RelationFacts>([
  // a.k and a.v may be NULL; a.name is text. b.k may not be NULL.
  ['"a"', table(1, 'a', [['id', true], ['k', false], ['v', false], ['name', true, true]])],
  ['"b"', table(2, 'b', [['id', true], ['k', true], ['v', false]])],
  ['"c"', table(3, 'c', [['id', true], ['x', true]], { updateRewritesRows: false })],
  ['"r"', table(4, 'r', [['span', true]])],
  // A view whose definition analyses to fewer columns than it has, one without a definition, one that does not parse.
  ['"v_short"', view(10, 'v_short', ['id', 'other'], 'SELECT 1 AS id')],
  ['"v_nodef"', view(11, 'v_nodef', ['id'], undefined)],
  ['"v_bad"', view(12, 'v_bad', ['id'], 'SELECT FROM WHERE')],
]);
// A chain of views, each reading the one before: w1 reads a.
for (let i = 1; i <= 9; i++) relations.set(`"w${i}"`, view(100 + i, `w${i}`, ['id'], `SELECT id FROM ${i === 1 ? 'a' : `w${i - 1}`}`));
// Nine views side by side, each reading a.
for (let i = 1; i <= 9; i++) relations.set(`"s${i}"`, view(200 + i, `s${i}`, ['id'], 'SELECT id FROM a'));

const catalog: RelationCatalog = {
  relations,
  functions: new Map([
    ['lower', routine()], ['upper', routine()], ['abs', routine()],
    ['generate_series', routine({ returnsSet: true })],
    ['max', routine({ allStrict: false, isAggregate: true })], ['count', routine({ allStrict: false, isAggregate: true })],
  ]),
  operators: new Map([
    ['=', routine()], ['+', routine()],
    // Built in but not strict, strict but not built in, and a user operator returning a set.
    ['<<<', routine({ allStrict: false })], ['>>>', routine({ allBuiltIn: false })], ['@@@', routine({ allBuiltIn: false, returnsSet: true })],
  ]),
  userCastTargets: new Set(),
};

/** The output columns as `name: non-null` or `name: nullable (because)`. */
function columns(sql: string): string[] {
  const parsed = parseSql(sql);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const out = new QueryAnalyzer(catalog, new Map()).analyzeQuery(parsed.result.stmts![0]!.stmt as AstNode, undefined);
  if (!out) throw new Error('not analysed');
  return out.map((c) => `${c.name}: ${c.verdict.nullable ? `nullable (${c.verdict.because})` : 'non-null'}`);
}
const nullable = (sql: string): boolean[] => columns(sql).map((c) => !c.includes(': non-null'));

describe('strict operators narrow', () => {
  it('only an operator whose every overload is built in and strict proves its operands non-null', () => {
    expect(columns('SELECT k FROM a WHERE k = 1')).toEqual(['k: non-null']);
    expect(nullable('SELECT k FROM a WHERE k <<< 1')).toEqual([true]);
    expect(nullable('SELECT k FROM a WHERE k >>> 1')).toEqual([true]);
  });
});

describe('relations', () => {
  it('a relation the catalog does not know has unknown columns, under its alias', () => {
    expect(columns('SELECT u.x FROM unknown_table u')).toEqual(['x: nullable (unknown_table u.x: the columns of unknown_table u are not known)']);
    expect(columns('SELECT x FROM unknown_table')).toEqual(['x: nullable (x comes from unknown_table, whose columns are not known)']);
  });

  it('a view whose analysis does not line up with its columns, has no definition, or does not parse: every column nullable', () => {
    expect(columns('SELECT id FROM v_short')).toEqual(['id: nullable (view column v_short.id: not analysed)']);
    expect(columns('SELECT id FROM v_nodef')).toEqual(['id: nullable (view column v_nodef.id: not analysed)']);
    expect(columns('SELECT id FROM v_bad')).toEqual(['id: nullable (view column v_bad.id: not analysed)']);
  });

  it('views are analysed eight deep, not deeper', () => {
    expect(columns('SELECT id FROM w8')).toEqual(['id: non-null']);
    expect(nullable('SELECT id FROM w9')).toEqual([true]);
  });

  it('the depth counts nesting, not views analysed one after another', () => {
    expect(nullable('SELECT s1.id, s2.id, s3.id, s4.id, s5.id, s6.id, s7.id, s8.id, s9.id FROM s1, s2, s3, s4, s5, s6, s7, s8, s9')).toEqual(Array(9).fill(false));
  });
});

describe('CTEs', () => {
  it('a data-modifying CTE without RETURNING has no columns', () => {
    expect(columns('WITH d AS (DELETE FROM a) SELECT 1 AS one')).toEqual(['one: non-null']);
  });

  it('WITH RECURSIVE over a CTE that is no set operation', () => {
    expect(columns('WITH RECURSIVE q AS (SELECT 1 AS x) SELECT x FROM q')).toEqual(['x: non-null']);
  });

  it('in a non-recursive WITH, the CTE’s own name inside it is the table of that name', () => {
    expect(nullable('WITH a AS (SELECT 1 AS k UNION ALL SELECT k FROM a) SELECT k FROM a')).toEqual([true]);
  });

  it('a recursive arm that yields NULL makes the column nullable', () => {
    expect(columns('WITH RECURSIVE q(n) AS (SELECT 1 UNION ALL SELECT NULL::int FROM q) SELECT n FROM q')).toEqual([
      'n: nullable (CTE q.n: recursive arm: NULL literal)',
    ]);
    expect(nullable('WITH RECURSIVE q(n, m) AS (SELECT 1, 1 UNION ALL SELECT NULL::int, m FROM q) SELECT n, m FROM q')).toEqual([true, false]);
  });

  it('a recursive arm that does not line up (its * expands to unknown columns): the CTE is not analysed', () => {
    expect(columns('WITH RECURSIVE q(x) AS (SELECT 1 UNION ALL SELECT * FROM mystery() m) SELECT x FROM q')).toEqual([
      'x: nullable (x comes from CTE q, whose columns are not known)',
    ]);
  });

  it('NULL passed along one column per step reaches every column: iterated to a fixed point, however many steps that takes', () => {
    // Step 1 makes c1 NULL, step 2 c2 (c2 takes c1's value), … step 7 c7: PostgreSQL returns NULL in every cN.
    const cols = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
    const sql = `WITH RECURSIVE q(depth, ${cols.join(', ')}) AS (
      SELECT 0, ${cols.map(() => '1').join(', ')}
      UNION ALL SELECT depth + 1, NULL::int, ${cols.slice(0, -1).join(', ')} FROM q WHERE depth < 10
    ) SELECT * FROM q`;
    expect(nullable(sql)).toEqual([false, ...cols.map(() => true)]);
  });
});

describe('set operations', () => {
  it('an arm whose * expands to unknown columns does not line up: the result is not analysed', () => {
    expect(columns('SELECT u FROM (SELECT 1 AS x UNION ALL SELECT * FROM mystery() m) u')).toEqual(['u: nullable (u comes from subquery u, whose columns are not known)']);
    expect(columns('SELECT u FROM (SELECT 1 AS x INTERSECT SELECT * FROM mystery() m) u')).toEqual(['u: nullable (u comes from subquery u, whose columns are not known)']);
  });
});

describe('DML with RETURNING', () => {
  it('a whole-row reference in WHERE narrows no column', () => {
    expect(columns('DELETE FROM a WHERE a IS NOT NULL RETURNING id')).toEqual(['id: non-null']);
  });

  it('DELETE returns the old row: what WHERE proved holds', () => {
    expect(columns('DELETE FROM a WHERE k = 1 RETURNING k')).toEqual(['k: non-null']);
  });

  it('UPDATE … FROM: a WHERE condition on an outer-joined FROM item proves it matched', () => {
    expect(columns('UPDATE c SET x = 1 FROM a LEFT JOIN b ON b.id = a.id WHERE b.k = c.id RETURNING b.id')).toEqual(['id: non-null']);
  });
});

describe('target lists', () => {
  it('SELECT with no columns', () => {
    expect(columns('SELECT FROM a')).toEqual([]);
  });

  it('* keeps the column names, so an outer query can find them', () => {
    expect(columns('SELECT s.id FROM (SELECT * FROM a) s')).toEqual(['id: non-null']);
  });

  it('j.* of a join alias', () => {
    expect(columns('SELECT j.* FROM (a JOIN c ON c.id = a.id) AS j').map((c) => c.split(':')[0])).toEqual(['id', 'k', 'v', 'name', 'id', 'x']);
  });
});

describe('set-returning functions in the select list', () => {
  it('a lone generate_series() yields only values; beside another set-returning call it is padded with NULLs', () => {
    expect(columns('SELECT generate_series(1, 3) AS g')).toEqual(['g: non-null']);
    expect(nullable('SELECT generate_series(1, 3) AS g, generate_series(1, 2) AS h')).toEqual([true, true]);
  });

  it('only set-returning calls count: not other functions or operators, not those inside subqueries', () => {
    expect(nullable('SELECT generate_series(1, 3) AS g, abs(1) AS a, pg_catalog.abs(1) AS b, 1 + 1 AS s')[0]).toBe(false);
    expect(nullable('SELECT generate_series(1, 3) AS g, (SELECT generate_series(1, 2) LIMIT 1) AS h')[0]).toBe(false);
    expect(nullable('SELECT abs(generate_series(1, 3)) AS g')).toEqual([false]);
  });

  it('a function the catalog does not know may return a set', () => {
    expect(nullable('SELECT generate_series(1, 3) AS g, mystery(1) AS m')).toEqual([true, true]);
  });

  it('a user operator returning a set counts', () => {
    expect(nullable('SELECT generate_series(1, 3) AS g, generate_series(1, 2) AS h, 1 @@@ 2 AS o')[0]).toBe(true);
  });
});

describe('lower() and upper(): text, or a range (NULL for an empty one)', () => {
  it('text-like arguments: a string literal, a cast to text, varchar or bpchar, a text column', () => {
    expect(columns(`SELECT lower('x') AS a, lower('x'::text) AS b, upper('x'::varchar) AS c, upper('x'::bpchar) AS d, lower(name) AS e FROM a`)).toEqual([
      'a: non-null', 'b: non-null', 'c: non-null', 'd: non-null', 'e: non-null',
    ]);
  });

  it('a USING-merged column is not looked through (cautious)', () => {
    expect(nullable('SELECT lower(name) AS l FROM a JOIN a AS a2 USING (name)')).toEqual([true]);
  });

  it('anything else may be a range', () => {
    expect(nullable(`SELECT lower('empty'::int4range) AS a, lower(id) AS b, lower(span) AS c, lower(1) AS d, lower(n.x) AS e FROM a, r, (SELECT 'x'::text AS x) n`)).toEqual([true, true, true, true, true]);
    expect(nullable(`SELECT lower(pg_catalog.int4range(1, 2)::int4range) AS a FROM a`)).toEqual([true]);
  });
});

describe('scalar subqueries', () => {
  it('an aggregate over its own FROM, with its own CTEs', () => {
    expect(columns('SELECT (WITH t AS (SELECT id FROM a) SELECT count(*) FROM t) AS n')).toEqual(['n: non-null']);
    expect(columns('SELECT (SELECT max(id) FROM a) AS m')).toEqual(['m: nullable (max() over possibly empty input (no GROUP BY))']);
  });

  it('with GROUP BY it can return no row, so NULL', () => {
    expect(columns('SELECT (SELECT count(*) FROM a GROUP BY k) AS n')).toEqual(['n: nullable (scalar subquery may return no row)']);
  });

  it('a function the catalog does not know is no aggregate', () => {
    expect(nullable('SELECT (SELECT mystery(id) FROM a) AS n')).toEqual([true]);
  });

  it('more than one target, a set operation or a non-aggregate is not a scalar aggregate', () => {
    expect(nullable('SELECT (SELECT count(*) FROM a UNION SELECT 1) AS n')).toEqual([true]);
    expect(nullable('SELECT (SELECT abs(1) FROM a) AS n')).toEqual([true]);
  });
});

describe('grouping sets', () => {
  it('* under ROLLUP: a plain GROUP BY column stays, the others are NULL in subtotal rows', () => {
    expect(columns('SELECT * FROM c GROUP BY id, ROLLUP (x)')).toEqual(['id: non-null', 'x: nullable (GROUPING SETS / ROLLUP / CUBE produce NULL in subtotal rows)']);
    expect(columns('SELECT a.id FROM a JOIN b USING (k) GROUP BY k, ROLLUP (a.id)')[0]).toContain('nullable');
  });

  it('a USING column grouped plainly is in every set; another USING column is not', () => {
    expect(columns('SELECT k FROM a JOIN b USING (k) GROUP BY k, ROLLUP (a.id)')).toEqual(['k: non-null']);
    expect(nullable('SELECT x FROM a JOIN b USING (k) JOIN (c JOIN c AS c2 USING (x)) ON true GROUP BY k, ROLLUP (x)')).toEqual([true]);
  });

  it('GROUP BY a whole row is no column: it keeps no column in every set', () => {
    expect(nullable('SELECT x FROM c GROUP BY c, ROLLUP (x)')).toEqual([true]);
  });
});

describe('survivors of the expression, narrowing and scope run (1 December)', () => {
  it('a condition on a USING column merged from one side narrows that side only: the other stays null-extended', () => {
    // LEFT JOIN: k is a.k; an a row with no b match keeps k and has NULL b columns.
    expect(columns('SELECT k, b.id FROM a LEFT JOIN b USING (k) WHERE k IS NOT NULL')).toEqual(['k: non-null', expect.stringMatching(/^id: nullable/)]);
    // RIGHT JOIN: k is b.k; a b row with no a match has NULL a columns.
    expect(columns('SELECT k, a.id FROM a RIGHT JOIN b USING (k) WHERE k IS NOT NULL')).toEqual(['k: non-null', expect.stringMatching(/^id: nullable/)]);
  });

  it('a window frame that can miss the current row (all following or all preceding) can be empty', () => {
    expect(nullable('SELECT max(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) FROM a')).toEqual([true]);
    expect(nullable('SELECT max(id) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING) FROM a')).toEqual([true]);
    expect(nullable('SELECT max(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM a')).toEqual([false]);
  });

  it('IS [NOT] TRUE / FALSE / UNKNOWN of a nullable boolean is never NULL', () => {
    expect(nullable('SELECT (v = 1) IS TRUE, (v = 1) IS NOT FALSE, (v = 1) IS UNKNOWN FROM a')).toEqual([false, false, false]);
  });

  it('an aggregate over a non-null column under ROLLUP: the grand-total row exists even for no rows, so NULL', () => {
    expect(nullable('SELECT max(id) FROM a GROUP BY ROLLUP (k)')).toEqual([true]);
    expect(nullable('SELECT count(id) FROM a GROUP BY ROLLUP (k)')).toEqual([false]);
  });
});

