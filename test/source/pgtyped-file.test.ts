import { beforeAll, describe, expect, it } from 'vitest';
import { queryHash } from '../../src/cache/query-hash.js';
import { parseQueryFile } from '../../src/source/parse-query-file.js';
import { loadPgtypedParser } from '../../src/source/pgtyped-parser.js';
import { loadSqlParser } from '../../src/source/sql-scanner.js';

beforeAll(() => Promise.all([loadSqlParser(), loadPgtypedParser()]));

const FILE = `-- Books, pgtyped style. A line comment before the first block is fine.

/* @name FindBookById :maybe */
SELECT * FROM books WHERE id = :id!;

/*
  @name InsertBooks
  @param books -> ((rank!, name, authorId!)...)
*/
INSERT INTO books (rank, name, author_id) VALUES :books RETURNING id AS "book_id!";

/* plain comment between queries */
/* @name SelectSome
   @param ids -> (...)
   @param user -> (name!, age)
*/
SELECT id FROM users WHERE id in :ids! AND (name, age) = :user AND note <> ':not_a_param' AND "a:b" = 1;
`;

describe('pgtyped-format files', () => {
  it('reads @name blocks, defaults to :many, and takes a :cardinality after the name', () => {
    const r = parseQueryFile('queries/books.sql', FILE);
    expect(r.problems).toEqual([]);
    expect(r.blockCount).toBe(3);
    expect(r.queries.map((q) => [q.name, q.cardinality, q.position.line])).toEqual([
      ['FindBookById', 'maybe', 4],
      ['InsertBooks', 'many', 10],
      ['SelectSome', 'many', 17],
    ]);
    expect(r.queries[0]!.statement).toBe('SELECT * FROM books WHERE id = $1');
    expect(r.queries[0]!.params).toMatchObject([{ name: 'id', index: 1, mark: '!' }]);
  });

  it('turns @param expansions into the same records as native syntax', () => {
    const [, insert, some] = parseQueryFile('queries/books.sql', FILE).queries;
    expect(insert!.statement).toBe('INSERT INTO books (rank, name, author_id) VALUES ($1, $2, $3) RETURNING id AS "book_id"');
    expect(insert!.overrides).toEqual([{ name: 'book_id', nullable: false }]);
    expect(insert!.params[0]!.expansion).toEqual({
      kind: 'rows',
      fields: [
        { name: 'rank', mark: '!' },
        { name: 'name', mark: null },
        { name: 'authorId', mark: '!' },
      ],
    });
    expect(some!.statement).toBe(`SELECT id FROM users WHERE id = ANY($1) AND (name, age) = ($2, $3) AND note <> ':not_a_param' AND "a:b" = 1`);
    expect(some!.params.map((p) => [p.name, p.index, p.expansion?.kind])).toEqual([
      ['ids', 1, 'list'],
      ['user', 2, 'tuple'],
    ]);
    expect(some!.declarations).toEqual(['ids -> (...)', 'user -> (name!, age)']);
  });

  it('takes :param? as optional, and refuses it on a declared expansion', () => {
    const optional = parseQueryFile('q.sql', '/* @name Q */\nSELECT id FROM t WHERE :body? IS NULL OR body = :body;');
    expect(optional.problems).toEqual([]);
    expect(optional.queries[0]!.params).toMatchObject([{ name: 'body', mark: '?' }]);
    const tuple = parseQueryFile('q.sql', '/* @name Q\n @param user -> (name!, age) */\nSELECT 1 FROM t WHERE (name, age) = :user?;');
    expect(tuple.problems).toEqual([
      expect.objectContaining({ position: { line: 3, column: 37 }, message: expect.stringContaining('parameter :user is a tuple, which cannot be optional ("?")'), hint: 'mark its fields instead, e.g. (name!, age)' }),
    ]);
  });

  it('makes the declarations part of the query identity', () => {
    const before = parseQueryFile('q.sql', '/* @name Q\n @param ids -> (...) */\nSELECT 1 WHERE 1 IN :ids;').queries[0]!;
    const renamed = parseQueryFile('q.sql', '/* @name Q\n @param ids -> ((a)...) */\nSELECT 1 WHERE 1 IN :ids;').queries[0]!;
    expect(before.sql).toBe(renamed.sql);
    expect(queryHash(before)).not.toBe(queryHash(renamed));
  });

  it('reports pgtyped syntax errors, bad cardinalities, mixed formats and misplaced lists with positions', () => {
    const unterminated = parseQueryFile('q.sql', '/* @name A */\nSELECT 1;\n/* @name B */\nSELECT 2');
    expect(unterminated.problems[0]).toMatchObject({ message: expect.stringContaining('pgtyped syntax'), position: { line: 4 } });
    expect(parseQueryFile('q.sql', '/* @name A :once */\nSELECT 1;').problems[0]!.message).toContain('unknown cardinality ":once"');
    expect(parseQueryFile('q.sql', '/* @name A */\nSELECT 1;\n-- name: B\nSELECT 2;').problems[0]!.message).toContain('mixes');
    const misplaced = parseQueryFile('q.sql', '/* @name A\n  @param ids -> (...) */\nSELECT * FROM t WHERE id = :ids;');
    expect(misplaced.problems[0]).toMatchObject({ position: { line: 3, column: 28 }, message: expect.stringContaining('must follow IN or NOT IN') });
    expect(parseQueryFile('q.sql', '/* @name A */\nSELECT 1;\n/* @name a */\nSELECT 2;').problems[0]!.message).toContain('duplicate query name a');
  });
});
