/**
 * FROM items as the engine reads them (src/infer/engine/from-clause.ts): functions, unaliased
 * subqueries, USING/NATURAL merges, join aliases and ON-clause narrowing, checked through
 * QueryAnalyzer on ASTs from PostgreSQL's parser. Written for the Stryker survivors of that file;
 * the unsafe ones are the narrowing cases (a column proven non-null in rows where it can be NULL).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelationCatalog, RelationFacts, RoutineFacts } from '../../src/database/relation-catalog.js';
import type { AstNode } from '../../src/infer/ast.js';
import { QueryAnalyzer } from '../../src/infer/engine/analyze-query.js';
import { loadSqlParser, parseSql } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

const column = (name: string, attnum: number, notNull: boolean) => ({ name, attnum, notNull, domainNotNull: false, typeOid: 23, textLike: false });
const table = (oid: number, name: string, columns: Array<[string, boolean]>): RelationFacts => ({
  oid, schema: 'public', name, relkind: 'r', columns: columns.map(([c, notNull], i) => column(c, i + 1, notNull)),
});
const strict: RoutineFacts = { allStrict: true, allBuiltIn: true, returnsSet: false, isAggregate: false };

// a.k and a.v may be NULL, b.k may not; b.v may.
const catalog: RelationCatalog = {
  relations: new Map([
    ['"a"', table(1, 'a', [['id', true], ['k', false], ['v', false]])],
    ['"b"', table(2, 'b', [['id', true], ['k', true], ['v', false]])],
    ['"c"', table(3, 'c', [['id', true], ['x', true]])],
  ]),
  functions: new Map(),
  operators: new Map([['=', strict]]),
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

describe('functions in FROM', () => {
  it('the json (not only jsonb) element, key and each functions', () => {
    expect(columns(`SELECT * FROM json_array_elements('[1]'::json)`)).toEqual(['json_array_elements: non-null']);
    expect(columns(`SELECT * FROM json_object_keys('{"a":1}'::json)`)).toEqual(['json_object_keys: non-null']);
    expect(columns(`SELECT * FROM json_each('{"a":1}'::json)`)).toEqual(['key: non-null', 'value: non-null']);
    expect(columns(`SELECT * FROM json_each_text('{"a":1}'::json)`)).toEqual([
      'key: non-null', 'value: nullable (json_each_text() yields NULL for JSON null values)',
    ]);
  });

  it('WITH ORDINALITY adds a non-null ordinality column, and nothing to a function whose columns are unknown', () => {
    expect(columns('SELECT ordinality FROM generate_series(1, 2) WITH ORDINALITY')).toEqual(['ordinality: non-null']);
    expect(columns('SELECT x FROM mystery() WITH ORDINALITY AS m')).toEqual(['x: nullable (x comes from function m, whose columns are not known)']);
  });

  it('ROWS FROM several functions: columns unknown, labelled without a trailing space', () => {
    expect(columns('SELECT generate_series FROM ROWS FROM (generate_series(1, 2), generate_series(1, 3))')).toEqual([
      'generate_series: nullable (generate_series comes from function, whose columns are not known)',
    ]);
  });

  it('unnest() elements may be NULL; its column is named unnest', () => {
    expect(columns('SELECT * FROM unnest(ARRAY[1])')).toEqual(['unnest: nullable (unnest() element may be NULL)']);
  });

  it('generate_series() and the like follow their arguments, all of them', () => {
    // Cautious: these functions are strict, so a NULL argument yields no rows rather than a NULL.
    expect(columns('SELECT g FROM a, generate_series(1, a.k) g')).toEqual(['g: nullable (generate_series() of a NULL argument)']);
    expect(columns('SELECT g FROM a, generate_series(a.id, 3) g')).toEqual(['g: non-null']);
  });

  it('a function without arguments', () => {
    expect(columns('SELECT * FROM now() AS t')).toEqual([]);
    expect(columns('SELECT t FROM now() AS t')).toEqual(['t: nullable (t comes from function t, whose columns are not known)']);
  });
});

describe('other FROM items', () => {
  it('an unaliased subquery (PostgreSQL 16+) is labelled "subquery"', () => {
    expect(columns('SELECT x FROM (SELECT NULL::int AS x)')).toEqual(['x: nullable (subquery.x: NULL literal)']);
  });

  it('XMLTABLE and TABLESAMPLE: columns unknown, named by their alias or their kind', () => {
    const xml = `XMLTABLE('/r' PASSING ('<r/>'::xml) COLUMNS x int)`;
    expect(columns(`SELECT x FROM ${xml}`)).toEqual(['x: nullable (x comes from rangetablefunc, whose columns are not known)']);
    expect(columns(`SELECT t.x FROM ${xml} AS t`)).toEqual(['x: nullable (t.x: the columns of t are not known)']);
    expect(columns('SELECT id FROM a TABLESAMPLE SYSTEM (10)')).toEqual(['id: nullable (id comes from rangetablesample, whose columns are not known)']);
  });
});

describe('USING and NATURAL', () => {
  it('* shows the merged column first, then each side without it', () => {
    expect(columns('SELECT * FROM a JOIN b USING (k)')).toEqual(['k: non-null', 'id: non-null', 'v: nullable (column a.v allows NULL)', 'id: non-null', 'v: nullable (column b.v allows NULL)']);
    expect(columns('SELECT * FROM a NATURAL JOIN c').map((c) => c.split(':')[0])).toEqual(['id', 'k', 'v', 'x']);
  });

  it('an inner or LEFT JOIN USING column is not a FULL JOIN one: its NULLs do not join', () => {
    expect(columns('SELECT k FROM a JOIN b USING (k)')).toEqual(['k: non-null']);
    expect(columns('SELECT k FROM b LEFT JOIN a USING (k)')).toEqual(['k: non-null']);
  });

  it('FULL JOIN USING: nullable when either key is, with the reason', () => {
    expect(columns('SELECT k FROM b FULL JOIN a USING (k)')).toEqual(['k: nullable (FULL JOIN USING (k): column a.k allows NULL)']);
    expect(columns('SELECT k FROM a FULL JOIN b USING (k)')).toEqual(['k: nullable (FULL JOIN USING (k): column a.k allows NULL)']);
    expect(columns('SELECT id FROM a FULL JOIN c USING (id)')).toEqual(['id: non-null']);
  });

  it('a USING column on a side whose columns are unknown is not merged', () => {
    expect(columns('SELECT id FROM a JOIN mystery() m USING (id)')).toEqual(['id: non-null']);
    expect(columns('SELECT a.id, m.id FROM a JOIN mystery() m USING (id)')).toEqual([
      'id: non-null', 'id: nullable (function m.id: the columns of function m are not known)',
    ]);
  });
});

describe('join aliases', () => {
  it('(a JOIN b USING (k)) AS j exposes every column under its own name', () => {
    expect(columns('SELECT j.id, j.k, j.x FROM (a JOIN c ON c.id = a.id) AS j')).toEqual(['id: non-null', 'k: nullable (column a.k allows NULL)', 'x: non-null']);
  });

  it('without a column list no column is renamed, the first one included', () => {
    expect(columns('SELECT j.one FROM ((SELECT 1 AS one) s JOIN c ON true) AS j')).toEqual(['one: non-null']);
  });

  it('a column list renames only the first columns', () => {
    expect(columns('SELECT j.n, j.k FROM (a JOIN c ON c.id = a.id) AS j(n)')).toEqual(['n: non-null', 'k: nullable (column a.k allows NULL)']);
  });
});

describe('ON-clause narrowing', () => {
  it('RIGHT JOIN: the ON condition proves the optional (left) side in matched rows', () => {
    // WHERE a.id = 1 keeps matched rows only; there a.v = b.id held, so a.v is not NULL.
    expect(columns('SELECT a.v FROM a RIGHT JOIN b ON a.v = b.id WHERE a.id = 1')).toEqual(['v: non-null']);
    expect(columns('SELECT a.v FROM a RIGHT JOIN b ON a.v = b.id')).toEqual(['v: nullable (left side of RIGHT JOIN a)']);
  });

  it('FULL JOIN: the ON condition proves nothing — an unmatched row of either side passes WHERE a.id = 1 with a.v NULL', () => {
    expect(columns('SELECT a.v FROM a FULL JOIN b ON a.v = b.id WHERE a.id = 1')).toEqual(['v: nullable (column a.v allows NULL)']);
    expect(columns('SELECT b.v FROM a FULL JOIN b ON a.id = b.v WHERE b.id = 1')).toEqual(['v: nullable (column b.v allows NULL)']);
  });

  it('an inner join ON a null-extended column proves that side matched', () => {
    expect(columns('SELECT b.id FROM a LEFT JOIN b ON b.k = a.id JOIN c ON c.x = b.v')).toEqual(['id: non-null']);
    expect(columns('SELECT b.id FROM a LEFT JOIN b ON b.k = a.id JOIN c ON true')).toEqual(['id: nullable (right side of LEFT JOIN b)']);
  });
});
