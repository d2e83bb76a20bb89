import { beforeAll, describe, expect, it } from 'vitest';
import { compileExpansions, type PlaceholderType } from '../../src/source/compile-expansions.js';
import { parseQueryFile } from '../../src/source/parse-query-file.js';
import { statementToSourceOffset } from '../../src/source/rewrite-statement.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';

beforeAll(() => loadSqlParser());

const one = (sql: string) => {
  const r = parseQueryFile('queries/x.sql', `-- name: Q :many\n${sql}`);
  expect(r.problems).toEqual([]);
  return r.queries[0]!;
};
const problems = (sql: string) => parseQueryFile('queries/x.sql', `-- name: Q :many\n${sql}`).problems.map((p) => p.message);

const scalar = (name: string): PlaceholderType => ({ name, isArray: false, hasArray: true });
const array = (element: string): PlaceholderType => ({ name: `_${element}`, element, isArray: true, hasArray: true });

describe('IN-lists', () => {
  it('probes IN :ids[] as = ANY($n) and NOT IN as <> ALL($n)', () => {
    const q = one('SELECT * FROM t WHERE id IN :ids[] AND kind NOT IN :kinds[] AND x = :x!');
    expect(q.statement).toBe('SELECT * FROM t WHERE id = ANY($1) AND kind <> ALL($2) AND x = $3');
    expect(q.params.map((p) => [p.name, p.index, p.expansion?.kind ?? 'scalar'])).toEqual([
      ['ids', 1, 'list'],
      ['kinds', 2, 'list'],
      ['x', 3, 'scalar'],
    ]);
    expect(q.slots?.map((s) => q.statement.slice(s.start, s.end))).toEqual(['= ANY($1)', '<> ALL($2)']);
  });

  it('compiles to a fixed statement with the element type the server reported', () => {
    const q = one('SELECT * FROM t WHERE id IN :ids[] AND kind NOT IN :kinds[] AND x = :x!');
    const types = [array('uuid'), array('public.mood'), scalar('integer')];
    const compiled = compileExpansions(q, (n) => types[n - 1]);
    expect(compiled.ok && compiled.query.statement).toBe('SELECT * FROM t WHERE id = ANY($1::uuid[]) AND kind <> ALL($2::public.mood[]) AND x = $3');
    expect(compiled.ok && compiled.query.slots).toBeUndefined();
  });

  it('keeps error positions after the expansion pointing at the source', () => {
    const text = '-- name: Q :many\nSELECT * FROM t WHERE id IN :ids[] AND nope = 1';
    const q = parseQueryFile('q.sql', text).queries[0]!;
    const compiled = compileExpansions(q, () => array('uuid'));
    if (!compiled.ok) throw new Error('not compiled');
    const at = compiled.query.statement.indexOf('nope');
    expect(text.slice(statementToSourceOffset(compiled.query.offsets, at))).toBe('nope = 1');
  });

  it('refuses an optional list (`?` is for plain parameters), pointing at the user\'s text', () => {
    const r = parseQueryFile('queries/x.sql', '-- name: Q :many\nSELECT * FROM t WHERE id IN :ids?[]');
    expect(r.problems).toEqual([
      expect.objectContaining({ position: { line: 2, column: 29 }, message: expect.stringContaining('parameter :ids is a list (IN :name[]), which cannot be optional ("?")'), hint: expect.stringContaining('pass [] for no values') }),
    ]);
    expect(problems('INSERT INTO t (a) VALUES :rows?')).toEqual([expect.stringContaining('parameter :rows is rows (VALUES :name), which cannot be optional')]);
    // An array taken as a plain parameter may be optional: that is the optional-filter form.
    expect(one('SELECT * FROM t WHERE (:ids?::int[] IS NULL OR id = ANY(:ids))').params).toMatchObject([{ name: 'ids', mark: '?' }]);
  });

  it('refuses a list outside IN, and a name used as list and scalar', () => {
    expect(problems('SELECT * FROM t WHERE id = ANY(:ids[])')).toEqual([expect.stringContaining('must follow IN or NOT IN')]);
    expect(problems('SELECT * FROM t WHERE id IN :ids[] OR id = :ids')).toEqual([expect.stringContaining('used both as a list')]);
  });
});

describe('bulk insert (VALUES :rows)', () => {
  it('takes the fields from the column list and numbers them after the other parameters', () => {
    const q = one('INSERT INTO books (author_id, "Title", rank) VALUES :books RETURNING id, :tag AS tag');
    expect(q.statement).toBe('INSERT INTO books (author_id, "Title", rank) VALUES ($2, $3, $4) RETURNING id, $1 AS tag');
    expect(q.params.find((p) => p.name === 'books')).toMatchObject({
      index: 2,
      expansion: { kind: 'rows', fields: [{ name: 'author_id' }, { name: 'Title' }, { name: 'rank' }] },
    });
  });

  it('compiles to SELECT * FROM unnest of typed arrays', () => {
    const q = one('INSERT INTO books (author_id, title) VALUES :books ON CONFLICT DO NOTHING RETURNING id');
    const compiled = compileExpansions(q, (n) => [scalar('integer'), scalar('text')][n - 1]);
    expect(compiled.ok && compiled.query.statement).toBe(
      'INSERT INTO books (author_id, title) SELECT * FROM unnest($1::integer[], $2::text[]) ON CONFLICT DO NOTHING RETURNING id',
    );
  });

  it('keeps a typed one-row form for the runtime when a field is an array', () => {
    const q = one('INSERT INTO books (title, tags) VALUES :books RETURNING id');
    const compiled = compileExpansions(q, (n) => [scalar('text'), array('text')][n - 1]);
    if (!compiled.ok) throw new Error('not compiled');
    const { statement, dynamic } = compiled.query;
    expect(statement).toBe('INSERT INTO books (title, tags) VALUES ($1::text, $2::_text) RETURNING id');
    expect(dynamic).toMatchObject({ param: 'books', context: 'values', firstIndex: 1, casts: ['text', '_text'] });
    expect(statement.slice(dynamic!.start, dynamic!.end)).toBe('VALUES ($1::text, $2::_text)');
  });

  it('needs an explicit column list', () => {
    expect(problems('INSERT INTO books VALUES :books')).toEqual([expect.stringContaining('needs the column list')]);
  });
});
