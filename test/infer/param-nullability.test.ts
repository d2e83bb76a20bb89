/**
 * Parameter nullability and suggested names (src/infer/param-nullability.ts), on ASTs from
 * PostgreSQL's parser and relation facts shaped as relation-catalog.ts loads them. Written for the
 * Stryker survivors of that file: the golden cases cover the common forms, these pin each rule —
 * which uses require a value, which accept NULL (and win), and which column names a parameter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelationCatalog, RelationFacts } from '../../src/database/relation-catalog.js';
import type { AstNode } from '../../src/infer/ast.js';
import { inferParams } from '../../src/infer/param-nullability.js';
import { loadSqlParser, parseSql } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

const column = (name: string, attnum: number, notNull: boolean) => ({ name, attnum, notNull, domainNotNull: false, typeOid: 25, textLike: true });
const items: RelationFacts = {
  oid: 1, schema: 'public', name: 'items', relkind: 'r', columns: [column('id', 1, true), column('note', 2, false), column('label', 3, true)],
};
const catalog: RelationCatalog = { relations: new Map([['"items"', items]]), functions: new Map(), operators: new Map(), userCastTargets: new Set() };

/** `$n` → `non-null`/`nullable`, with ` name` when one is suggested. */
function params(sql: string, count: number): string[] {
  const parsed = parseSql(sql);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return inferParams(parsed.result.stmts![0]!.stmt as AstNode, count, catalog).map(
    (p) => `${p.nullable ? 'nullable' : 'non-null'}${p.suggestedName ? ` ${p.suggestedName}` : ''}`,
  );
}

describe('comparisons require a value', () => {
  it('ILIKE, SIMILAR TO and every BETWEEN form, not only LIKE and plain BETWEEN', () => {
    expect(params('SELECT 1 FROM items WHERE note ILIKE $1', 1)).toEqual(['non-null note']);
    // The pattern side is wrapped in similar_to_escape(): only the left operand is a direct one (no name).
    expect(params('SELECT 1 FROM items WHERE $1 SIMILAR TO note', 1)).toEqual(['non-null']);
    expect(params('SELECT 1 FROM items WHERE id NOT BETWEEN $1 AND $2', 2)).toEqual(['non-null id', 'non-null id']);
    expect(params('SELECT 1 FROM items WHERE id BETWEEN SYMMETRIC $1 AND $2', 2)).toEqual(['non-null id', 'non-null id']);
    expect(params('SELECT 1 FROM items WHERE id NOT BETWEEN SYMMETRIC $1 AND $2', 2)).toEqual(['non-null id', 'non-null id']);
  });

  it('an operator off the null-rejecting list does not: || and NULLIF (whose operator is =) accept NULL', () => {
    expect(params("SELECT $1::text || 'x'", 1)).toEqual(['nullable']);
    expect(params('SELECT NULLIF($1::int, 0)', 1)).toEqual(['nullable']);
    expect(params('SELECT 1 FROM items WHERE id = NULLIF($1::int, 0)', 1)).toEqual(['nullable']);
  });

  it('a unary operator has no other operand to name the parameter after', () => {
    expect(params('SELECT - $1::int', 1)).toEqual(['nullable']);
    expect(params('SELECT 1 FROM items WHERE id = - $1::int', 1)).toEqual(['nullable']);
  });
});

describe('uses that accept NULL win over comparisons', () => {
  it('IS [NOT] DISTINCT FROM', () => {
    expect(params('SELECT 1 FROM items WHERE id = $1 OR id IS DISTINCT FROM $1', 1)).toEqual(['nullable id']);
    expect(params('SELECT 1 FROM items WHERE id = $1 OR id IS NOT DISTINCT FROM $1', 1)).toEqual(['nullable id']);
    expect(params('SELECT 1 FROM items WHERE $1 IS NOT DISTINCT FROM id', 1)).toEqual(['nullable id']);
  });

  it('COALESCE, GREATEST and LEAST arguments', () => {
    expect(params('SELECT 1 FROM items WHERE id = $1 AND id = COALESCE($1, 0)', 1)).toEqual(['nullable id']);
    expect(params('SELECT 1 FROM items WHERE id = $1 AND id = GREATEST($1, 0)', 1)).toEqual(['nullable id']);
    expect(params('SELECT 1 FROM items WHERE id = $1 AND id = LEAST($1::int, 0)', 1)).toEqual(['nullable id']);
    expect(params('SELECT 1 FROM items WHERE id = $1 AND id = COALESCE(id, 0)', 1)).toEqual(['non-null id']);
  });

  it('IS NULL', () => {
    expect(params('SELECT 1 FROM items WHERE $1::int IS NULL OR id = $1', 1)).toEqual(['nullable id']);
  });
});

describe('names', () => {
  it('the column on either side of the comparison, through casts', () => {
    expect(params('SELECT 1 FROM items WHERE $1 = note', 1)).toEqual(['non-null note']);
    expect(params('SELECT 1 FROM items WHERE note::text = $1', 1)).toEqual(['non-null note']);
    expect(params('SELECT 1 FROM items WHERE items.note = $1::text', 1)).toEqual(['non-null note']);
  });

  it('the first column met names the parameter; a later use without a column does not unname it', () => {
    expect(params('SELECT 1 FROM items WHERE note = $1 AND label = $1', 1)).toEqual(['non-null note']);
    expect(params("SELECT 1 FROM items WHERE note = $1 AND $1 <> 'x'", 1)).toEqual(['non-null note']);
  });
});

describe('INSERT', () => {
  it('a column list maps values by position in that list, not in the table', () => {
    expect(params('INSERT INTO items (note, id) VALUES ($1, $2)', 2)).toEqual(['nullable note', 'non-null id']);
  });

  it('without a column list the table columns are taken in order', () => {
    expect(params('INSERT INTO items VALUES ($1, $2, $3)', 3)).toEqual(['non-null id', 'nullable note', 'non-null label']);
  });

  it('a table the catalog does not know: every value accepts NULL, no name, no crash', () => {
    expect(params('INSERT INTO unknown_table VALUES ($1)', 1)).toEqual(['nullable']);
    expect(params('INSERT INTO unknown_table (a) VALUES ($1)', 1)).toEqual(['nullable a']);
  });

  it('INSERT … SELECT has no VALUES rows to map', () => {
    expect(params('INSERT INTO items (id) SELECT $1::int', 1)).toEqual(['nullable']);
  });

  it('ON CONFLICT DO UPDATE SET assigns to the inserted table', () => {
    expect(params('INSERT INTO items (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET label = $2, note = $3', 3)).toEqual([
      'non-null id', 'non-null label', 'nullable note',
    ]);
  });
});

describe('UPDATE … SET', () => {
  it('a NOT NULL column requires a value, a nullable one accepts NULL (and wins)', () => {
    expect(params('UPDATE items SET label = $1, note = $2', 2)).toEqual(['non-null label', 'nullable note']);
    expect(params('UPDATE items SET note = $1 WHERE note <> $1', 1)).toEqual(['nullable note']);
    expect(params("UPDATE items SET label = 'x', note = $1::text WHERE id = $2", 2)).toEqual(['nullable note', 'non-null id']);
  });

  it('a table or column the catalog does not know accepts NULL', () => {
    expect(params('UPDATE unknown_table SET a = $1', 1)).toEqual(['nullable a']);
    expect(params('UPDATE items SET missing = $1', 1)).toEqual(['nullable missing']);
  });
});
