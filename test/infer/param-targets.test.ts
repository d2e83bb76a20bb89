/**
 * Which table column each `$n` is stored into (src/infer/param-targets.ts), on ASTs from
 * PostgreSQL's parser and relation facts as relation-catalog.ts loads them. Used for the element
 * nullability of bulk inserts and for column type overrides; the golden cases have no expansions,
 * so these pin it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelationCatalog, RelationFacts } from '../../src/database/relation-catalog.js';
import type { AstNode } from '../../src/infer/ast.js';
import { paramTargets } from '../../src/infer/param-targets.js';
import { loadSqlParser, parseSql } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

const column = (name: string, attnum: number, notNull: boolean) => ({ name, attnum, notNull, domainNotNull: false, typeOid: 25, textLike: true });
const relation = (schema: string, name: string): RelationFacts => ({
  oid: 1, schema, name, relkind: 'r', columns: [column('id', 1, true), column('note', 2, false), column('label', 3, true)],
});

const catalog: RelationCatalog = {
  relations: new Map([
    ['"items"', relation('public', 'items')],
    ['"audit"."items"', relation('audit', 'items')],
    ['"pg_catalog"."pg_items"', relation('pg_catalog', 'pg_items')],
  ]),
  functions: new Map(),
  operators: new Map(),
  userCastTargets: new Set(),
};

function targets(sql: string): Record<number, string> {
  const parsed = parseSql(sql);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const found = paramTargets(parsed.result.stmts![0]!.stmt as AstNode, catalog);
  return Object.fromEntries([...found].map(([n, t]) => [n, `${t.table}.${t.column} ${t.notNull ? 'not null' : 'nullable'}`]));
}

describe('parameter targets', () => {
  it('INSERT … VALUES with a column list, every row, casts looked through', () => {
    expect(targets('INSERT INTO items (note, id) VALUES ($1, $2::int), ($3, $4)')).toEqual({
      1: 'items.note nullable', 2: 'items.id not null', 3: 'items.note nullable', 4: 'items.id not null',
    });
  });

  it('INSERT without a column list takes the table columns in order; unknown positions are skipped', () => {
    expect(targets('INSERT INTO items VALUES ($1, $2, $3)')).toEqual({ 1: 'items.id not null', 2: 'items.note nullable', 3: 'items.label not null' });
    expect(targets('INSERT INTO items VALUES ($1, $2, $3, $4)')[4]).toBeUndefined();
    expect(targets('INSERT INTO unknown_table VALUES ($1)')).toEqual({});
  });

  it('a column the facts do not list (facts of a table by the same name elsewhere on the search_path) is taken as nullable', () => {
    expect(targets('INSERT INTO items (not_listed) VALUES ($1)')).toEqual({ 1: 'items.not_listed nullable' });
    expect(targets('UPDATE items SET not_listed = $1')).toEqual({ 1: 'items.not_listed nullable' });
  });

  it('a value that is not a parameter is no target, and the first target of a parameter wins', () => {
    expect(targets("INSERT INTO items (id, note, label) VALUES ($1, 'x', $1)")).toEqual({ 1: 'items.id not null' });
  });

  it('the compiled bulk insert: SELECT * FROM unnest($1::…[], …), pg_catalog.unnest too', () => {
    expect(targets('INSERT INTO items (id, note) SELECT * FROM unnest($1::int4[], $2::text[])')).toEqual({ 1: 'items.id not null', 2: 'items.note nullable' });
    expect(targets('INSERT INTO items (id, note) SELECT * FROM pg_catalog.unnest($1::int4[], $2::text[])')).toEqual({ 1: 'items.id not null', 2: 'items.note nullable' });
  });

  it('only that exact form: another schema, another function, more FROM items or targets are not it', () => {
    expect(targets('INSERT INTO items (id, note) SELECT * FROM other.unnest($1::int4[], $2::text[])')).toEqual({});
    expect(targets('INSERT INTO items (id, note) SELECT * FROM generate_series($1::int, $2::int)')).toEqual({});
    expect(targets('INSERT INTO items (id, note) SELECT * FROM unnest($1::int4[], $2::text[]), items x')).toEqual({});
    expect(targets('INSERT INTO items (id, note) SELECT a, b FROM unnest($1::int4[], $2::text[]) u(a, b)')).toEqual({});
    expect(targets('INSERT INTO items (id) SELECT x.* FROM unnest($1::int4[]) x')).toEqual({});
    expect(targets('INSERT INTO items (id) SELECT $1')).toEqual({});
  });

  it('UPDATE … SET and ON CONFLICT DO UPDATE SET', () => {
    expect(targets('UPDATE items SET note = $1, label = $2 WHERE id = $3')).toEqual({ 1: 'items.note nullable', 2: 'items.label not null' });
    expect(targets('INSERT INTO items (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET note = $2')).toEqual({ 1: 'items.id not null', 2: 'items.note nullable' });
  });

  it('anywhere in the statement, CTEs included', () => {
    expect(targets('WITH moved AS (UPDATE items SET note = $1 RETURNING id) SELECT id FROM moved')).toEqual({ 1: 'items.note nullable' });
  });

  it('tables are named like column origins: schema-qualified outside public and pg_catalog', () => {
    expect(targets('INSERT INTO audit.items (label) VALUES ($1)')).toEqual({ 1: 'audit.items.label not null' });
    expect(targets('INSERT INTO pg_catalog.pg_items (label) VALUES ($1)')).toEqual({ 1: 'pg_items.label not null' });
    // A relation without facts keeps its name as written and is never NOT NULL.
    expect(targets('INSERT INTO elsewhere.things (label) VALUES ($1)')).toEqual({ 1: 'elsewhere.things.label nullable' });
    expect(targets('UPDATE things SET label = $1')).toEqual({ 1: 'things.label nullable' });
  });
});
